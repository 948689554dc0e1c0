/**
 * Which numbered list an ordering item may ask to put back in order: the steps of a procedure (most items are
 * instructions, where the language has an analyser, or the lead-in says it is a sequence: "the following
 * steps", "in this order"), three to eight of them, each short enough to read, none code, none twice. A list of
 * things that has no order (tools, rules) is no question. The ordering maker (quiz/kinds/ordering.ts) asks a
 * list no rule of {@link STEP_RULES} catches.
 *
 * An example is `lead-in | item ; item ; item`, or `Section § lead-in | item ; …` for a list under a heading.
 */
import type { AnalysedLanguage, QuizWords, Token } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import { looksLikeCode } from '../sentences/items.ts';
import {
  ADVICE_LEAD,
  BRANCH_STEP,
  FEATURES_HEADING,
  FEATURES_LEAD,
  JOINING_END,
  POINTS_AHEAD,
  PROCEDURE_MARK,
  PROCEDURES_LEAD,
  TAKES_WORD,
  TO_DO_LEAD,
  UNORDERED_LEAD,
  WANTED_LEAD,
} from './sure-words.ts';

const MIN_ITEMS = 3;
const MAX_ITEMS = 8;
const MAX_ITEM_CHARS = 160;

/** Whether `text` opens with an instruction (a verb in the imperative); supplied by the language's analyser. */
export type IsInstruction = (text: string) => boolean;

/** A numbered list as the rules read it. */
export interface StepList {
  lead: string;
  /** The heading of the section the list is in, when known. */
  section?: string;
  items: readonly string[];
  isInstruction?: IsInstruction;
  words: QuizWords;
}

export interface StepRule extends Rule {
  fails(list: StepList): boolean;
}

/** A verb in its base form ("run", not "runs", "ran"). */
const baseVerb = (t: Token | undefined) => t !== undefined && t.pos === 'VERB' && t.lemma === t.lower;

/** A noun or a name. */
const nominal = (t: Token | undefined) => t !== undefined && (t.pos === 'NOUN' || t.pos === 'PROPN');
/** Where a label or a sentence stops: its end, a colon ("Output file: the path"), a full stop. */
const closes = (t: Token | undefined) => t === undefined || (t.pos === 'PUNCT' && /^[.:;!?]$/u.test(t.text));
/**
 * Where a label stops: the text's end without a full stop, or a colon ("Output file name: the path"). A full stop
 * ends a sentence, and "Load data.", "Sort sequences." are instructions (CD-HIT, fresh set 10), not labels.
 */
const labelEnds = (t: Token | undefined) => t === undefined || (t.pos === 'PUNCT' && t.text === ':');
/** A verb in its -ing form ("using", "giving"): it opens a phrase on the object ("Sort sequences using the -s flag"), it is no subject's verb. */
const gerund = (t: Token) => t.pos === 'VERB' && t.lemma !== t.lower && /ing$/u.test(t.lower);

/**
 * Whether a text's first word and the nouns after it are a compound noun: a label, nothing but nouns up to its end
 * or a colon ("Output file name", "Reference database preparation"), or the subject of a verb that follows
 * ("Output files are written…", "Process names appear…", "Search results cached."). The tagger reads a noun inside
 * such a compound as a verb at times ("Output/NOUN file/VERB names/NOUN"): a verb in its base form is taken for a
 * noun when a noun or the compound's end follows it. An object and what follows it is no compound: "Sort sequences
 * by length", "Copy files to the server", "Sort lines alphabetically".
 */
export function compoundNoun(tags: readonly Token[]): boolean {
  let k = 1;
  while (nominal(tags[k]) || (baseVerb(tags[k]) && (nominal(tags[k + 1]) || closes(tags[k + 1])))) k++;
  // Not without a noun: the tagger reads a name's first piece as a verb too ("repeat cd-hit…" as repeat/NOUN cd/AUX).
  const next = tags[k];
  return k > 1 && (labelEnds(next) || next!.pos === 'AUX' || (next!.pos === 'VERB' && !gerund(next!)));
}

/**
 * An instruction opens with a verb in its base form ("Run make", "Open the file"). The tagger often reads a verb
 * that opens a sentence as an adjective or a noun ("Select the satellite" as ADJ; "Sort sequences", "Repeat until
 * done", "pool all the samples", "Load your data" as NOUN: Gpredict and Grace, fresh set 9; CD-HIT, fresh set 10):
 * such a word is read again after "you", which tells only whether it can be a verb ("you output files…" reads
 * "output" as one as readily as "you sort sequences…"), not that it is one here. So it is not read again when
 * nothing or one word follows it (a label, "General:", "Output file"), or "of" ("Position of the station"), or a
 * capital (a label in title case, "Input Data"), or when it and the nouns after it are a label or the subject of a
 * verb of their own ({@link compoundNoun}: "Output files are written to /tmp.", "Sort order depends on the locale.").
 */
export const instructionOf =
  (lang: AnalysedLanguage): IsInstruction =>
  (text) => {
    const tags = lang.analyser.tag(text);
    const [first, second] = tags;
    if (baseVerb(first)) return true;
    if (first === undefined || !/^\p{L}\p{Ll}+$/u.test(first.text)) return false;
    if (first.pos !== 'NOUN' && first.pos !== 'ADJ') return false;
    // Alone or with one word, it is a label ("General:", "Sort key"); "of" after it, a noun; a capital, a label in
    // title case ("Input Data:").
    if (second === undefined || second.pos === 'PUNCT' || labelEnds(tags[2])) return false;
    if (second.lower === 'of' || /^\p{Lu}/u.test(second.text)) return false;
    if (compoundNoun(tags)) return false;
    return baseVerb(lang.analyser.tag(`you ${first.lower}${text.slice(first.end)}`)[1]);
  };

/** Abbreviations whose full stop ends no sentence inside a heading ("Smith vs. Jones", "Dr. No"). */
const ABBREVIATION_STOP = /\b(?:vs|etc|Dr|Mr|St|cf)\.\s+/gu;

/**
 * Whether a section title reads as a heading: not a line of prose, which opens in lower case with three words or
 * more ("the near-neighbor environment of the absorbing atom …") or ends a sentence inside ("… atom. It is then …"),
 * as a line of the paragraph before a list, taken for a title by the layout, does (IFEFFIT AUTOBK manual, fresh set
 * 12). A heading's number ("2.1.2", "A.", "B2") is no sentence's end, nor is a version ("5.x") or an abbreviation
 * ("vs."); a capital alone is a number only before "." or a digit: "A Quick Tour" opens with its article.
 */
