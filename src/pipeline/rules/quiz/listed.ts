/**
 * Which checked true/false statements may be options of a multiple-answer item ("select all that apply"): in a
 * list of four, a statement must stand on its own even more than alone. The multiple-answer maker
 * (quiz/kinds/multiple-answer.ts) lists a statement no rule of {@link LISTED_RULES} catches.
 */
import { isAnalysed, type LanguageProfile, type QuizWords } from '../../language/index.ts';
import { isAbbreviation } from '../../text/sentences.ts';
import type { Rule } from '../rule.ts';
import { standaloneProblem } from '../sentences/standalone.ts';
import { LEANING_RULES } from './leaning.ts';
import { QUANTITY_RULES, quantityPlace } from './quantities.ts';
import { SUBJECT_RULES } from './subjects.ts';
import { BOUND_BEFORE, FIRST_PERSON, LAYOUT_DEBRIS, RESTATED_AFTER } from './sure-words.ts';
import { UNRESOLVED_RULES } from './unresolved.ts';

/** A name written three times or more ("SorA is a variable SorA is neither… SorA is…"): a table's rows run together. */
const repeatedName = (s: string) => {
  const seen = new Map<string, number>();
  for (const name of s.match(/\b\p{Lu}[\p{L}\p{N}]*\b/gu) ?? []) seen.set(name, (seen.get(name) ?? 0) + 1);
  return [...seen.values()].some((n) => n >= 3);
};

/** A clause goes on with a verb or ends: "the former" and "the following" are pronouns there, not adjectives. */
const CLAUSE_GOES_ON = String.raw`(?=\s*(?:[,.;:!?)]|$)|\s+(?:is|are|was|were|has|have|had|does|do|did|can|could|will|would|shall|should|may|might|must|also|then|only|now|apply|applies|shows?|gives?|lists?|returns?|prints?|fails?|works?|contains?)\b)`;

/** Verbs that point at the text around ("listed below", "shown above"); "bounded above" is mathematics. */
const POINTING =
  'listed|shown|given|described|mentioned|discussed|defined|outlined|illustrated|presented|noted|stated|cited|quoted|explained|summari[sz]ed|displayed|depicted|detailed|specified|printed|reproduced|included|introduced|derived|used|written|seen|done';

/**
 * The leaning words of listed/leans a statement asked alone is refused for, one pattern a sign. Each is a fixed
 * word or two, anchored or followed by a bounded lookahead: a sentence is read once by each.
 */
const LEANS_BACK_SIGNS: readonly RegExp[] = [
  // "instead of gills" compares inside the sentence; "instead" alone answers one before.
  /\binstead\b(?!\s+of\b)/iu,
  /\b(?:already|previously) (?:been )?(?:mentioned|described|discussed|seen|shown)\b/iu,
  /\b(?:this|these|those)[.!?]?$/iu,
  /^(?:please )?note(?=\s*[:,]|\s+(?:that|how|also|again|the|this|these|it)\b)/iu,
  /^(?:finally|thus|therefore|hence|this|these|those|they)\b/iu,
  // A sentence-initial "It" is a pronoun unless it stands for a clause to come ("It takes … for sunlight to reach…",
  // "It is illegal to drive…").
  /^it\b(?!\s+(?:is|was|takes|took|seems|seemed|appears|appeared|becomes|became)\s+(?:[^\s,.;]+\s+){0,5}?(?:to|that|for|whether|if|when)\b)/iu,
  /^(?:as |in )?such\b(?!\s+as\b)/iu,
  /\b(?:in|of|for|with|under|to|by|at) such\b(?!\s+(?:as|an?)\b)/iu,
  /\b(?:any|all) such\s+(?!as\b|that\b)\p{L}/iu,
  /\bsuch as (?:this|these|those)\b/iu,
  // "such a reactive metal that …", "to such an extent that": a result clause, not a pointer back.
  /\bsuch an?\s+(?!(?:[^\s.,;]+\s+){0,3}?(?:that|way|as)\b)/iu,
  new RegExp(
    String.raw`\b(?:${POINTING})\s+(?:above|below)\b(?!\s+(?:[−-]?\d|the|an?|its|their|zero|sea|ground|average|normal|freezing|room)\b)`,
    'iu',
  ),
  new RegExp(String.raw`\bthe\s+\p{L}+\s+(?:above|below)${CLAUSE_GOES_ON}`, 'iu'),
  /\bprevious (?:chapter|section)s?\b/iu,
  /\b(?:figure|table)\s+\d/iu,
  // "Section 12 presents…" points into the book; "Section 230 of the Communications Decency Act" names a law.
  /^(?:section|chapter)s?\s+\d(?![\d.]*\s+(?:of|bankruptcy)\b)/iu,
  /\b(?:in|see|from)\s+(?:section|chapter)s?\s+\d(?![\d.]*\s+bankruptcy\b)/iu,
  /\bthe latter\b/iu,
  new RegExp(String.raw`\bthe (?:former|following)${CLAUSE_GOES_ON}`, 'iu'),
  // "the following steps." points ahead; "the following year" is the year after.
  /\bthe following\s+(?!(?:year|day|week|month|morning|night|season|decade|century|spring|summer|autumn|winter)s?\b)\p{L}+[.:]?$/iu,
  /\bthe above(?!-)\b|\bthe above-(?:mentioned|named|cited|listed|described|quoted|given)\b/iu,
  /^in (?:this|these)\b/iu,
  // "In the first case", "In both cases" count cases told before; "In most cases" is a frequency.
  /^in (?:the )?(?:first|second|third|former|latter|last|other|same|both|either|each|that)\b,?\s*cases?\b/iu,
  // "this <noun>" mid-sentence points back, unless a clause of the same sentence just came (", and this process…").
  /(?<![,;] (?:and|but|so|thus) )\b(?:this|these)\s+(?!is\b|are\b)\p{Ll}+/iu,
  /\bthose\s+(?!(?:is|are|of|with|that|who|whom|whose|which|in|at|for|from|on|to|where|when|under|over|without|whose|having)\b)\p{Ll}+/iu,
];

/** True for a statement that leans on text before or after it (see {@link LEANS_BACK_SIGNS}). */
export const leansBack = (statement: string): boolean => {
  const s = statement.trim();
  return LEANS_BACK_SIGNS.some((sign) => sign.test(s));
};

/** Participles after which "It is … to/that" is the impersonal "it" of a clause to come ("It is known that …"). */
const IMPERSONAL =
  'known|believed|thought|assumed|said|expected|recommended|advised|suggested|estimated|reported|claimed|argued|understood|agreed|required|permitted|allowed|forbidden|prohibited|encouraged|feared|hoped|considered|presumed|rumou?red|often|then|even|open|proved|proven|shown|demonstrated|discovered|decided|ruled|decreed|held|postulated|implied|banned|mandated|established|accepted|generally';