export function headingShaped(title: string): boolean {
  const text = title
    .trim()
    .replace(/^(?:\d+|\p{Lu}(?=[.\d]))(?:\.\d+)*\.?\s+/u, '')
    .replace(ABBREVIATION_STOP, ' ');
  const prose = /^\p{Ll}/u.test(text) && text.split(/\s+/u).length >= 3;
  return !prose && !/\p{L}{2}[.!?]\s+\p{L}/u.test(text);
}

export const STEP_RULES: readonly StepRule[] = [
  {
    id: 'steps/too-few',
    why: 'Two items in order are a true/false question in disguise: an ordering item needs three or more.',
    reject: ['Proceed as follows: | Open the file. ; Read it.'],
    keep: ['Proceed as follows: | Open the file. ; Read it. ; Close it.'],
    fails: (l) => l.items.length < MIN_ITEMS,
  },
  {
    id: 'steps/too-many',
    why: 'More than eight items are too many to drag into order on a phone; such lists are references, not procedures.',
    reject: [
      'Proceed as follows: | Open it. ; Read it. ; Copy it. ; Edit it. ; Save it. ; Check it. ; Sign it. ; Send it. ; Close it.',
    ],
    keep: [
      'Proceed as follows: | Open it. ; Read it. ; Copy it. ; Edit it. ; Save it. ; Check it. ; Sign it. ; Send it.',
    ],
    fails: (l) => l.items.length > MAX_ITEMS,
  },
  {
    id: 'steps/unreadable-item',
    why: 'An item too long to read in a list, without words, or code (a command line) makes the order a test of reading, not of the procedure.',
    reject: [
      'Proceed as follows: | Open the file. ; x = malloc(16); free(x); ; Close it.',
      'Proceed as follows: | Open the file. ; 42 ; Close it.',
    ],
    keep: ['Proceed as follows: | Open the file. ; Configure the build. ; Close it.'],
    fails: (l) => l.items.some((t) => t.length > MAX_ITEM_CHARS || !/\p{L}{3}/u.test(t) || looksLikeCode(t)),
  },
  {
    id: 'steps/twice',
    why: 'An item there twice has two places: the order cannot be marked.',
    reject: ['Proceed as follows: | Open it. ; Read it. ; open it.'],
    keep: ['Proceed as follows: | Open it. ; Read it. ; Close it.'],
    fails: (l) => new Set(l.items.map((t) => t.toLowerCase())).size < l.items.length,
  },
  {
    id: 'steps/checklist',
    why: 'A numbered list of advice ("Make sure…", "Don\'t…") is a checklist: its numbers count, they do not order (developers-reference: "Being kind to porters").',
    reject: [
      "Be kind to porters: | Make sure your source package is correct. ; Don't rely on the compiler version. ; Make sure you list every build dependency.",
    ],
    keep: ['Do the following steps: | Install the package. ; Run the tests. ; Read the log.'],
    fails: (l) => l.items.filter((t) => l.words.checklistOpening.test(t)).length * 2 >= l.items.length,
  },
  {
    id: 'steps/advice',
    why: 'A list whose lead-in asks to make sure, gives precautions, tips or idioms, or explains what a command means ("When reporting a bug please make sure you:", "This means to do following actions."), or offers things to try ("here are some things to try") is a checklist, a gloss or alternatives: its numbers count, they do not order (sdcc, debian-reference, Graphviz).',
    reject: [
      'When reporting a bug please make sure you: | Attach the code. ; Specify the command you ran. ; Provide the error message.',
      'You should make precautionary moves for the full upgrade. | Read the release notes. ; Back up the system. ; Inform the users.',
      'This means to do following actions. | Search all files. ; Exclude the directories. ; Print the file names.',
      // Things to try are alternatives, not steps (Graphviz dot guide, fresh set 5).
      'With this in mind, here are some thing to try on a given graph: | Increase the node fontsize. ; Use smaller ranksep and nodesep. ; Use ratio=auto.',
    ],
    keep: [
      'To rescue the system, do the following steps: | Boot the rescue disk. ; Mount the disk. ; Edit the file.',
    ],
    fails: (l) => ADVICE_LEAD.test(l.lead),
  },
  {
    id: 'steps/points-ahead',
    why: 'A step that points at what follows it ("Install the older package by the following.", "Continue with the following instructions...") cannot be done from the list: its content is elsewhere (debian-reference, valgrind).',
    reject: [
      'Proceed as follows: | Boot the system in rescue mode. ; Mount the disk. ; Install the older package by the following.',
      'Build it so: | Run ./autogen.sh first. ; Continue with the following instructions... ; Run make.',
    ],
    keep: [
      'Proceed as follows: | Boot the system in rescue mode. ; Mount the disk. ; Install the older package.',
    ],
    fails: (l) => l.items.some((t) => POINTS_AHEAD.test(t.trim())),
  },
  {
    id: 'steps/branches',
    why: 'A step that branches on another ("If step 4 was not successful", "Otherwise…") or names one by its number ("Repeat steps 2 to 4") belongs to an algorithm with conditions: its branches have no order between them, and "step 4" gives the place away (yosys manual, fresh set 4).',
    reject: [
      'FSM Extraction § The algorithm: | Create a ConstEval object. ; Add all control inputs to the stop signals. ; Try to evaluate the next state. ; If step 3 was not successful ; If step 3 was successful: Emit transition',
      'Proceed as follows: | Open the file. ; Edit the header. ; Repeat steps 1 and 2 for each file.',
      'Proceed as follows: | Open the file. ; If the file is locked, close it. ; Otherwise edit the header.',
    ],
    keep: [
      'Proceed as follows: | Open the file. ; Edit the header. ; Save the file when it is done.',
      'Proceed as follows: | Start the daemon. ; Wait 2 steps of the clock. ; Read the log.',
    ],
    fails: (l) => l.items.some((t) => BRANCH_STEP.test(t.trim())),
  },
  {
    id: 'steps/states-order',
    why: 'An item that says which item comes before it ("Fill in right side. (Do 1 first)", "Solve. (Do 2 first)", "Run the tests after 2.") gives the order away: the learner reads it off the items, not from the procedure (Surface Evolver manual\'s hessian menu, fresh set 12). "after 5 seconds" and "after 10." are a time, not an item.',
    reject: [
      'A quick summary of the current options: | Fill in hessian matrix. ; Fill in right side. (Do 1 first) Calculates gradient and constraint values. ; Solve. (Do 2 first) Solves system for a motion direction.',
      'Proceed as follows: | Open the file. ; Edit the header (after 1). ; Save it.',
      'Proceed as follows: | Open the file. ; Edit the header, as in 1. ; Save it once 2 is done.',
      'Proceed as follows: | Open the file. ; Edit the header after step 12. ; Save it.',
    ],
    keep: [
      'Proceed as follows: | Start the daemon. ; Wait until it is up after 5 seconds. ; Read the log.',
      'Proceed as follows: | Open the file. ; Do the edits first. ; Save it.',
      'Proceed as follows: | Install version 2. ; Run the tests after the install. ; Read the log.',
      'Proceed as follows: | Set the timer. ; Reboot after 10. ; Read the log.',
    ],
    fails: (l) => l.items.some((t) => STATES_ORDER.test(t)),
  },
  {
    id: 'steps/completed-lead',
    why: 'A lead-in that stops on "is", "are" or a modal of a thing ("At present, the only ways to produce strings are:", "… the AXIS GUI will:", "The idea is:") is a sentence the items complete: what a thing is, has or does, not steps a reader takes ("1. double-quoted string literals 2. string variables 3. output from sprintf"; "1. show joint numbers prior to homing 2. show axis letters …"), even when the tagger reads their first words as verbs (Surface Evolver manual, LinuxCNC, SageTeX, fresh set 12). A lead-in that calls them steps, stages, commands or an order ("The steps are:") heads a procedure, and the reader\'s "you will:" does; a modal\'s ("the program will:") items complete it only in lower case without a full stop, full sentences are its steps.',
    reject: [
      'expressions: A string expression evaluates to a string of characters. At present, the only ways to produce strings are: | double-quoted string literals, e.g. "this is a string". ; string variables, either internal like datafilename, or user-defined. ; output from sprintf.',
      'With this setting, identity kinematics will be used but the AXIS GUI will: | show joint numbers prior to homing ; show axis letters after successful homing ; support toggling between joint and teleop modes with the $ key',
      'The idea is: | Get the literal text for each command. ; Accumulate a corresponding UseVerbatim. ; For the output: try to eval() the processed command.',
    ],
    keep: [
      'The steps are: | Open the file. ; Edit the header. ; Save it.',
      'The installation procedure is: | Download the archive. ; Unpack the archive. ; Run the installer.',
      'To install it, you will: | Download the archive. ; Unpack the archive. ; Run the installer.',
      'Do the following: | Open the file. ; Edit the header. ; Save it.',
      'The order is: | Open the file. ; Edit the header. ; Save it.',
      'At startup, the program will: | Read the configuration file. ; Open the log. ; Start the listener.',
      'The stages are: | Parse the input. ; Check the types. ; Write the output.',
    ],
    fails(l) {
      if (l.words.sequenceLead.test(l.lead) || ORDER_LEAD.test(l.lead)) return false;
      if (BEING_LEAD.test(l.lead)) return true;
      // A thing's "will:" heads what it does, or a program's steps in full sentences: only items that go on the
      // lead's sentence, in lower case without a full stop, complete it.
      return MODAL_LEAD.test(l.lead) && l.items.every((t) => /^\p{Ll}/u.test(t.trim()) && !/\.\s*$/u.test(t));
    },
  },
  {
    id: 'steps/features',
    why: 'A list the lead-in\'s last clause ends on a noun calling its items goals, features, requirements or properties ("The new release has these features:", "The requirements are:"), on what a thing should be able or aims to do, or on a count of ways or options ("There are three ways to disable a warning:"), holds things true at once or to choose from, even when its items read as instructions: they have no order to learn (Verilator manual, set 11: three ways to disable a warning, numbered). A heading of goals, features or requirements counts only over a lead-in that adds nothing (empty, "… are:") or says what someone wants a thing to do (FLTK programming manual, fresh set 14: "Determining the Goals of the Text Editor", "lets define what we want our text editor to do:" above provide a menubar, load, save). That clause or heading saying the list is done in turn (steps, procedure, "To install it:", "in order to", "how to", "… then:", installing, configuring, building) heads a procedure.',
    reject: [
      "Determining the Goals of the Text Editor § Since this will be the first big project you'll be doing with FLTK, lets define what we want our text editor to do: | Provide a menubar/menus for all functions. ; Edit a single text file, possibly with multiple views. ; Load from a file. ; Save to a file. ; Keep track of when the file has been changed.",
      'Disabling Warnings § There are three ways to disable a warning: | Disable the warning in the source code. ; Disable the warning using a configuration file. ; Disable the warning globally with an option.',
      'The new release has these features: | Support IPv6 addresses. ; Read compressed input. ; Write JSON output.',
      'The user should be able to: | Log in with a password. ; Change the password. ; Delete the account.',
      'Goals § This release aims to: | Support IPv6. ; Read compressed input. ; Write JSON.',
      'Options § Three options are available: | Use the default. ; Use a config file. ; Pass a flag.',
      'Editor § This tool offers many options: | Set the font. ; Choose a theme. ; Enable line numbers.',
      // Lists of sets 12 and 14 whose lead-in ends on the noun or the count (CTSim, IFEFFIT, PyTables).
      'CTSimText can be invoked via three different methods. | CTSimText can be executed without any parameters. ; CTSimText can also be called to execute a single command. ; CTSimText can read commands from a file.',
      'feffit() has four basic requirements: | Data to fit. ; A list of paths to sum. ; A set of variables. ; A fit range.',
      'It lacks some functionality. This is a list of known current limitations: | Open node files read-only. ; Keep one node per file. ; Use no compression.',
      // The clause that heads the list is read for the purpose too: "To install" a sentence before is not the list's.
      'Using the editor § To install the editor you need Python. The editor has these features: | Syntax highlighting. ; Search and replace. ; Auto-save.',
      'Editor § The installer offers these features: | Add a desktop shortcut. ; Register file types. ; Check for updates.',
      // Properties of a thing, from other fields: held at once, no order.
      'Properties of an ideal gas § An ideal gas has these properties: | Molecules occupy no volume. ; Collisions are elastic. ; Molecules exert no forces between collisions.',
      'Requirements of a valid contract § The requirements are: | Offer and acceptance. ; Consideration. ; Capacity of the parties.',
    ],
    keep: [
      'Installing MPFI § The installation goes: | ./configure ; make ; make check ; make install',
      'Tcl APIs § In order to create your own application, you need to: | Define attribute factories. ; Create the application class. ; Add tcl commands.',
      // A goal or a requirement named inside a lead-in that says the list is done in turn.
      'To meet these requirements, do the following: | Install the compiler. ; Build the library. ; Run the tests.',
      'Requirements § To install the requirements: | Download the archive. ; Unpack it. ; Run the installer.',
      'The goal is to build the package: | Download the archive. ; Unpack it. ; Run make.',
      'Here is what you need to do: | Download the archive. ; Unpack it. ; Run make.',
      // Look-alikes from other fields: a recipe, a lab protocol, a legal procedure, a network setup.
      'Method § For best results, first whisk the eggs, then: | Preheat the oven to 180 °C. ; Fold in the flour. ; Bake for 25 minutes.',
      'Preparing the buffer § To prepare 1 L of buffer with these properties: | Dissolve 8 g of NaCl in 800 mL of water. ; Adjust the pH to 7.4. ; Add water to 1 L.',
      'Filing an appeal § How to file an appeal that meets the requirements: | File a notice of appeal. ; Pay the fee. ; Serve the other parties.',
      'Configuring the network § The interface has three options; set them so: | Assign the IP address. ; Set the gateway. ; Restart the interface.',
      'Features § The steps are: | Open the file. ; Edit the header. ; Save it.',
      // Features named in a sentence before the one that heads the list are the program's, not the list's.
      'CLIPS includes features such as an editor and a debugger. Use it so: | Open the editor. ; Load the rules. ; Run them.',
      'Setting up a VPN § The VPN has these features. Do this: | Open Settings. ; Add a VPN. ; Enter the server address.',
      // "Properties" with a capital names a program's window, under which steps are common.
      'Network Properties § In the dialog: | Click Start. ; Open the Control Panel. ; Select the network adapter.',
      'In the Properties dialog: | Select the General tab. ; Enter the gateway address. ; Click OK.',
      // A heading of features or requirements over a lead-in that is an instruction or a task (reviewer, stop 38).
      'Security features § Turn on two-factor authentication: | Open Settings. ; Select Security. ; Turn on Two-factor authentication. ; Scan the QR code.',
      'Sample requirements § Prepare cell samples as below: | Centrifuge the sample at 5000 g. ; Discard the supernatant. ; Resuspend the pellet in PBS.',
      'Benefits of stretching § Try this hamstring stretch: | Sit on the floor with your legs straight. ; Reach for your toes. ; Hold for 30 seconds.',
      'Filing requirements § A complaint is filed so: | Draft the complaint. ; File it with the clerk. ; Serve the defendant within 90 days.',
      'Eligibility requirements § Once you qualify, open the account: | Fill in the application. ; Deposit at least $100. ; Verify your identity.',
      'Known limitations § Work around the size limit so: | Split the file into parts. ; Upload each part. ; Join them on the server.',
      'Advantages of a chlorine wash § Wash the glassware: | Rinse it in water. ; Soak it in bleach for 10 minutes. ; Rinse it three times.',
      // A count of ways a later clause picks one of: the steps of that way follow.
      'Recovery position § There are several ways to place a casualty; for an adult: | Kneel beside the casualty. ; Place the nearer arm at a right angle. ; Roll them onto their side.',
      'Opening a port § There are two ways to open a port; the first is with ufw: | Enable ufw. ; Allow the port. ; Reload the rules.',
      // A requirement, a goal or properties inside the lead-in but not its head, and what someone wants done.
      'Renewing a passport § Meeting the requirements for renewal by mail: | Fill in form DS-82. ; Attach a recent photo. ; Mail the form with the fee.',
      'Training plan § Your goals for this session: | Warm up for 10 minutes. ; Run 5 km at an easy pace. ; Cool down and stretch.',
      'Checking a disk § Right-click the drive and choose properties: | Open the Tools tab. ; Click Check. ; Click Scan drive.',
      "Freezing-point depression § The solution's properties are measured as below: | Weigh 10 g of solvent. ; Dissolve 1 g of solute in it. ; Cool the mixture and record the freezing point.",
      'Programming the robot § Here is what we want the robot to do: | Move forward one metre. ; Turn left. ; Pick up the block. ; Return to the start.',
      'Design § Gather the requirements, then: | Write the design. ; Implement it. ; Test it.',
      'CPR § Rescuers should be able to do the following without pause: | Check for breathing. ; Call for help. ; Give 30 chest compressions. ; Give 2 rescue breaths.',
      'Bank reconciliation § Reconcile the account; the goal is a matching balance and the objectives are met when: | Compare the deposits. ; Compare the cheques. ; Adjust the book balance.',
      // More of the reviewer's procedures under a heading or lead-in that names features, goals or a count (stop 38).
      'Renewing a passport § To meet the requirements for renewal by mail: | Fill in form DS-82. ; Attach a recent photo. ; Mail the form with the fee.',
      'Resetting the router § There are two ways to reset the router; the quickest is: | Unplug the router. ; Wait 30 seconds. ; Plug it back in.',
      'Firewall features § Open port 443 on the firewall: | Log in to the admin page. ; Go to Firewall > Rules. ; Add a rule for TCP 443. ; Save and apply.',
      'Drill objectives § Run the drill: | Set up cones 5 m apart. ; Pass the ball to your partner. ; Sprint to the next cone.',
      'Meeting accessibility requirements § Add alt text to an image: | Right-click the image. ; Choose Edit Alt Text. ; Type the description.',
      "Freezing-point depression § The solution's properties are measured as below: | Weigh 10 g of solvent. ; Dissolve 1 g of solute in it. ; Cool the mixture and record the freezing point.",
      'Clearing a stale lock § Several options exist; the simplest is: | Stop the service. ; Delete the lock file. ; Start the service.',
      'Making a roux § A roux has three properties that matter; make it so: | Melt the butter. ; Whisk in the flour. ; Cook for two minutes.',
      'Bank reconciliation § The reconciliation has two goals: matching the balance and finding errors. Work through it: | Compare the deposits. ; Compare the cheques. ; Adjust the book balance.',
    ],
    fails: (l) => {
      const clause = closingClause(l.lead);
      const heading = l.section ?? '';
      const marked = (text: string) =>
        l.words.sequenceLead.test(text) || ORDER_LEAD.test(text) || PROCEDURE_MARK.test(text);
      if (FEATURES_LEAD.test(clause)) return !marked(clause);
      const bare = clause.trim() === '' || BEING_LEAD.test(clause) || WANTED_LEAD.test(clause);
      return bare && FEATURES_HEADING.test(heading) && !marked(clause) && !marked(heading);
    },
  },
  {
    id: 'steps/run-on',
    why: 'A step that ends on a joining word in lower case ("Replace all tabs with a space; and finally", "Press Ctrl and", "Beat the whites until stiff, then", or a word the language gives a cut step, "Mix with") is cut where the list\'s numbering or the page split its sentence, or keeps the list\'s own joining words: the learner reads half a step (TeXworks manual, fresh set 14). A word another names as an object is whole ("Join the two tests with and", "Write the result after then"), as are operators in capitals ("Combine it with the second using AND") and a lone letter ("Select option a").',
    reject: [
      'Try it: | Insert an empty line between entries. ; Replace all tabs with a space; and finally ; Make the telephone numbers consistent.',
      'Proceed as follows: | Open the file. ; Edit the header and ; Save it.',
      'Proceed as follows: | Open the file, then ; Edit the header. ; Save it.',
      'Shortcut § Proceed as follows: | Select the text. ; Press Ctrl and ; Press C.',
      'Whisking § Method: | Separate the eggs ; Beat the whites until stiff, then ; Fold in the sugar',
      'Lab § Proceed as follows: | Add 5 mL of buffer ; Mix with ; Centrifuge at 5000 g',
      'Legal § Proceed as follows: | File the motion ; Serve notice on the other party ; Appear at the hearing, or',
      'Setup § Proceed as follows: | Download the installer ; Run it as admin ; Finally',
      // More cut steps from first aid, chemistry, a drill and yoga (reviewer, stop 38).
      'First aid for burns § Proceed as follows: | Cool the burn under running water ; Remove rings and watches ; Cover the burn loosely with cling film and',
      'Loops § Proceed as follows: | Repeat steps 2 and 3, then ; Save the file. ; Close it.',
      'Drill § Run the drill: | Dribble to the cone ; Pass to the winger, who shoots and ; Repeat',
      'Kit § Do the following steps: | Unpack the kit ; Check that the cable is there and ; Plug it in',
      'Chemistry § Proceed as follows: | Weigh the sample ; Dissolve it in water and ; Titrate with NaOH',
      'Yoga § Proceed as follows: | Breathe in and ; Raise your arms ; Breathe out',
    ],
    keep: [
      'Proceed as follows: | Log in and out. ; Edit the header. ; Save it.',
      'Method: | Mix the salt and pepper. ; Add the eggs. ; Bake it.',
      'Proceed as follows: | Open the file. ; Edit the header. ; Save it; and finally close it.',
      'Proceed as follows: | Open the file. ; Choose Yes or No ; Save it.',
      // Operators and words named as objects, from library search, spreadsheets, logic and programming (reviewer, stop 38).
      'Searching the catalogue § Proceed as follows: | Type the first keyword ; Combine it with the second using AND ; Exclude a term with NOT ; Click Search',
      'Broadening a search § Proceed as follows: | Enter the first term ; Add synonyms joined with OR ; Run the search',
      'Filtering rows § Do the following steps: | Open the Filter dialog. ; Set the first condition. ; Set the operator to AND ; Click Apply.',
      'Building the circuit § Do the following steps: | Place two switches on the board ; Wire both switches into an AND ; Connect the output to the LED',
      'Writing a conditional § Proceed as follows: | Write the condition after if ; Write the result after then ; Write the alternative after else',
      'Python § Proceed as follows: | Type the condition ; Join the two tests with and ; Run the cell',
      'Car check § Proceed as follows: | Check the tyre pressure ; Top up the washer fluid ; Check the oil and coolant also',
      'Drill § Run the drill: | Dribble to the cone ; Pass it back and forth ; Shoot',
      'Search § Proceed as follows: | Open the Advanced Search page ; Set Match to Any or All ; Click Search',
      'Exam § Proceed as follows: | Read the question ; Select option a ; Move on',
      'Network § Do the following steps: | Open the router page ; Set DHCP to On or Off ; Click Save',
      'Finance § Do the following steps: | Open the Orders tab ; Choose Buy or Sell ; Enter the amount',
      'Exam § Proceed as follows: | Read the question ; Mark True or False ; Move on',
      'Editor § Proceed as follows: | Open Find and Replace ; Type the word ; Click Replace All',
      'BASIC § Proceed as follows: | Type IF X > 5 THEN ; Type the statement to run ; Type END IF',
    ],
    fails: (l) => l.items.some((t) => runsOn(t, l.words)),
  },
  {
    id: 'steps/note-run-in',
    why: 'A step with a note run into it, no stop between ("… a new password chosen by yourself Be aware of security implications…", Debian Edu manual, fresh set 3: a list written in lower case, without stops), holds a sentence that is not the step: a lower-case word, then a word that opens a note or an instruction in capitals.',
    reject: [
      'To set a new password for a user | search for the user to be modified ; click on the key symbol ; set a new password chosen by yourself Be aware of security implications due to easy to guess passwords!',
      'Proceed as follows: | Open the file ; Edit the header Note that the header is optional ; Save it',
    ],
    keep: [
      'Proceed as follows: | Select the satellite in the Target box. ; Enable the Track button. ; Enable the Engage button.',
      'Proceed as follows: | Open the file. Note that it is big. ; Edit the header. ; Save it.',
      'Proceed as follows: | Open the Note menu ; Edit the header ; Save it',
    ],
    fails: (l) => l.items.some((t) => NOTE_RUN_IN.test(t)),
  },
  {
    id: 'steps/next-step-run-in',
    why: 'A step with the next step\'s number and text run into it ("… the just-configured IP address. 4. Promote the stacked DRBD resource…") shows the extraction joined two steps: the learner sees a step twice or out of place (DRBD users\' guide, fresh set 7).',
    reject: [
      'Proceed as follows: | Create the resource. ; Start the IP address. ; Bring up the resource on the just-configured IP address. 4. Promote the stacked DRBD resource.',
      'Proceed as follows: | Open the file. ; Edit the header: 3. Save it. ; Close it.',
    ],
    keep: [
      'Proceed as follows: | Install version 8.4. ; Edit the configuration. ; Restart the service.',
      'Proceed as follows: | Allocate 2. 5 GB of disk. ; Edit the configuration. ; Restart the service.',
    ],
    fails: (l) => l.items.some((t) => /[.:;]\s+\d{1,2}\.\s+\p{Lu}\p{Ll}/u.test(t)),
  },
  {
    id: 'steps/one-action',
    why: 'Steps that are the same words but for a short tail, the thing acted on ("Issue the bos create command to start the Protection Server", "… the VL Server", "… the Backup Server"), are one action done to several things: nothing fixes their order for a learner (OpenAFS Quick Beginnings, fresh set 7). Steps that share an opening and then part in an action of their own ("Log in to the first node and stop the service") are steps.',
    reject: [
      'Start the server processes: | Issue the bos create command to start the Protection Server. ; Issue the bos create command to start the VL Server. ; Optionally, issue the bos create command to start the Backup Server.',
    ],
    keep: [
      'To build the program, do the following: | Run ./configure in the source directory. ; Run make in the source directory. ; Run make install as root.',
      'Proceed as follows: | Issue the bos shutdown command. ; Issue the ps command to find the process. ; Run the script.',
      'Upgrade the cluster: | Log in to the first node and stop the service. ; Log in to the first node and upgrade the package. ; Log in to the second node.',
    ],
    fails: (l) => {
      // "Optionally, issue…": an opening word and its comma are no part of the action.
      const items = l.items.map((t) => stepWords(t.toLowerCase().replace(/^\p{L}+,\s+/u, '')));
      const shared = commonPrefix(items);
      // The same action on several things: the items part only in a short tail, a noun phrase ("the VL Server"),
      // not in an action of their own ("… first node and stop the service").
      return (
        items.length > 1 &&
        shared >= 4 &&
        items.every((words) => {
          const tail = words.slice(shared);
          return tail.length <= 3 && !tail.some((w) => /^(?:and|or|then)$/u.test(w));
        })
      );
    },
  },
  {
    id: 'steps/option-list',
    why: 'A numbered list whose items open with a name in lower case and then its description ("detach This is the default…", "pass_on This causes…", "call-local-io-error Invokes…"), or with a label in capitals and a colon ("Input Data: specify…", "Substitution Model: selection of…"), lists the values of an option or the entries of a menu, not steps: they have no order (DRBD users\' guide, fresh set 7; PhyML manual, fresh set 8). A step that opens with an instruction and a colon ("Configure: run ./configure") is a step.',
    reject: [
      'PHYLIP-like interface | Input Data: specify whether the input file contains amino-acid or nucleotide sequences. ; Substitution Model: selection of the Markov model of substitution. ; Tree Searching: selection of the tree topology searching algorithm. ; Branch Support: selection of the method that is used to measure branch support.',
      'The menus: | Options: the settings of the run. ; Output Files: where the results go. ; Help: the manual.',
      'The strategies: | detach This is the default and recommended option. ; pass_on This causes DRBD to report the I/O error. ; call-local-io-error Invokes the command defined as the handler.',
    ],
    keep: [
      'Proceed as follows: | Read the Nexus data file ; Set the evolutionary model ; Run the analysis',
      'Proceed as follows: | make the build directory. ; run cmake in it. ; install the result.',
      'Build it so: | Configure: run ./configure in the source directory. ; Compile: run make. ; Install: run make install as root.',
      'Proceed as follows: | Download the archive: it is on the web site. ; Unpack the archive. ; Run the installer.',
      'To upgrade DRBD: | Stop DRBD: run drbdadm down all. ; Upgrade DRBD: install the new packages. ; Start DRBD: run drbdadm up all.',
      'Proceed as follows: | click File and choose Open. ; type the name of the file. ; press Enter.',
      'Proceed as follows: | Options: set the options you need. ; Run the program.',
    ],
    fails: (l) => {
      const items = l.items.map((t) => t.trim());
      // A lower-case opening is a name only when it looks like one ("pass_on") or every item opens so: a UI step
      // ("click File and choose Open") opens in lower case too.
      const allNamed = items.every((t) => LOWER_NAME_ROW.test(t));
      const rows = items.filter((t) => optionRow(t, allNamed, l.isInstruction)).length;
      return rows >= 2 && rows >= items.length - 1;
    },
  },
  {
    id: 'steps/any-order',
    why: 'A list whose lead-in says its items may come in any order ("These procedures can be run in any order:", "in no particular order", "in either order") has no order to recall, whatever its items are.',
    reject: [
      'These procedures can be run in any order: | Back up the data. ; Audit the logs. ; List the users.',
      'Do the following steps, in no particular order: | Install the package. ; Run the tests. ; Read the log.',
      'The order does not matter: | Install the package. ; Run the tests. ; Read the log.',
    ],
    keep: [
      'Do the following steps in this order: | Install the package. ; Run the tests. ; Read the log.',
      'Proceed as follows: | Sort the keys in any way you like. ; Run the tests. ; Read the log.',
    ],
    fails: (l) => UNORDERED_LEAD.test(l.lead),
  },
  {
    id: 'steps/no-order',
    why: 'A numbered list of things (tools, rules, files) has no order to recall: only instructions (all but one item at most), or a list the lead-in calls a sequence, are steps.',
    reject: [
      'Valgrind has these tools: | Memcheck finds errors. ; Cachegrind profiles. ; Helgrind finds races.',
      'Valgrind has these tools: | Memcheck finds errors. ; Cachegrind profiles. ; Run Helgrind. ; Run DRD.',
      // Nouns read again after "you" are verbs only before an object: not before "of" or a capital (a label).
      'Gpredict takes three kinds of input: | Keplerian Elements describing the orbit. ; Position of the ground station on Earth. ; Time of the prediction.',
      'The interface has these menus: | Input Data: the file read. ; Branch Support: the method used. ; Run the analysis.',
      // Procedures in a Scheme, Pascal or Tcl manual are functions: "the procedures" is no sequence there.
      'The library defines the procedures below: | car returns the first element of a pair. ; cdr returns the rest of the list. ; cons builds a new pair.',
      'These procedures are defined: | The backup copies the data. ; The audit checks the logs. ; Run the report.',
      'The preferences are in four groups: | General: the global parameters. ; Predict: the prediction settings. ; Interfaces: radio control.',
      // A noun that may be a verb ("output", "process", "sort"), then nouns and a verb of their own, is a subject;
      // with nouns only, or one word, a label: no instruction (reviewer, rev3).
      'The tool has three parts: | Output files are written to /tmp. ; Process names appear in the list. ; Error messages go to stderr.',
      'The cache works so: | Sort order depends on the locale. ; Search results are cached. ; Command history is saved on exit.',
      'The dialog has these fields: | Output file ; Display mode ; Sort key ; Search path',
      'The dialog has these fields: | Output file name: the path written. ; Display mode: text or graphics. ; Sort key: the column sorted on.',
    ],
    keep: [
      'Valgrind has these tools: | Install the package. ; Run the tests. ; Read the log.',
      'The steps, in this order: | Memcheck finds errors. ; Cachegrind profiles. ; Helgrind finds races.',
      // Verbs the tagger reads as an adjective or a noun when they open a sentence ("Select", "Sort", "pool"):
      // read again after "you" (Gpredict, fresh set 9; CD-HIT, fresh set 10).
      'All you need to do is: | Select the satellite in the Target box. ; Select the transponder you want to track. ; Enable the Track button. ; Select the radio in the Settings area.',
      'Usage § Proceed so: | prepare fastq files ; Reference database preparation ; Run sequence QC ; pool all the samples together',
      // An object and what follows it is no subject: "files" is what is output, "lines" what is sorted.
      'The tool has three parts: | Output files to the folder. ; Sort lines alphabetically. ; Copy files to the server.',
      // A verb and its object with a full stop are a sentence, not a two-word label; an -ing word after the object is
      // no subject's verb (reviewer, rev4: all four were steps at d477527).
      'The analysis has these parts: | Load data. ; Sort sequences. ; Pool samples. ; Sort sequences using the -s flag.',
      'Implementation: | divide input db into small dbs ; cluster the 1st db by cd-hit ; repeat cd-hit and cd-hit-2d runs till done',
      // "the procedures of" is a sequence as "the procedure" is (CD-HIT, fresh set 10).
      'Below are the procedures of PSI-CD-HIT: | Sort sequences by decreasing length ; First one is the first representative ; Using the first one, blast all remaining sequences ; Repeat until done',
    ],
    fails: (l) => {
      const instructions = l.isInstruction ? l.items.filter(l.isInstruction).length : 0;
      // "The procedures" are steps only when half the items or more are instructions: else functions (Scheme, Tcl).
      const sequence =
        l.words.sequenceLead.test(l.lead) ||
        (PROCEDURES_LEAD.test(l.lead) && instructions * 2 >= l.items.length);
      return instructions < l.items.length - 1 && !sequence;
    },
  },
  {
    id: 'steps/to-do-list',
    why: 'A list the lead-in or heading calls the first things to do ("Minimum steps to get started": log in, add users, add workstations) holds tasks of their own: adding users and adding workstations have no order to learn, the author\'s list has (Debian Edu manual, fresh set 3).',
    reject: [
      'Minimum steps to get started | Log into the server. ; Add users with GOsa². ; Add workstations with GOsa².',
      'Quick start: | Install the package. ; Edit the configuration. ; Start the daemon.',
      'Getting Started § After logging in: | Install the package. ; Edit the configuration. ; Start the daemon.',
      // gri's to-do list, split from one paragraph by steps/run-in-items (set 9's fixes): plans, not a procedure.
      'Low priority: | Add non-RPN mathematics. ; Add graphical output. ; Add support for other formats.',
      'Roadmap § Planned features: | Add graphical output. ; Add support for other formats. ; Add a manual.',
      '3.1 High priority § Work on: | Add graphical output. ; Add support for other formats. ; Add a manual.',
    ],
    keep: [
      // A priority or a plan inside the lead-in's sentence is the procedure's subject, not the author's plans.
      'If you have planned a migration, do the following steps: | Back up the data. ; Stop the daemon. ; Run the migration.',
      'To give a job high priority, do the following: | Open the queue. ; Select the job. ; Click Raise.',
      'To rescue the system, do the following steps: | Boot the rescue disk. ; Mount the disk. ; Edit the file.',
      'Getting Started § To install the package, do the following steps: | Download the archive. ; Unpack the archive. ; Run the installer.',
    ],
    // A heading only sets the list's frame: under "Getting Started" a lead-in that calls the list a sequence ("do
    // the following steps") still heads a procedure.
    fails: (l) =>
      TO_DO_LEAD.test(l.lead) || (!l.words.sequenceLead.test(l.lead) && TO_DO_LEAD.test(l.section ?? '')),
  },
  {
    id: 'steps/parallel',
    why: 'Two items that differ in one word only, a common word in both ("Add users with GOsa²", "Add workstations with GOsa²"), are the same task done to two things: either may come first (Debian Edu manual, fresh set 3). A command or a name in that word ("Run ./configure…", "Run make…") is a step the text puts in its place.',
    reject: [
      'After logging in: | Log into the server. ; Add users with GOsa². ; Add workstations with GOsa².',
    ],
    keep: [
      'Proceed as follows: | Start the Director and the File daemon. ; Change to the directory. ; Start the Storage daemon under the debugger.',
      'To build the program, do the following: | Run ./configure in the source directory. ; Run make in the source directory. ; Run make install as root.',
      'Do the following steps: | Select the Network tab and click OK. ; Select the Security tab and click OK. ; Restart the computer.',
    ],
    fails: (l) => {
      const words = l.items.map((t) => stepWords(t.toLowerCase()));
      const cased = l.items.map(stepWords);
      return words.some((a, i) => words.some((b, j) => j > i && parallel(a, b, cased[i]!, cased[j]!)));
    },
  },
  {
    id: 'steps/alternatives',
    why: 'Under a question of what to do about a problem, items of a verb and "it" alone ("How do I deal with the big spike …? Ignore it. / Avoid it. / Correct it.") are answers to choose from, not steps: any order is as right (HackRF manual, fresh set 13).',
    reject: [
      'How do I deal with the big spike in the middle of my spectrum? | Ignore it. ; Avoid it. ; Correct it.',
      'FAQ § What can I do about the noise? | Ignore it ; Filter it out ; Correct it',
    ],
    keep: [
      'Proceed as follows: | Open it. ; Read it. ; Close it.',
      'How do I flash the firmware? | Download the image. ; Unpack it. ; Run hackrf_spiflash on it.',
      // A question of how to do a task, not what to do about a problem: its short items are steps.
      'How do I install the package? | Download it. ; Unzip it. ; Run it.',
    ],
    fails: (l) =>
      (problemQuestion(l.lead) || problemQuestion(l.section ?? '')) &&
      l.items.every((t) => VERB_IT.test(t.trim())),
  },
  {
    id: 'steps/conditions',
    why: 'An item opening on a condition ("When there is more than one instance-set member, vary the rightmost members first") is a rule that holds in its case, not a step done after the one before (CLIPS basic programming guide, fresh set 13).',
    reject: [
      'Instance-set members are examined as follows: | When there are two or more instance-sets, vary the rightmost first. ; When there is more than one class, iterate from left to right. ; Examine the instances in the order defined.',
    ],
    keep: [
      'Proceed as follows: | Open the file. ; When the file is open, edit the header. ; Save it.',
      // One step done in a case is still a step of the procedure.
      'To connect: | Send a request. ; When there is no reply, the client retries. ; Close the socket.',
    ],
    fails: (l) => l.items.filter((t) => CONDITION_OPENING.test(t.trim())).length >= 2,
  },
];

/**
 * An item that names another item as before it: "(Do 2 first)", "(Do 3, A, B, or L first)", "after 1", "as in 1",
 * "once 2 is done", "after step 12". A number after "after" followed by a word is a time or a count ("after 5 seconds"),
 * and one of two digits without "step" or "item" is one too ("Reboot after 10.").
 */
const STATES_ORDER =
  /\bdo\s+\d{1,2}(?:\s*,\s*\w{1,3}){0,8}(?:,?\s+or\s+\w{1,3})?\s+first\b|\b(?:after|before|as in|once|following)\s+(?:(?:steps?|items?)\s+\d{1,2}|\d)(?=\s*(?:[.,;:)]|$|\s+(?:is|are|has|have)\s+(?:done|finished|complete)))/iu;

/** A lead-in that stops on a verb the items complete ("… are:", "The idea is:"), not the reader's. */
const BEING_LEAD = /(?<!\b(?:you|we|users?|one)\s+)\b(?:is|are|include|includes)\s*:\s*$/iu;

/** A lead-in that stops on a modal of a thing ("… the GUI will:"), not the reader's. */
const MODAL_LEAD = /(?<!\b(?:you|we|users?|one)\s+)\b(?:will|would|can|could|may|might|shall)\s*:\s*$/iu;

/** A lead-in that calls its list an order or a procedure's parts ("The order is:", "The stages are:"). */
const ORDER_LEAD =
  /\b(?:order|workflow|recipe|algorithm|sequence|stages?|phases?|commands?|instructions?)\b/iu;