/** Signs of listed/refers-back, each anchored or bounded: a sentence is read once by each. */
const REFERS_BACK_SIGNS: readonly RegExp[] = [
  // "It is used to …", "It was written in C": "it" is the thing said before; "It is known that …" is not.
  new RegExp(
    String.raw`^it\s+(?:is|was|are|can\s+be|may\s+be|must\s+be|should\s+be|will\s+be|has\s+been)\s+(?:(?:also|often|usually|mainly|mostly|typically|commonly|primarily|generally|then|sometimes|always|only|widely|frequently|first|largely|originally|still|now|traditionally|rarely)\s+)?(?!(?:${IMPERSONAL})\b)(?:\p{Ll}+(?:ed|en)|made|built|sent|kept|held|found|shown|written|done|run|set|put|read|bound|meant|taught|brought|told|sold|left|paid|drawn|grown|given|taken|chosen|driven|hidden)\s+(?:to|for|by|as|in|on|with|from|into|at|under|via|using|of)\b|^it\s+(?:is|was)\s+(?:(?:also|often|usually|commonly|sometimes)\s+)?(?:called|named|termed|dubbed|known\s+as|referred\s+to\s+as)\b`,
    'iu',
  ),
  // "Another option is …", "Another example is …"; "Another name for X is …" names its own X. Read without the i
  // flag: a capital after "Another" is a title ("Another Country is a 1962 novel"); "Another was built …" is not.
  /^[Aa]nother\s+(?:(?:(?!(?:of|for|to|in|on|at|from|between|among|with|by|than)\b)\p{Ll}[\p{Ll}-]*\s+){1,3}?)?(?:is|are|was|were|can|could|may|might|will|would|should|must|has|have|had|does|do)\b/u,
  // A screen's step done "again" on an on-screen thing ("By clicking the icon again", "Click OK again", "Clicking it
  // again"); "Pressing the grapes again …", "hit the ball again" are a cook's and a player's steps.
  /\b(?:click(?:s|ed|ing)?|press(?:es|ed|ing)?|tap(?:s|ped|ping)?|select(?:s|ed|ing)?|toggl(?:e|es|ed|ing)|hit(?:s|ting)?|push(?:es|ed|ing)?)\s+(?:on\s+)?(?:the|this|that)\s+(?:[\p{L}-]+\s+){0,2}?(?:buttons?|icons?|keys?|links?|tabs?|menus?|check\s?box(?:es)?|box(?:es)?|fields?|items?|toolbars?|switch(?:es)?|screens?|ok|entry|options?|arrows?|sliders?|tiles?|windows?|dialog)\s+again\b/iu,
  /\b(?:[Cc]lick(?:s|ed|ing)?|[Tt]ap(?:s|ped|ping)?|[Tt]oggl(?:e|es|ed|ing))\s+(?:on\s+)?it\s+again\b/u,
  /\b(?:[Cc]lick(?:s|ed|ing)?|[Pp]ress(?:es|ed|ing)?|[Tt]ap(?:s|ped|ping)?|[Ss]elect(?:s|ed|ing)?|[Hh]it(?:s|ting)?|[Pp]ush(?:es|ed|ing)?)\s+(?:on\s+)?\p{Lu}[\p{L}]*\s+again\b/u,
  // "That year, …": a time said before.
  /^That\s+(?:year|day|night|week|month|decade|century|season|summer|winter|spring|autumn|morning|evening|time)\s*,/u,
];

/** "That theorem is …", "Those courts have …" as the subject: a lower-case word (not a name) and a verb. */
const THAT_SUBJECT =
  /^(?:That|Those|that|those)\s+(?!(?:is|was|are|were|has|had|have|can|will|would|may|might|must|should|does|did|do|the|an?|which|who)\b)\p{Ll}+\s+(?:is|are|was|were|can|could|may|might|will|would|should|must|has|have|had|does|did|do)\b/u;
/** A second main verb after the clause ("That ice is less dense than water explains why …"): the clause is the subject. */
const SECOND_VERB =
  /\s(?:is|are|was|were|has|have|had|explains?|shows?|means?|suggests?|implies|proves?|remains?|became|becomes|led|leads|made|makes|accounts|underlies|causes)\b/u;
const thatSubject = (s: string): boolean => {
  const m = THAT_SUBJECT.exec(s);
  return m !== null && !SECOND_VERB.test(s.slice(m[0].length));
};

/** Signs of listed/about-the-book: the text's reader, its exercises or the book as the subject. */
const BOOK =
  '(?:exercises?|chapters?|sections?|lessons?|tutorials?|courses?|units?|modules?|books?|manuals?|guides?)';
const ABOUT_THE_BOOK: readonly RegExp[] = [
  // The reader's knowledge assumed ("assumes that the reader has …"); "assumes that the reader creates …" is a theory's.
  /\b(?:assumes?|assumed|expects?|expected|presumes?|presumed)\s+that\s+the\s+readers?\s+(?:already\s+)?(?:has|have|knows?|is\s+familiar|are\s+familiar|understands?|is\s+acquainted|are\s+acquainted|is\s+able|can|possess(?:es)?)\b/iu,
  // The reader sent elsewhere ("the interested reader may consult …"); "the careful reader who notices …" is kept.
  /\bthe\s+(?:interested|attentive|careful|curious|novice|casual|new|experienced|advanced)\s+readers?\s+(?:may|can|could|should|might|will|is\s+(?:referred|encouraged|advised|invited|urged))\s+(?:also\s+)?(?:to\s+)?(?:consult|see|refer|find|read|look|check|turn|verify|skip|compare|go)\b/iu,
  /\bthe\s+readers?\s+(?:is|are|was|will\s+be)\s+(?:referred|directed|pointed)\s+to\b/iu,
  /\bthe\s+readers?\s+(?:is|are|was|will\s+be)\s+(?:encouraged|invited|advised|urged|asked)\s+to\s+(?:consult|see|refer|read|look|check|turn|verify|skip|compare|try)\b/iu,
  /\bthe\s+readers?\s+(?:is|are|was|will\s+be)\s+(?:assumed|expected)\s+to\s+(?:know|have|be\s+familiar|understand|be\s+acquainted|be\s+able|recall|possess)\b/iu,
  /^(?:the\s+)?readers?\s+(?:should|must|are\s+assumed|are\s+expected|is\s+assumed|is\s+expected)\b/iu,
  // The book's own parts: "At the end of the chapter …", not "the end of the course of antibiotics", "Chapter 11".
  new RegExp(
    String.raw`\b(?:at|by)\s+the\s+end\s+of\s+(?:the|this|these|each)\s+${BOOK}\b(?!\s+(?:of\b|\d|[IVXLC]+\b))`,
    'iu',
  ),
  new RegExp(
    String.raw`\b(?:after|once)\s+(?:reading|completing|finishing|working\s+through|studying|doing)\s+(?:the|this|these|each)\s+${BOOK}\b(?!\s+(?:of\b|\d|[IVXLC]+\b))`,
    'iu',
  ),
  /^(?:the|this|our)\s+(?:book|manual|tutorial|guide|chapter|handbook|document|appendix|section|following\s+(?:chapters?|sections?))\s+(?:also\s+)?(?:(?:list|describe|explain|cover|show|assume|present|introduce|discuss|focuse|contain|provide|give|outline|summari[sz]e)s?|focus|is\s+(?:intended|written|organi[sz]ed|meant|aimed|divided|not\s+intended))\b/iu,
];

/** A word, a stop and a capital: a sentence end unless the word is an abbreviation. Read from word starts only. */
const STOP_BEFORE_CAPITAL = /(?<![\p{L}\p{N}])([\p{L}\p{N}]+)\s?[.!?]\s+\p{Lu}/gu;

export interface ListedRule extends Rule {
  fails(statement: string, lang: LanguageProfile): boolean;
}