/**
 * A closing pointer run in as the list's last item ("You can find the GNU Radio Companion source file here"): no
 * step of the procedure. "here" alone is a step's place ("Sign here.", "Enter the gateway address here.").
 */
const CLOSING_LINK =
  /^you\s+(?:can|may)\s+(?:also\s+)?(?:find|see|visit|read|consult|download|get)\b(?=.*\bhere[.!]?$)/iu;

/** The items without a closing pointer run in as the last ({@link CLOSING_LINK}); the items themselves when there is none. */
export function withoutClosingLink(items: readonly string[]): string[] {
  return items.length > 0 && CLOSING_LINK.test(items.at(-1)!.trim()) ? items.slice(0, -1) : [...items];
}

/**
 * A question of what to do about a problem ("How do I deal with the big spike …?", "What can I do about the noise?"):
 * its answers are alternatives. "How do I install the package?" asks for steps.
 */
const PROBLEM = /\b(?:deal\s+with|do\s+about|avoid|get\s+rid\s+of|handle|fix)\b/iu;
const QUESTION = /\?\s*$/u;
const problemQuestion = (text: string) => QUESTION.test(text) && PROBLEM.test(text);

/** An item opening on a condition of a case ("When there are two or more instance-sets, …"). */
const CONDITION_OPENING = /^when\s+there\s+(?:is|are)\b/iu;

/** A verb and "it", an item of alternatives ("Ignore it.", "Filter it out"), two or three words. */
const VERB_IT = /^\p{L}+\s+(?:it|them)(?:\s+\p{L}+)?[.!]?$/iu;

/** A lower-case word, then a note's or an instruction's opening in capitals, no stop between ("yourself Be aware"). */
const NOTE_RUN_IN =
  /\p{Ll}\s+(?:Be (?:aware|careful|sure)|Note(?: that|:)|Please|Beware|Warning|Caution|Remember|Make sure|Do not|Don't)\b/u;

/** A step's words, without the punctuation that closes it. */
const stepWords = (step: string): string[] => step.replace(/[.!;:,]+$/u, '').split(/\s+/u);

/** A label of one to four words, each capitalised ("and", "of", "or" between them), closed by a colon. */
const CAPITAL_LABEL = /^(\p{Lu}[\p{L}\p{N}-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}-]*|and|of|or|&)){0,3}):\s/u;

/** A name in lower case and its description ("detach This is the default…"). */
const LOWER_NAME_ROW = /^(\p{Ll}[\p{L}\p{N}_-]*)\s+\p{Lu}\p{Ll}/u;

/**
 * Whether an item is a row of an option list or a menu: a name in lower case and its description ("pass_on This
 * causes…"; a plain word such as "detach" only when every item opens so), or a label in capitals and a colon that
 * is not an instruction ("Input Data: specify…"; not "Configure: run ./configure", "Stop DRBD: run drbdadm down").
 */