export const LISTED_RULES: readonly ListedRule[] = [
  {
    id: 'listed/leans',
    why: 'A note, a caption, a section pointer, "such", "Finally" or "Thus" lean on what came before: in a list of four, nothing came before.',
    reject: [
      'Note that the cache is flushed when the program exits.',
      'Finally, the results are written to the output file.',
      'The options are described in section 4 of the manual.',
      'The library package can help you to cope with this kind of situation.',
      'For the latter, you usually want to have unpatched upstream source.',
      'Other options are geographic coordinates or times.',
      'The ICC profile is defined by the structure given below.',
      'When the parameter is empty, it is the applied value.',
      'If set to 1, only the chapter level appears in the table of contents.',
      'Of course, one must not modify this value after the test sheets have been printed.',
      'In this example iteration is used both to generate a file name and a title.',
      'If instead the value of the parameter is zero, the logic within the stylesheets is used.',
      'The default value is 3, so index entries link to section titles by default.',
      'The dh_installdocs(1) command installs this.',
      'Line 4 can be uncommented to set the DH_VERBOSE variable to 1.',
      'Several packages have already been mentioned as providing facilities lacking in amsmath.',
      'Several such encoding formats have been defined by the ASN.1 standard.',
      'Such a bond pays its coupon twice a year.',
      'Please note, the first 128 byte of idata physically access the same RAM as the data memory.',
    ],
    keep: [
      'The cache is flushed when the program exits.',
      'The dh_installdocs(1) command installs the documents.',
      // "such as" gives examples of what the sentence names; only "such" alone points back (sets 12-14's true/false
      // statements: yaws, yacas, lammps).
      'The .yaws_auth file is never visible, but editor backup files such as .yaws_auth~ will be visible.',
      'Yacas requires only a standard C++ compiler such as g++.',
      'Nuts such as almonds and walnuts keep for months in a cool, dry place.',
      'A router drops malformed packets, such as packets with a bad header checksum.',
      'Courts weigh factors such as the purpose and the amount of the use.',
    ],
    fails: (s, lang) => lang.quizWords?.leaningStatement.test(s) ?? false,
  },
  {
    id: 'listed/leans-back',
    why: 'The part of listed/leans a statement asked alone is judged by: a note, "Such …", "Finally", "The latter", "this <noun>", "instead", a section pointer. Not a final "it" or "them", which most often refer back inside the sentence ("… unless a net force acts on it."), nor "below" or "above" before a noun, a number or a determiner, where they are prepositions ("a body temperature above 38 °C") (a reviewer of true/false, stop 38).',
    reject: [
      'Such forces are called conservative forces.',
      'Note that the oven must be preheated.',
      'The latter is called the marginal cost.',
      'In such cases, the court may award punitive damages.',
      'Firms in such a market are price takers.',
      'Problems such as these are solved with dynamic programming.',
      'Meat cooked to this temperature is safe to eat.',
      'As shown above, demand falls as price rises.',
      'The options are described in section 4 of the manual.',
      'Multiversion concurrency control (MVCC) instead keeps several versions of each row.',
      // "above" and "below" as adverbs, pointing at the text around (set 14's asn1c, scheme48; sollya).
      'The code above does not take into account the way the decoder failed.',
      'The logging operations listed below record any values read or written.',
      'If expr contains such a procedure-based function, the command prints a warning.',
      // A reviewer's probes of J3's leans-back: the pointers it let through.
      'The enzymes listed below are all proteases.',
      'The values shown above apply to adults.',
      'The code above also fails.',
      'Any such agreement must be in writing.',
      'All such contracts are void.',
      'The above-mentioned statute protects tenants.',
      'These goods are called Giffen goods.',
      'This doctrine is known as stare decisis.',
      'Note: the oven must be preheated.',
      'The following are prime numbers.',
      'The former is called the marginal cost.',
      // Set 14's statements the first narrowing let through (yaws, winff, scheme48, ucblogo, xmlada, umfpack).
      'Since YAWS supports virtual hosting with several servers on the same IP address, this matters.',
      'To use Xterm under Slackware, this should be “/usr/X11R6/bin/xterm”.',
      'The field arguments are listed after the type-name; these do not include the name and index fields.',
      'If an error occurs, Logo takes the following steps.',
      'Unicode is also such a character set, that contains all the possible characters.',
      'Section 12 presents the routines for sparse matrices in triplet form.',
      'In the first case, the gate is opened when the volume goes over the threshold.',
      'In both cases, extra attributes can be specified.',
    ],
    keep: [
      'A body at rest stays at rest unless a net force acts on it.',
      'Red blood cells live for about 120 days before the spleen removes them.',
      'A fever is a body temperature above 38 °C.',
      'A price ceiling set below the equilibrium price causes a shortage.',
      'Legumes such as lentils and chickpeas are rich in protein.',
      'The dough should be kneaded in such a way that the gluten forms long strands.',
      'A prime is a natural number greater than 1 such that its only divisors are 1 and itself.',
      'There is no such thing as a free lunch.',
      'Blood pressure above 140/90 mmHg is classed as hypertension.',
      'Water boils at 100 °C at sea level, and a few degrees below that on a mountain.',
      'A router forwards a packet to the next hop on the path below the destination network.',
      // A reviewer's probes of J3's leans-back from physics, biology, law, finance: fair sentences it refused.
      'Sodium is such a reactive metal that it is stored under oil.',
      'Light travels at such a high speed that its delay is unnoticed over short distances.',
      'Inflation rose to such an extent that prices doubled every month.',
      'There is no such agreement in English law.',
      'A function that never exceeds some number is bounded above.',
      'Warm air rises because it is less dense than the layer above it.',
      'Ice floats and insulates the liquid water below it.',
      'A circle seen from above at an angle looks like an ellipse.',
      'Predatory pricing is selling below cost to drive out rivals.',
      'A probability is never below zero and never above one.',
      'Rain below pH 5.6 is called acid rain.',
      'Incomes above $50,000 are taxed at the higher rate.',
      'Students with above-average grades may apply for the scholarship.',
      'Dolphins breathe air through a blowhole instead of gills.',
      'The wings of bats differ from those of birds in their bones.',
      'Insulin is prescribed to those with type 1 diabetes.',
      'Prime numbers are those that have exactly two divisors.',
      'A plant cell in salt water loses water, and this process is called plasmolysis.',
      'It takes about eight minutes for sunlight to reach Earth.',
      'It is illegal to drive without a licence.',
      'The former Soviet Union had fifteen republics.',
      'The Treaty of Versailles was signed in 1919, and the League of Nations met the following year.',
      'Chapter 11 bankruptcy lets a firm reorganise while it keeps trading.',
      'Section 230 of the Communications Decency Act shields platforms from liability.',
      'Note 3 of the accounts lists the company’s leases.',
      'Note-taking by hand helps students remember lectures.',
      'Note C is the first note of the C major scale.',
      'In most cases, a common cold clears up within ten days.',
      'In all cases, a court must give reasons for its judgment.',
    ],
    fails: (s) => leansBack(s),
  },
  {
    id: 'listed/refers-back',
    why: 'A statement whose subject is the thing of the sentence before: "It is used to …" (a participle after "It is", not "It is known that …"), "Another option is …" (not "Another name for X is …"), "That <noun> is …" as the subject, or a step done "again" ("By clicking the icon again …"). Alone, a learner cannot tell what is meant (fifteenth reading, true/false; stop 38\'s note).',
    reject: [
      'It is used to store the state of each transaction.',
      'It is based on the Berkeley sockets interface.',
      'It was written in C by the original authors.',
      'It is often called the powerhouse of the cell.',
      'It is known as the bicuspid valve.',
      'Another option is to build the library from source.',
      'Another important difference is that the heap grows upwards.',
      'Another example is the Treaty of Utrecht.',
      'That theorem is named after Pythagoras.',
      'That court has no jurisdiction over federal claims.',
      'By clicking the icon again the shutter will be removed.',
      'Pressing the button again stops the timer.',
      'Tapping the screen again hides the toolbar.',
      // The review of stop 39's true/false rules (issue #24): its probes.
      'It is composed of three protein subunits.',
      'It is widely used in industry to clean metal surfaces.',
      'It is frequently prescribed for high blood pressure.',
      'It was first described by Alois Alzheimer in 1906.',
      'It is used for cooling the engine.',
      'It was developed at Bell Labs in the 1970s.',
      'Another was built in 1870 on the same site.',
      'That one is faster than the default allocator.',
      'Those courts have no jurisdiction over federal claims.',
      'Clicking it again closes the window.',
      'Hitting the button again stops the alarm.',
      'Click OK again to confirm the deletion.',
      'Another approach is to cache the results.',
      'That protein was isolated in 1953.',
      'Tapping the icon again closes the menu.',
      'Another important factor was the weather.',
      'Toggled the switch again to turn the light off.',
      'That year, the Titanic sank on its maiden voyage.',
    ],
    keep: [
      'It was Newton who formulated the three laws of motion.',
      'It is known that smoking causes lung cancer.',
      'It is recommended to back up the database before an upgrade.',
      'It is illegal to drive without a licence.',
      'It is necessary to knead the dough for ten minutes.',
      'It is believed that the pyramids were built by paid labourers.',
      'Another name for the mitral valve is the bicuspid valve.',
      'Another word for a sofa is a couch.',
      'Another common cause of anaemia is a lack of iron.',
      'Another way to write one half is 0.5.',
      'That smoking causes cancer is now well established.',
      'That water expands when it freezes explains why pipes burst.',
      'The patient was never seen again.',
      'Prices rose again in 1974 after the oil embargo.',
      'The king left Paris in 1791 and never saw the city again.',
      'Clicking a link sends an HTTP GET request to the server.',
      'Simmering the stock again reduces it to a glaze.',
      'The tenant may renew the lease again after five years.',
      'The router retries the connection again after 30 seconds.',
      // Look-alike probes from other fields (stop 39).
      'Another term for a ledger is the book of final entry.',
      'Another word for the windpipe is the trachea.',
      'Another cause of inflation is a rise in the money supply.',
      'That a contract needs consideration is a rule of the common law.',
      'That the Earth orbits the Sun was argued by Copernicus.',
      'It is estimated that the Black Death killed a third of Europe.',
      'It is unlawful to dismiss an employee for joining a trade union.',
      'It is common for bread dough to double in size while it proves.',
      'Caesar crossed the Rubicon and marched on Rome again in 49 BC.',
      'The bill was read again in the House of Lords in 1911.',
      'A TCP segment that arrives out of order is held in a buffer.',
      // The review of stop 39's true/false rules (issue #24): its probes.
      'It is generally accepted in economics that a price ceiling below equilibrium causes shortages.',
      'It was proved by Euclid that there are infinitely many prime numbers.',
      'It was shown by Gödel that no consistent formal system of arithmetic can prove its own consistency.',
      'It was discovered in 1928 that the mould Penicillium kills bacteria.',
      'It was decided in Marbury v. Madison that federal courts may strike down acts of Congress.',
      'It was ruled in Brown v. Board of Education that segregated public schools were unconstitutional.',
      'It was decreed by Constantine in 313 that Christians could worship freely.',
      'It is postulated in special relativity that the speed of light is the same for all observers.',
      'It is implied in every contract of employment that the employer will not destroy mutual trust.',
      'It has been shown in clinical trials that low-dose aspirin reduces the risk of a second heart attack.',
      'It can be shown by induction that the sum of the first n odd numbers is n squared.',
      'It can be proved by contradiction that the square root of 2 is irrational.',
      'It is banned in the European Union to add lead to petrol.',
      'It is mandated by the US Constitution that the President be at least 35 years old.',
      'Another Country is a 1962 novel by James Baldwin.',
      'Another Green World is a 1975 album by Brian Eno.',
      'That ice is less dense than liquid water explains why lakes freeze from the top down.',
      'That light has a finite speed was first shown by Ole Rømer in 1676.',
      'Press the dough again after it has rested for ten minutes to knock out large air pockets.',
      'Pressing the grapes again after the free-run juice is drained yields a harsher press wine.',
      'In volleyball, a player may not hit the ball again immediately after touching it.',
      'In CPR, the rescuer must press the chest again at a rate of 100 to 120 compressions per minute.',
      'Selecting the same sample again with replacement is allowed in bootstrap resampling.',
      'That Hamlet is indecisive is a common reading of the play.',
    ],
    fails: (s) => REFERS_BACK_SIGNS.some((sign) => sign.test(s.trim())) || thatSubject(s.trim()),
  },
  {
    id: 'listed/about-the-book',
    why: 'A statement about the book, its reader or its exercises ("it is assumed that the reader has …", "At the end of the exercises, you should be able to …", "The manual describes …") says what the text does, not what its subject is: nothing a learner of the subject judges (fifteenth reading, true/false: axiom-tutorial, elastix-manual).',
    reject: [
      'At the moment it is assumed that the reader has a rough idea of how types are specified.',
      'At the end of the exercises, you should be able to do rigid as well as non-rigid registrations.',
      'By the end of the chapter you can read a balance sheet.',
      'After completing the tutorial, you will know how to fit a model.',
      'The interested reader may consult the original paper by Hoare.',
      'The reader is referred to the SQL standard for the full grammar.',
      'The manual describes the installation on Unix systems.',
      'The book assumes a basic knowledge of calculus.',
      // The review of stop 39's true/false rules (issue #24): its probes.
      'The reader should be familiar with basic algebra.',
      'The following chapters describe the protocol in detail.',
      'Readers are assumed to know the C language.',
      'This section describes how to configure the server.',
      'The appendix lists all error codes of the library.',
      'The tutorial covers the basics of regression.',
      'After reading this chapter you will understand TCP.',
      'The interested reader can find the proof in Knuth.',
      'This guide is intended for system administrators.',
    ],
    keep: [
      'A card reader reads the magnetic stripe of a card.',
      'A lock lets the reader proceed only when no writer holds it.',
      'The exercises strengthen the muscles of the lower back.',
      'At the end of the war, Germany lost its colonies.',
      'The book of Genesis describes the creation of the world.',
      'The text of a statute is the starting point of its interpretation.',
      'A manual transmission has a clutch pedal.',
      'The reader of a barcode decodes the widths of its bars.',
      'By the end of the nineteenth century, most of Africa was under colonial rule.',
      'The readers-writers problem lets many readers share a resource.',
      'After completing a degree in law, graduates may sit the bar exam.',
      'The Book of Kells is an illuminated manuscript of the Gospels.',
      'The guide rope of a climber is called the lead rope.',
      'A reader of a memory card transfers its files to a computer.',
      'The document of title to goods is a bill of lading.',
      // The review of stop 39's true/false rules (issue #24): its probes.
      'Reader-response theory assumes that the reader creates the meaning of a text.',
      'In a classic whodunit, the reader is invited to solve the crime before the detective does.',
      'Unreliable narrators reward the careful reader who notices inconsistencies.',
      'Penny papers of the 1830s were written for the casual reader who wanted cheap news.',
      'In breast screening, the experienced reader of mammograms detects more cancers than a novice.',
      'At the end of the course of antibiotics, the infection should be fully cleared.',
      'At the end of each unit of time, compound interest is added to the principal.',
      'At the end of each section of a rondo, the main theme returns.',
      'By the end of the Chapter 11 process, the debtor emerges with a confirmed reorganisation plan.',
      'After completing the course of rabies vaccine, a person is protected for several years.',
      'A palate cleanser is traditionally served at the end of each course of a formal French dinner.',
    ],
    fails: (s) => ABOUT_THE_BOOK.some((sign) => sign.test(s)),
  },
  {
    id: 'listed/author-voice',
    why: 'A statement in the author’s voice ("Right now we need to make sure…", "Let’s say that you want…", "my current tape has…") is the author talking the reader through a case, not a statement of the subject a learner could select (NUT user manual, bacula problems guide, fresh set 3).',
    reject: [
      'Right now we need to make sure that we don’t trigger that timer if the UPS happens to come back.',
      'Let’s say that you want to receive a notification when any UPS has been running on battery for 60 seconds.',
      'What is significant is that my current tape has almost 10 Gbytes of data.',
    ],
    keep: [
      'You can re-enable interrupts within an interrupt routine on some architectures.',
      'Type I errors occur when a true null hypothesis is rejected.',
      'US letter paper is 8.5 by 11 inches.',
    ],
    // Case-sensitive "us": "US letter" is the country, not the authors.
    fails: (s) => FIRST_PERSON.test(s) || /\b(?:[Ww]e|[Uu]s|[Oo]urs?|[Oo]urselves|[Ll]et['’]s)\b/u.test(s),
  },
  {
    id: 'listed/not-standalone',
    why: 'A statement the summary rules would not show alone (a pointer to what came before, a fragment) cannot stand among others either: "The package installs its files…" asks which package.',
    reject: ['The package installs its files in the usual places.', 'They install the files of the package.'],
    keep: ['Debhelper installs the files of the package.'],
    fails: (s, lang) => isAnalysed(lang) && standaloneProblem(s, lang) !== null,
  },
  {
    id: 'listed/pronoun-first',
    why: 'A pronoun before any noun ("If you need them in your applications…") points at something only the text around it names (mpich manual).',
    reject: ['If you need them in your applications, you will have to ensure that they are available.'],
    keep: ['If your program rewrites its configuration files, do not make them conffiles.'],
    fails(s, lang) {
      if (!isAnalysed(lang) || !lang.quizWords) return false;
      const pronouns = lang.quizWords.pointerPronouns;
      for (const t of lang.analyser.tag(s)) {
        if (t.pos === 'NOUN' || t.pos === 'PROPN') return false;
        if (pronouns.has(t.lower)) return true;
      }
      return false;
    },
  },
  {
    id: 'listed/code',
    why: 'A statement with code in it (a declaration, a condition "v_set < 0", an array "v[i]") is read as code, not weighed as a claim; an API reference gave several (glpk graphs).',
    reject: [
      'The struct glp_arc has the following fields. glp_vertex *tail; Pointer to a vertex.',
      'If v_set < 0, a node having no incoming arcs is in set R.',
      'Element v[i] is a pointer to the i-th vertex of the graph.',
      '492 \\ifx\\ASYviewportwidth\\@empty 247 % write nothing!',
      'Templates read atom(+stream or alias, ?atom) read atom(?atom) read integer(?integer).',
      'Word is neither a variable nor an atom type error(atom, Word).',
      'You can compare two packages with the debdiff(1) command. $ debdiff old.dsc new.dsc.',
      'The option --nostdlib disables all search paths except #1 and #2.',
    ],
    keep: [
      'The routine glp_asnprob_lp builds the LP problem of the assignment problem.',
      'The command \\smash typesets a subformula with a height and depth of zero.',
      'You can compare two source packages with the debdiff(1) command.',
    ],
    // Three TeX commands: a backslash and one word character each, the rest of a name left to ".*" (with "\w+" both
    // could take the same characters, quadratic on a long name). A call's opening parenthesis is sought back from
    // its comma only as far as the nearest one ("\w\("), so that a run of "a(a(a(…" is read once, not once from each.
    fails: (s) =>
      /[;{}[\]≤≥<>=]|(?:^|\s)\*\w|\\@|\\ifx|\\\w.*\\\w.*\\\w|\w\((?:[^()\s,]|(?<!\w)\()*,|\([+?\-@]\w|(?:^|\s)\$\s/u.test(
        s,
      ) || /(?:^|\s)--?\p{L}|(?:^|\s)#\d/u.test(s),
  },
  {
    id: 'listed/no-subject',
    why: 'A statement that opens with a verb in the third person ("Deletes vertices along with…", "Sets tics at the border…") lost its subject to a heading or a table (the tagger misses some, "Sets" read as a noun).',
    reject: [
      'Deletes vertices along with all incident arcs from the graph.',
      'Sets the CMYK profile that will be associated with the output device for vector graphics.',
    ],
    keep: [
      'Use set xtics format to specify the appearance of the tick labels.',
      'The command sets tics at the border.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      const first = lang.analyser.tag(s)[0];
      if (/^\p{Lu}\p{Ll}+[^s]s (?:the|a|an|all|whether|its|their)\b/u.test(s)) return true;
      return (
        first !== undefined && first.pos === 'VERB' && first.lemma !== first.lower && /s$/u.test(first.lower)
      );
    },
  },
  {
    id: 'listed/no-verb',
    why: 'A statement without a verb ("Ability to make use of device link profiles…", "Parameter taken from…") is a bullet or a caption: nothing is claimed to weigh (gs color management, dblatex).',
    reject: [
      'Ability to make use of device link ICC profiles for direct mapping of source colors.',
      'Parameter taken from the DocBook Project stylesheets.',
    ],
    keep: ['The parameter is taken from the DocBook Project stylesheets.'],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      const tags = lang.analyser.tag(s);
      const finite = tags.findIndex(
        (t, i) =>
          t.pos === 'AUX' ||
          (t.pos === 'VERB' && i > 0 && !/(?:ed|en|ing)$/u.test(t.lower) && tags[i - 1]!.pos !== 'PART'),
      );
      return finite < 0;
    },
  },
  {
    id: 'listed/two-sentences',
    why: 'Two sentences in one option ("…from standard output. This allows… from standard input.") are two claims to weigh at once, and the second may give away or contradict the first (gnuplot).',
    reject: [
      'The special filename "-" may be used to load commands from a file. This allows a command file to accept commands.',
      'Function read.spss can read files created by SPSS. It returns a list with one component for each variable.',
      'Relational systems have dominated since the 1980s. PostgreSQL and MySQL are relational systems.',
      // The review of stop 39's true/false rules (issue #24): its probes.
      'Global emissions reached 37,000 Mt. China emits the most.',
      'The hoop stands at 10 ft. The court is 94 ft. long.',
    ],
    keep: [
      'The special filename "-" may be used to load commands from standard input.',
      // A one-letter abbreviation ("v." of a case, "e.g.") ends no sentence (a reviewer's law probe).
      'The Supreme Court decided Marbury v. Madison in 1803.',
      'PostgreSQL has been developed since the 1980s, and MySQL since 1995.',
      'Other formats, e.g. Intel Hex, hold up to 16 bytes a line.',
      // A stop after an abbreviation the sentence splitter knows ends no sentence (a reviewer's probes; "Mt.",
      // "Mts." and "Ft." added at stop 39).
      'Roe vs. Wade was decided in 1973.',
      'Mt. Everest is the highest mountain above sea level.',
      'The Rocky Mts. run from Canada to New Mexico.',
      'Ft. Sumter was fired on in April 1861.',
      'St. Petersburg was the capital of the Russian Empire.',
      'Dr. Snow traced the cholera outbreak to a water pump.',
      // The review of stop 39's true/false rules (issue #24): its probes.
      'Mt. Everest was first climbed by Hillary and Norgay in 1953.',
      'Mt. Kilimanjaro is the highest mountain in Africa.',
      'The Rocky Mts. run from British Columbia to New Mexico.',
      'Ft. Sumter was fired on in April 1861, starting the American Civil War.',
      'A regulation basketball hoop is 10 ft. above the floor.',
      'A 30 ft. tall tree would be dwarfed by a mature giant sequoia.',
    ],
    fails: (s) => {
      const body = s.trim().replace(/[.!?]["'”’)]*$/u, '');
      for (const m of body.matchAll(STOP_BEFORE_CAPITAL)) {
        const word = m[1]!;
        if (
          /(?:[\p{L}\p{N}]\p{Ll}|\p{Lu}{2})$/u.test(word) &&
          !isAbbreviation(word, body.slice(Math.max(0, (m.index ?? 0) - 3), m.index))
        )
          return true;
      }
      return false;
    },
  },
  {
    id: 'listed/row-run-in',
    why: 'The next row of a command or option list run into the sentence, a lower-case name and its capitalised description after a sentence end ("When using direct SPI mode, up to 3 bytes can be omitted. spi Enter direct SPI mode.", the entry of `send` in AVRDUDE\'s terminal commands, fresh set 9): the row is not the sentence\'s, and the sentence ends an entry whose subject it leaves out. `steps/option-list` reads such rows in numbered lists.',
    reject: [
      'When using direct SPI mode, up to 3 bytes can be omitted. spi Enter direct SPI mode.',
      'The default timeout is 10 seconds. dump-all Dump all memories to the terminal.',
      'The Inc. file holds 10 bytes. dump-all Dump all memories to the terminal.',
      'Support for version 7.3 files is disabled if HDF5 is not available. --enable-extended-sparse=yes Enable extended sparse types.',
      // The review of stop 39's true/false rules (issue #24): its probes.
      'Sets the verbosity. -o FILE Write the output to FILE.',
      'Default: off. -V, --version Print the version and exit.',
      'The default is 10. --timeout <seconds> Set the timeout.',
      'The ping command sends ICMP echo requests. -c Sets how many are sent.',
      'The server logs every request. -o FILE Write the log to FILE.',
      'The tool converts images between formats. -V, --version Print the version and exit.',
      'The client retries failed requests. --timeout <seconds> Set the timeout.',
    ],
    keep: [
      'When using direct SPI mode, up to 3 bytes can be omitted.',
      'Some tools, i.e. the Linux kernel, read 4 bytes at once.',
      'The spi command enters direct SPI mode after 3 bytes.',
      'Other formats, e.g. Intel Hex, hold up to 16 bytes a line.',
      // Abbreviations before a lower-case word and a name: no sentence ends there.
      'The No. of Entries field holds 4 bytes.',
      'Red Hat Inc. and Microsoft ship 3 versions.',
      'Written by Mr. van Rossum in 1991.',
      'See Fig. in Chapter 3 for the 4 bytes.',
      'The grep option -i makes matching ignore case.',
    ],
    fails: (s) =>
      /(?<=[\p{L}\d]{2})(?<!\b(?:etc|vs|cf|approx|resp|No|Inc|Ltd|Mr|Mrs|Dr|Sec|Fig|Vol))[.!?]\s+\p{Ll}[\p{Ll}\d_-]*\s+\p{Lu}\p{Ll}/u.test(
        s,
      ) ||
      // An option's row ("--enable-extended-sparse=yes Enable …") after a sentence end (matio, fifteenth reading).
      /(?<=[\p{L}\d]{2})[.!?]\s+--?\p{Ll}[\p{Ll}\d_=-]*\s+\p{Lu}\p{Ll}/u.test(s) ||
      // An option with a capital or a value ("-o FILE Write …", "-V, --version Print …", "--timeout <seconds> Set …").
      /(?<=[\p{L}\d]{2})[.!?]\s+--?[\p{L}\d][\p{L}\d_=-]*(?:,\s+--?[\p{L}\d][\p{L}\d_=-]*)?(?:\s+(?:\p{Lu}[\p{Lu}\d_]*|<[^<>\s]{1,40}>|\[[^[\]\s]{1,40}\]))?\s+\p{Lu}\p{Ll}/u.test(
        s,
      ),
  },
  {
    id: 'listed/extraction-marks',
    why: 'A footnote mark glued to the first word ("2This replaces…"), a running header inside ("…Fortran ones, and 3 QUICK START 2.") or a code of a list ("5 — some node has…") shows the extraction, not a statement (maint-guide, mpich, glpk).',
    reject: [
      '5 — some node has both incoming and outgoing arcs.',
      'The first line of a multline will be at 1Basic LaTeX does not provide it.',
      'Explanation: the operator name was misspelled.',
      'Default settings: set font size 500 numbers trim.',
      'E.g. 5 or 5% QAndASetQAndASetTable of Contentsqanda.defaultlabelqanda.inherit.numeration — Sets the default.',
      'Question 4: A B C D Commands from the package print two questions.',
      '1.The stylesheet uses the XSLT document() function to open the file.',
      'CautionThere is a potential for incorrect links if the same id is used twice.',
      'Package amsmath Warning: Improper argument for math accent.',
      'For HRESULT_int, the low 32 bits of the result code are returned as a Caml int.)',
      '2This replaces the deprecated dh_movefiles command.',
      'Tip You may export only the first partition of the disk image with the -P 1 option.',
      // An admonition's label run into a lower-case name (debian-reference, fresh set 1).
      'Tip gnome-tweaks is the indispensable configuration utility.',
      'MPICH1 required access to command line arguments in all programs, and 3 QUICK START 2.',
      'D. When the patient is admitted to long term care, a code from category 438 is assigned.',
    ],
    keep: [
      'This replaces the deprecated dh_movefiles command.',
      'MPICH 3 starts 2 processes on each QUICK host.',
      'Tip of the day is shown at start-up.',
    ],
    fails: (s) =>
      /^\p{Lu}\.\s|\d\.?\p{Lu}\p{Ll}|^\d+\s*[—–-]\s|^\p{Lu}\p{Ll}+(?: \p{Ll}+){0,2}:\s|\b(?:\p{Lu} ){3,}|^(?:Note|Caution|Warning|Tip|Important)\s?\p{Lu}|^Tip\s+(?!(?:is|was|of|for|and|or)\b)\p{Ll}|\bWarning:/u.test(
        s,
      ) ||
      // Some pair "(…)" on one line, found from the last "(" before a ")": "\(.*\)" read the line from every "(".
      (/^\(|\)[.!?]?$/u.test(s.trim()) && !/\([^()\n\r\u2028\u2029]*\)/u.test(s)) ||
      /\b\d+\s+\p{Lu}{3,}(?:\s+\p{Lu}{3,})+\s+\d+\b/u.test(s) ||
      /\p{L}{30,}|(?:\p{Ll}\p{Lu}\p{L}*){4,}/u.test(s),
  },
  {
    id: 'listed/layout-debris',
    why: 'A listing\'s line numbers run into the sentence ("114 115 Module and cell ports…"), an exponent flattened ("2 × 109" for 2 × 10⁹), a list label ("(2) If type int…"), punctuation cut off by a space ("…removes the parameter ."), an identifier broken after its underscore ("gnutls_srp_server_ credentials_t") or an author\'s "FIXME" show a layout the extraction broke: the learner reads a wrong or garbled fact (yosys and nauty manuals, fresh set 4; the same sentences are asked by numerical items).',
    reject: [
      '114 115 Module and cell ports and nets can be single bit wide or vectors of multiple 116 bits .',
      'If type int has at least 32 bits, there is an absolute limit of 2 × 109 on the number of vertices.',
      '(2) If type int has at least 64 bits, there is a limit on the number of vertices.',
      'IS_CLK_INVERTED on many Xilinx cells ) and removes the parameter .',
      'FIXME: This pass does not handle the async reset yet.',
      // An identifier broken at its underscore (GnuTLS manual, fresh set 5).
      'By default the seed is a random value, different each time a gnutls_srp_server_ credentials_t is allocated.',
    ],
    keep: [
      'Module and cell ports and nets can be single bit wide or vectors of multiple bits.',
      'There is an absolute limit of 2 × 10⁹ on the number of vertices.',
      'A frame of 4 × 1024 bytes is read at once (the default).',
      'US letter paper is 8.5 by 11 inches.',
      'The server waits 10 seconds, then 20 seconds before it retries.',
      'The routine glp_asnprob_lp builds the LP problem of the assignment problem.',
    ],
    fails: (s) => LAYOUT_DEBRIS.test(s.trim()),
  },
  {
    id: 'listed/aside',
    why: 'A statement wholly in parentheses ("(We recommend that you use int32…)") is an aside to the sentence before it, in the author’s voice (camlidl).',
    reject: ['(We recommend that you use int32 or int64 for integers that are exactly 32 bit wide.)'],
    keep: ['Use int32 or int64 for integers that are exactly 32 bit wide (or 64 bit wide).'],
    fails: (s) => /^\(.*\)[.!?]?$/su.test(s.trim()),
  },
  {
    id: 'listed/echo',
    why: 'The same words on both sides of "or" or "and" ("exactly 64 bit wide or 64 bit wide") are a changed number or swapped term that now repeats its neighbour: nonsense a learner rejects without the text (camlidl).',
    reject: [
      'Use int32 or int64 for integers that are exactly 64 bit wide or 64 bit wide.',
      'The routine reads the input file and the input file.',
      'The options for intent are 1, 1, 2 and 3, which correspond to the ICC intents.',
    ],
    keep: [
      'Use int32 or int64 for integers that are exactly 32 bit wide or 64 bit wide.',
      'The routine reads the input file and the output file.',
      'The options for intent are 0, 1, 2 and 3, which correspond to the ICC intents.',
      'Names, dates, and places are read, and written.',
    ],
    fails(s) {
      // Words and commas: a list "1, 1, 2" repeats its neighbour as surely as "64 bit wide or 64 bit wide".
      const words = s.toLowerCase().match(/[\p{L}\p{N}]+|,/gu) ?? [];
      for (let i = 0; i < words.length; i++) {
        if (words[i] !== 'or' && words[i] !== 'and' && words[i] !== ',') continue;
        for (let n = 1; n <= 4 && n <= i; n++) {
          const left = words.slice(i - n, i).join(' ');
          const right = words.slice(i + 1, i + 1 + n).join(' ');
          if (left === right && !left.includes(',') && /\p{L}{2}|\p{N}/u.test(left)) return true;
        }
      }
      return false;
    },
  },
  {
    id: 'listed/noun-phrase',
    why: 'A statement whose only verbs stand after a relative word ("A Caml implementation file f.ml that implements the f.mli file.") is a noun phrase, a caption or a list item, not a claim (camlidl).',
    reject: [
      'A Caml implementation file f.ml that implements the f.mli file.',
      'The routine which reads the input and writes the output.',
    ],
    keep: [
      'A Caml implementation file that implements the f.mli file is generated by camlidl.',
      'The routine reads the input that the user typed.',
      'Programs use files that contain their settings.',
      'You write a file that names the interfaces.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang) || !lang.quizWords) return false;
      const tags = lang.analyser.tag(s);
      const relative = tags.findIndex((t) => lang.quizWords!.relatives.has(t.lower) && t.lower !== 'when');
      // Only a statement opening on a determiner ("A file…", "The routine…") is read: the tagger takes too many
      // plain verbs for nouns ("Programs use/NOUN files that…") to judge the others.
      if (relative <= 0 || tags[0]?.pos !== 'DET') return false;
      // The tagger reads some nouns as verbs ("implementation file/VERB"): a verb before the relative word is
      // the sentence's when it is an auxiliary, reads as the third person or past, or follows a pronoun or a
      // plural noun ("Programs use files that…").
      const finiteBefore = tags.slice(0, relative).some((t, i) => {
        if (t.pos === 'AUX') return true;
        if (t.pos !== 'VERB') return false;
        const prev = tags[i - 1];
        return (
          /(?:[^s]s|ed)$/u.test(t.lower) ||
          prev?.pos === 'PRON' ||
          (prev?.pos === 'NOUN' && /[^s]s$/u.test(prev.lower))
        );
      });
      if (finiteBefore) return false;
      // After the relative clause's own verb, a second finite verb is the sentence's ("… that X is generated").
      const after = tags.slice(relative + 1);
      const finite = after.filter(
        (t, i) =>
          (t.pos === 'AUX' || (t.pos === 'VERB' && !/ing$/u.test(t.lower))) &&
          !/^(?:and|or)$/u.test(after[i - 1]?.lower ?? ''),
      );
      return finite.length <= 1;
    },
  },
  {
    id: 'listed/argument',
    why: 'A statement about one argument of a routine ("The parameter a_cap specifies an offset…", "StreamErr is unified with…") is a line of an API reference: true of one call, nothing a course teaches (glpk graphs, gprolog).',
    reject: [
      'The parameter a_cap specifies an offset of the field of type double in the arc data block.',
      'StreamErr is unified with the stream-term associated with the output of Command.',
      'The argument fname is the name of the file to read.',
      'If the stream position is end-of-stream then E is unified with at.',
      'SorA is a variable SorA is neither a variable nor a stream-term SorA is an input stream.',
      'The parameters specifies the ordinal number of the source node.',
    ],
    keep: [
      'The parameter list of a routine is checked when the program is compiled.',
      'The routine glp_asnprob_lp builds the LP problem of the assignment problem.',
    ],
    fails: (s) =>
      /^(?:[Tt]he )?(?:[Pp]arameter|[Aa]rgument|[Ff]ield|[Mm]ember|[Oo]ption|[Oo]perand)s? \S*(?:_|\p{Ll}\p{Lu})\S* |^(?:[Tt]he )?(?:[Pp]arameter|[Aa]rgument|[Oo]perand)s? \p{Ll}+ (?:is|are|specifies|contains|must|should|points)\b/u.test(
        s,
      ) ||
      /^(?:[Tt]he )?(?:[Pp]arameter|[Aa]rgument)s? (?:specifies|is|contains)\b|\b\p{Lu}\w* (?:is|are) unified with\b/u.test(
        s,
      ) ||
      repeatedName(s),
  },
  ...SUBJECT_RULES,
  ...UNRESOLVED_RULES,
  ...LEANING_RULES,
];

/**
 * The first rule of {@link LISTED_RULES} that refuses `statement`, or null: the gate a statement of the text passes
 * before it is listed among others (multiple answer) or asked with a blank (numerical).
 */
export function listedProblem(statement: string, lang: LanguageProfile): ListedRule | null {
  return LISTED_RULES.find((rule) => rule.fails(statement, lang)) ?? null;
}

/**
 * Listed rules a statement asked alone (true/false) is not judged by. Each refused fair, self-contained textbook
 * sentences a reviewer wrote from other fields, or fair sentences of examples/sample.pdf's quiz (stop 38): their
 * words are signs of a statement torn from a manual's list, blank or table, not of one that leans on the text.
 * listed/no-verb and listed/not-standalone miss past-tense and plain verbs ("Napoleon invaded Russia in 1812.",
 * "Kidneys filter waste from the blood."); listed/code reads an option flag, ";" or "<" ("The grep option -i makes
 * matching ignore case.", "… significant when p < 0.05."); listed/leans a final "it" referring back inside the
 * sentence and "above" as a preposition (listed/leans-back is its part a statement is judged by);
 * listed/unnamed-subject a general definition ("The median is less sensitive to outliers than the mean.");
 * listed/unnamed-actor "A roux is made of …"; listed/leans-on-paragraph "the same" without "as";
 * listed/adds-to-before "also"; listed/order "because"/"when" clauses ("Bread dough rises because yeast releases
 * carbon dioxide."); listed/argument a name written three times ("CREATE TABLE, ALTER TABLE and DROP TABLE").
 * Among four options a learner has no text around any of them, so multiple answer keeps the full list.
 */
const LISTED_ONLY = new Set([
  'listed/leans',
  'listed/not-standalone',
  'listed/code',
  'listed/no-verb',
  'listed/argument',
  'listed/unnamed-subject',
  'listed/leans-on-paragraph',
  'listed/unnamed-actor',
  'listed/order',
  'listed/adds-to-before',
]);

/** The listed rules a statement asked alone (true/false), true or false form, is judged by. */
export const STATEMENT_RULES: readonly ListedRule[] = LISTED_RULES.filter(
  (rule) => !LISTED_ONLY.has(rule.id),
);

/** The first rule of {@link STATEMENT_RULES} that refuses `statement`, or null. */
export function statementProblem(statement: string, lang: LanguageProfile): ListedRule | null {
  return STATEMENT_RULES.find((rule) => rule.fails(statement, lang)) ?? null;
}

/** A false option of a multiple-answer item: the sentence as written and the statement made of it. */
export interface FalseOptionPlace {
  source: string;
  statement: string;
  /** The language's units: a changed number must be a quantity with its unit. */
  words?: QuizWords;
}

export interface FalseOptionRule extends Rule {
  fails(o: FalseOptionPlace): boolean;
}

/** The words of `a` and `b` that differ, once their common first and last words are taken off. */
export function changedWords(a: string, b: string): [string, string] {
  const x = a.split(/\s+/u);
  const y = b.split(/\s+/u);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (end < x.length - start && end < y.length - start && x.at(-1 - end) === y.at(-1 - end)) end++;
  return [x.slice(start, x.length - end).join(' '), y.slice(start, y.length - end).join(' ')];
}

export const FALSE_OPTION_RULES: readonly FalseOptionRule[] = [
  {
    id: 'falseoption/changed-quantity',
    why: 'Listed beside true statements, a false one must be plainly false to a reader of the text, and only a changed quantity surely is: a swapped term is often a near-synonym or a sibling of which the statement is true too ("the parallel version" for "the parallel execution", Helgrind for DRD), and a changed number that is no quantity the numerical rules would ask (a model "8051", a standard "ISO/IEC 9899", a kind "24 bit mode") is a name, not a fact (fresh sets 1 and 2).',
    reject: [
      'The original 8051 had 128 byte idata memory. => The original 16102 had 128 byte idata memory.',
      'A global variable is not visible in the parallel execution. => A global variable is not visible in the parallel version.',
      'The entry colour has precedence over the row colour. => The table colour has precedence over the row colour.',
      'In accordance with ISO/IEC 9899 bits are implemented as unsigned. => In accordance with ISO/IEC 9901 bits are implemented as unsigned.',
      'The processor must be in 24 bit contiguous addressing mode. => The processor must be in 48 bit contiguous addressing mode.',
    ],
    keep: [
      'The direct page holds the first 256 bytes of memory. => The direct page holds the first 512 bytes of memory.',
      'A full scan of the table takes 30 minutes. => A full scan of the table takes 45 minutes.',
      'The survey reached 45% of the households. => The survey reached 60% of the households.',
    ],
    fails(o) {
      // Units come from a language's quiz words (English only so far): without them this rule cannot judge, and
      // refusing every false option would stop multiple answer in that language.
      if (!o.words) return false;
      const [was, now] = changedWords(o.source, o.statement);
      if (!/^[\d.,]+%?$/u.test(was) || !/^[\d.,]+%?$/u.test(now)) return true;
      // The number as a word of the sentence: its first place between spaces (or at the start).
      const start = ` ${o.source}`.indexOf(` ${was} `);
      if (start < 0) return true;
      const place = quantityPlace(o.source, start, start + was.replace(/%$/u, '').length, o.words);
      return QUANTITY_RULES.some((rule) => rule.fails(place));
    },
  },
  {
    id: 'falseoption/restated-number',
    why: 'A number the sentence restates in other units ("every 300 seconds (five minutes)", "4096 bytes, i.e. 4 KB") cannot be changed alone: the false option contradicts its own gloss ("600 seconds (five minutes)") and gives itself away (OpenAFS Quick Beginnings, fresh set 7).',
    reject: [
      'By default, the Update Server performs updates every 300 seconds (five minutes). => By default, the Update Server performs updates every 600 seconds (five minutes).',
      'Each page holds 4096 bytes, i.e. 4 KB of data. => Each page holds 8192 bytes, i.e. 4 KB of data.',
      'The lease lasts 3600 seconds (1 hour) by default. => The lease lasts 7200 seconds (1 hour) by default.',
    ],
    keep: [
      'The direct page holds the first 256 bytes of memory. => The direct page holds the first 512 bytes of memory.',
      'The daemon waits 30 seconds (the default) before it retries. => The daemon waits 60 seconds (the default) before it retries.',
    ],
    fails(o) {
      const [was] = changedWords(o.source, o.statement);
      const start = ` ${o.source} `.indexOf(` ${was} `);
      if (start < 0) return false;
      const after = o.source.slice(start + was.length);
      return RESTATED_AFTER.test(after);
    },
  },
  {
    id: 'falseoption/bound',
    why: 'A bound changed ("at least 32 bits" → "at least 64 bits", "up to 30 minutes" → "up to 60") may still hold: an int of 64 bits has at least 32; only an exact value changed is plainly false (nauty guide, fresh set 4).',
    reject: [
      'If type int has at least 32 bits, there is a limit on the vertices. => If type int has at least 64 bits, there is a limit on the vertices.',
      'Codes take up to 30 minutes to apply. => Codes take up to 60 minutes to apply.',
      'The key holds a minimum of 8 characters. => The key holds a minimum of 16 characters.',
    ],
    keep: [
      'The direct page holds the first 256 bytes of memory. => The direct page holds the first 512 bytes of memory.',
      'A full scan of the table takes 30 minutes. => A full scan of the table takes 60 minutes.',
    ],
    fails(o) {
      const [was] = changedWords(o.source, o.statement);
      const start = ` ${o.source}`.indexOf(` ${was} `);
      return start >= 0 && BOUND_BEFORE.test(o.source.slice(0, start));
    },
  },
];