function optionRow(item: string, allNamed: boolean, isInstruction: IsInstruction | undefined): boolean {
  const name = LOWER_NAME_ROW.exec(item)?.[1];
  if (name !== undefined && (allNamed || /[_-]/u.test(name))) return true;
  const label = CAPITAL_LABEL.exec(item)?.[1];
  return label !== undefined && !isInstruction?.(label);
}

/** How many words all the items open with. */
function commonPrefix(items: readonly (readonly string[])[]): number {
  const first = items[0] ?? [];
  let n = 0;
  while (n < first.length && items.every((words) => words[n] === first[n])) n++;
  return n;
}

/**
 * Whether two items (their words lower-cased, and as written) are the same but for one word, a common word in lower
 * case in both: "users" and "workstations", not "./configure" and "make" or "Network" and "Security".
 */
function parallel(
  a: readonly string[],
  b: readonly string[],
  asA: readonly string[],
  asB: readonly string[],
) {
  if (a.length !== b.length || a.length < 2) return false;
  const differ = a.flatMap((w, k) => (w === b[k] ? [] : [k]));
  if (differ.length !== 1) return false;
  const k = differ[0]!;
  return /^\p{Ll}+$/u.test(asA[k]!) && /^\p{Ll}+$/u.test(asB[k]!);
}

/** A sentence's end: a stop, then space and a capital. */
const SENTENCE_END = /(?<=[.!?])\s+(?=\p{Lu})/u;

/**
 * The lead-in's last clause, the one that heads the list: after its last sentence end ("… includes features such as
 * an editor. Use it so:") or semicolon ("There are two ways to open a port; the first is with ufw:").
 */
const closingClause = (lead: string): string => {
  const sentence = lead.split(SENTENCE_END).at(-1) ?? lead;
  return sentence.slice(sentence.lastIndexOf(';') + 1);
};

/** How far from a step's end its joining word and the word before it are read. */
const TAIL_CHARS = 80;

/**
 * Whether a step ends on a joining word ({@link JOINING_END} or the language's danglingStep) in lower case, after a
 * comma or semicolon or a word that does not take it as its object ({@link TAKES_WORD}: "with and", "after then"),
 * or is that word alone ("Finally").
 */
function runsOn(step: string, words: QuizWords): boolean {
  const tail = step.trim().slice(-TAIL_CHARS).replace(/[;,]$/u, '');
  const word = /\p{L}+$/u.exec(tail)?.[0];
  if (word === undefined) return false;
  const joining = (w: string) => JOINING_END.test(w) || words.danglingStep.test(w);
  const before = tail.slice(0, -word.length).trimEnd();
  if (before === '') return joining(word.toLowerCase());
  if (word.length < 2 || !/^\p{Ll}+$/u.test(word) || !joining(word)) return false;
  if (/[;,]$/u.test(before)) return true;
  const previous = /\p{L}+$/u.exec(before)?.[0];
  return previous === undefined || !TAKES_WORD.test(previous);
}

/** The first rule of {@link STEP_RULES} the list fails, or null. */
export const stepProblem = (list: StepList): StepRule | null =>
  STEP_RULES.find((rule) => rule.fails(list)) ?? null;
