/**
 * English words of the precision-first rules of #24's reading (quantities, steps, glosses, listed): an offline item
 * the rules are not sure of is dropped, not shown. They belong with the other quiz words in language/en/quiz-words.ts
 * and move there when that folder's owner is done with it; until then every rule that reads them runs only where
 * the language has quiz words (English), as the rules around them do.
 */

/** Hedges that make a figure an impression, not a fact ("the penalty seems to be about 25%"). */
export const HEDGES =
  /\b(?:seems?|seemed|appears?|appeared|probably|perhaps|maybe|presumably|currently|apparently)\b/iu;

/**
 * The author speaking of themself ("my current tape", "I can see"). "I" alone counts only before a verb-like
 * word or as "I'm", "I've"…: a Roman numeral ("Type I errors", "In Part I the course…") is not the author.
 */
export const FIRST_PERSON =
  /(?<![\p{L}\p{N}'’/&-])(?:I(?:['’](?:m|ve|d|ll)|\s+(?:am|was|have|had|can|could|will|would|shall|should|may|might|must|do|did|don['’]t|didn['’]t|think|see|saw|ran|run|got|get|found|find|use|used|tried|try|want|wanted|need|needed|believe|know|knew|like|wrote|write|made|make|recommend|suggest|guess|mean|feel|prefer|realized|realised|decided|started|noticed|learned|learnt|just|also|never|always|often|usually|still|then|first|really)\b)|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself)(?![\p{L}\p{N}'’/&-])/u;

/**
 * A sentence about an example, a sample run or what a run printed ("output similar to Example 5.5", "the sample
 * output", "The DRD output reports that the lock acquired at line 51…").
 */
export const ABOUT_AN_EXAMPLE =
  /\b(?:examples?|sample (?:output|run|session)s?|output (?:similar|reports|shows|says|lists|above|below)|at line \d+)\b/iu;

/**
 * The authors narrating a session ("We are working with 38 digits", "we get 12 seconds", "The number you recalled
 * had been computed…"): its figures are the session's. "you" takes only verbs of something done in the session,
 * listed: any verb ending in "ed" reads "you need" as narration.
 */
export const NARRATED_SESSION =
  /\bwe (?:are|were|get|got|see|saw|obtain(?:ed)?|ran|run|now have|just)\b|\byou(?: just)? (?:recalled|typed|entered|ran|ended|obtained|computed|got|saw|created|started|used|tried|wrote|saved|opened|installed|called|specified|asked|pressed|clicked|selected|executed|compiled|loaded|received|printed)\b/iu;

/** A short name of code, letters then digits ("g11", "f2"): the sentence is about an example program. */
export const EXAMPLE_IDENTIFIER = /(?<![\p{L}\p{N}_.-])\p{Ll}{1,2}\d{1,3}(?![\p{L}\p{N}_-])/u;

/**
 * A sentence that speaks of calls, a function or a run of a program ("the 30 calls to g11"): only with it does a
 * short name of letters and digits name a function of an example, not a platform ("x86", "i386") or a hash ("md5").
 */
export const ABOUT_A_RUN =
  /\b(?:calls?|called|function|routine|procedure|program run|runs?|ran|invocations?)\b/iu;

const THE_OUTPUT = /\bthe output\b/iu;
const THE_INPUT = /\bthe input\b/iu;

/**
 * Words that pick part of one run's input ("only", "the first 999 rows", "the EVENTS table extension of"): what a
 * filter or a selection shown beside the sentence kept. Without them, a clause naming input and output states a
 * fact of the subject ("The output voltage is 5 V when the input is 3 V.").
 */
const SELECTS_PART =
  /\b(?:only|extensions? of|(?:the )?(?:first|last) \d[\d,]*\s+(?:rows?|columns?|lines?|records?|entries|bytes|pixels|frames|events))\b/iu;

/**
 * A clause (up to a full stop) that says what part of the input one run kept in the output ("The output file
 * contains only the Time, X, and Y columns, and only the first 999 rows from the 'EVENTS' table extension of the
 * input file"): it says what a command shown beside it did, so its figures are the command's parameters. Three
 * tests of each clause, each reading it once: one pattern spanning "the output … the input" with "[^.]*" read the
 * clause again from every "the output", quadratic in its length.
 */
export const selectsFromInput = (text: string) =>
  text
    .split('.')
    .some((clause) => THE_OUTPUT.test(clause) && THE_INPUT.test(clause) && SELECTS_PART.test(clause));

/**
 * A person's age or death ("passed away at 21 years of age", "12 years old", "died aged 80"): true, not worth asking
 * in a course. "aged" alone is not one ("ARP entries are aged out").
 */
export const PERSONS_AGE = /\b(?:passed away|died (?:at|aged|in)|\d+ years? (?:of age|old)|aged \d+)\b/iu;

/** Openings of a worked example: its figures are the example's, not the subject's. */
export const WORKED_EXAMPLE =
  /^(?:assuming|assume|suppose|supposing|say|imagine|consider|let(?:['’]s| us) (?:say|assume|suppose|imagine)|for (?:example|instance)|e\.g\.|in (?:this|the|our) example)\b/iu;

/** Words of a definition that judge or hedge instead of saying what the term is ("a very powerful platform"). */
export const VAGUE_GLOSS =
  /\b(?:very|fairly|quite|rather|somewhat|popular|recent(?:ly)?|things?|stuff|powerful|separate|companion|regular|nice|various|possibly|subject|whole|indispensable|primary source|technically)\b/iu;

/**
 * Kinds of thing a name is one of ("Mnesia application", "PageTemplate class"): a longer name ending in one
 * ("Debian Linux Kernel Handbook") is not asked, nor a name with one whose bare name a key does not accept.
 */
export const KIND_NOUNS =
  /^(?:application|system|syntax|language|class|package|program|tool|project|library|module|framework|file|format|version|object|type|suite|software|utility|script|daemon|server|client|driver|service|manual|guide|handbook|distribution)s?$/iu;

/**
 * Kinds after a name whose bare name a learner may type ("VBIC model" → "VBIC", "TCP protocol" → "TCP"): more than
 * {@link KIND_NOUNS}, because they only add an answer; a name ending in one of these alone ("Border Gateway
 * Protocol", "Secure Hash Algorithm") is a name to ask whole.
 */
export const NAMED_KINDS =
  /^(?:application|system|syntax|language|class|package|program|tool|project|library|module|framework|file|format|version|object|type|suite|software|utility|script|daemon|server|client|driver|service|manual|guide|handbook|distribution|model|protocol|algorithm|command|option|function|method|simulator|compiler|editor|interface|device|extension|tag|keyword|parameter|variable|macro)s?$/iu;

/** Adjectives that judge ("major advantage", "key benefit"): before a judging or relating noun, no term. */
export const JUDGING_ADJECTIVES = /^(?:major|main|key|big|chief|great|primary|biggest)$/iu;

/** Nouns that only judge ("drawback"): after any word in lower case ("performance drawback") still no term. */
export const JUDGEMENT_NOUNS = /^(?:advantage|disadvantage|drawback|benefit|downside|upside)s?$/iu;

/** A lead-in that makes a numbered list advice or an explanation, not a procedure ("please make sure you:"). */
export const ADVICE_LEAD =
  /\b(?:make sure|ensure|precaution(?:s|ary)?|should|tips?|hints?|idioms?|idiomatic|means|recommend(?:ed|ations?)?|advice|consider|checklist|include|(?:things?|ways?) to try|try (?:the following|these))\b/iu;

/**
 * A lead-in or heading that makes a numbered list the author's first things to do ("Minimum steps to get started",
 * "Quick start"), or the author's plans ("Low priority:", "Planned features"): each is a task of its own, and their
 * order is the author's, not a procedure's. A priority or "planned" only opens such a heading or lead-in ("1.2 Low
 * priority", "Planned:") or names the plans ("planned features"): inside a sentence ("If you have planned a
 * migration, do…", "To give a job high priority, do…") it heads a procedure.
 */
export const TO_DO_LEAD =
  /\b(?:get(?:ting)? started|first (?:steps|things)|things to do|minimum steps|quick ?start|to-?do|wish ?list|roadmap)\b|^\s*(?:[\d.]+\s+)?(?:(?:low|high|medium) priority|planned)\b|\bplanned (?:features|changes|work)\b/iu;

/**
 * A lead-in that calls a list "the procedures": a sequence when its items are mostly instructions (CD-HIT's "the
 * procedures of PSI-CD-HIT", fresh set 10), but in Scheme, Pascal or Tcl manuals procedures are functions ("The
 * library defines the procedures below: car returns…"). The singular is in the language's sequence lead.
 */
export const PROCEDURES_LEAD = /\b(?:the following|these|the) procedures\b/iu;

/** A lead-in that says its items have no order ("can be run in any order", "in no particular order"). */
export const UNORDERED_LEAD =
  /\b(?:in any order|in no (?:particular )?order|in either order|(?:the )?order (?:does not|doesn['’]t) matter)\b/iu;

/** An item that points at what comes after it ("Install the old package by the following."). */
export const POINTS_AHEAD = /\b(?:the following|as follows|below)\b|\.\.\.$|…$/iu;

/**
 * Words before a number that make it a bound ("at least 8 characters", "up to 100 Mbit/s", "more than 64 KB"):
 * changed, the bound may still hold ("at least 10 characters" of a rule of 8 is not plainly false).
 */
export const BOUND_BEFORE =
  /(?<![\p{L}\p{N}])(?:at least|at most|up to|no (?:more|less|fewer) than|not (?:more|less) than|more than|less than|fewer than|over|under|above|below|within|(?:a )?(?:minimum|maximum)(?: of)?)\s*$/iu;

/**
 * Marks of a layout the extraction ran into a sentence: a listing's line numbers ("114 115 Module and cell ports…"),
 * an exponent it flattened ("2 × 109" for 2 × 10⁹), a list label at the start ("(2) If type int…"), punctuation
 * cut off by a space (a table cell: "…removes the parameter .", "Xilinx cells )"), or an author's note ("FIXME:").
 */
export const LAYOUT_DEBRIS =
  /(?:^|\s)\d{1,5}\s+\d{1,5}\s+\p{L}|×\s?10(?:[2-9]|1\d|[-−]\d)\b|^\(\d{1,2}\)\s|^\(?[ivx]{1,4}\)\s|\s[.,;:)](?:\s|$)|\p{L}_\s+\p{Ll}|\b(?:FIXME|TODO|XXX)\b/u;

/** An opening clause of condition ("If type int has at least 32 bits, …", "When the cache is full, …"). */
export const OPENING_CONDITION =
  /^\s*(?:if|when|whenever|unless|in case|provided(?: that)?|assuming)\b[^,;:]*$/iu;

/** A step that branches on another or names one by its number ("If step 4 was not successful", "Repeat steps 2-3"). */
export const BRANCH_STEP = /^(?:if|else|otherwise|unless|in case)\b|\bsteps?\s+\d/iu;

/** The made things of a definition that says whose work the term is ("original designs by Kris Holmes…"). */
export const ATTRIBUTION =
  /^(?:(?:the|an?)\s+)?(?:\p{Ll}+\s+)?(?:designs?|works?|creations?|contributions?|donations?|drawings?|inventions?)\s+(?:by|of|from)\s+\p{Lu}/u;

/**
 * Words that fit any subject ("the structure used to manipulate data"): a definition of these alone says nothing a
 * learner could tell its term from another by.
 */
export const GENERIC_GLOSS_WORDS =
  /^(?:structure|structures|data|used|use|uses|manipulate|manipulates|handle|handles|handling|thing|things|object|objects|item|items|element|elements|information|way|ways|method|methods|means|mechanism|tool|tools|part|parts|kind|type|store|stores|hold|holds|contain|contains|represent|represents|various|different|certain|general|specific|some|many|other|all|any|every|can|may|which|that|what|this|these|with|from|into|about)$/iu;

/** Words that open a clause or phrase before the main one ("By capturing 4 cycles, the…", "When…, it…"). */
export const OPENING_WORDS =
  /^(?:when|whenever|if|unless|once|after|before|while|since|as|because|although|by|to|in|for|with|on|at|using|during|from)$/u;

/** Words that open a phrase of scope ("In the large memory model, …"): the main clause's subject is of that scope. */
export const SCOPE_OPENING = /^(?:in|on|for|under|within|with)$/u;

/**
 * What one run showed ("is maximum around 7000 Hz", "shows a peak", "can be seen", "goes up"): the result of an
 * experiment or an example, not a fact of the subject.
 */
export const OBSERVED_RESULT =
  /\b(?:is|are|was|were|becomes?|became)\s+(?:at\s+(?:its|a)\s+)?(?:maximum|minimum|maximal|minimal|highest|lowest)\b(?!\s+(?:of|value|size|length|number|when)\b)|\bshows?\s+(?:a|an|the)\s+(?:peak|dip|maximum|minimum|rise|drop|fall)\b|\b(?:can|could|will|may|should)\s+(?:be\s+)?(?:seen|observed|noticed)\b|\b(?:is|are|was|were)\s+(?:seen|observed)\b|\bgo(?:es)?\s+(?:up|down)\b|\bmeasured\s+\d+\s+times\b/iu;

/** A pointer inside a sentence to what it does not show ("70% of this, (see scale)", "as shown in the figure2.5"). */
export const POINTS_ELSEWHERE =
  /\(\s*see\b|\b(?:shown|given|drawn|plotted|seen) in (?:the )?(?:figure|fig\.|table|graph|plot|diagram)|\b(?:figure|fig\.|table)\s?\d|\b(?:of|to|for|from|in|on|by|with|than|like|as)\s+(?:this|that|these|those)\s*[,;:)]/iu;

/**
 * What ends in a count of things named, which makes "the same" the same among them: "All nodes", "Both the client",
 * "two files" (not "Since DRBD 9", whose number counts nothing: no letter follows it).
 */
const COUNTED = String.raw`\b(?:[Aa]ll|[Bb]oth|[Ee]ach|[Ee]very|[Tt]wo|[Tt]hree|[Ff]our)\s+\p{L}|(?:^|[^\d.])(?:[2-9]|[1-9]\d+)(?![.,]\d)\s+\p{L}`;

/** Members of a list a paragraph shows, which an ordinal counts ("the fourth routine", "the last command"). */
const LIST_MEMBERS = `(?:routine|function|method|form|option|command)s?`;

/**
 * Words after "the first option" that say whose or where ("of fopen", "on the command line", "in a script"): the
 * sentence names the list itself. Without them ("The first option is the file name.") the options are those of a
 * command the paragraph shows, and the sentence is refused: listed alone, first of which options is not said.
 */
const SAYS_WHOSE = `(?:of|in|to|on|at|for|from|with|after|before|given|passed)`;

/**
 * What "the present" leans on when it names the paragraph's own example ("the present series", "the present data"):
 * listed, because after it most nouns are no example ("the present working directory", "the present implementation").
 */
const PRESENT_THINGS = String.raw`(?:series|examples?|data(?:\s*sets?)?|datasets?|samples?|models?|stud(?:y|ies)|analys[ie]s|cases?|experiments?|illustrations?|applications?)`;

/**
 * A determiner that leans on the paragraph: "Both tests" (which two?), "the same steps" (as what?), "the opposite
 * case" (of which?), "the newly-configured handler" (configured where?). "Both X and Y" names its two; "the same …
 * as …" says as what; "at the same time" is no thing of the paragraph; after "all", "both", "each", "every" or a
 * number of two or more counting a noun ("All nodes must run the same version") "the same" is the same among those
 * named; not after a number or "all" that counts nothing ("Since DRBD 9, …", "After all, …"). Earlier on its line
 * means: no count ends at any character from the line's start to "the same", checked character by character; a
 * lookbehind reaching back with ".*" from every "the" read the line again each time, quadratic in its length.
 * "Both" alone opening the sentence ("Both try to detect…": the two tests named before; after a comma it may be
 * the sentence's two), unless "and" or "or" comes within three words ("Both regular files and directories"), and
 * "the present series" (the example's: {@link PRESENT_THINGS}) lean too.
 * A sentence opened by an ordinal of a list's members ("The fourth routine modifies…") leans on the list above it.
 */
export const LEANS_ON_PARAGRAPH = new RegExp(
  String.raw`^\s*Both\s+(?!(?:[\p{L}-]+\s+){0,2}(?:and|or)\b)(?!(?:of|the|these|those|its|their|[\p{Ll}-]+s)\b)[\p{Ll}-]+\b|\b[Tt]he\s+present\s+${PRESENT_THINGS}\b|(?:^|[,;]\s+)[Bb]oth\s+(?:of\s+)?(?:the\s+|these\s+|those\s+)?\p{Ll}+s\b(?!\s+and\b)|(?<![^\n\r\u2028\u2029])(?:(?<!${COUNTED})[^\n\r\u2028\u2029])*?(?<!${COUNTED})\b(?:[Tt]he|[Tt]his)\s+same\s+(?!time\b)(?!(?:\S+\s+){0,2}as\b)\p{Ll}|\b[Tt]he\s+(?:opposite|other|reverse|converse)\s+case\b|\b[Tt]he\s+(?:newly|just|previously|recently|above)[-\s]\p{Ll}+(?:ed|en)\b|^[Tt]he\s+(?:first|second|third|fourth|fifth|sixth|last|final)\s+${LIST_MEMBERS}\b(?!\s+${SAYS_WHOSE}\b)`,
  'u',
);

/** A default of nothing named ("Default filename is…", "The default value is 3"). */
export const UNNAMED_DEFAULT =
  /^\s*(?:(?:the|its|this|that)\s+)?default(?:\s+\p{Ll}+)?\s+(?:is|are|was|were)\b/iu;

/** A word of phase or angle, whose number may have lost its degree sign. */
const TURN_WORD = String.raw`\b(?:leads?|lags?|phase|angle|rotat\w*|shift\w*)\b`;

/**
 * A phase or an angle whose degree sign was lost: "leads … by 900" for 90°, "phase shift is 1800". The number is
 * sought from the last such word before it: sought from each, a run of them without a full stop was read again
 * from every one, quadratic in its length.
 */
export const LOST_DEGREE = new RegExp(
  String.raw`${TURN_WORD}(?:(?!${TURN_WORD})[^.])*?\b(?:[1-9]0|[1-3]\d0)0\b(?![.,]\d)(?=\s*(?:[.,;:)]|$)|\s+(?:at|in|with|and|or|when|for|from|to|relative|behind|ahead)\b)`,
  'iu',
);

/** The value of a name in quotes ("The minimum value of ’tg’"): one argument's, of a function not named. */
export const QUOTED_VALUE =
  /\b(?:value|minimum|maximum|default|range|width|size|limit)\s+(?:value\s+)?of\s+[‘’'"`]\w+[’'"`]/iu;

/**
 * What follows a number (and its unit) that restates it in other units: "300 seconds (five minutes)", "4096 bytes,
 * i.e. 4 KB". Changed alone, the number contradicts its gloss; blanked, the gloss gives it away. No two neighbouring
 * parts can take the same white space: three in a row ("\s*[\p{L}%]*\s*,?\s*") backtracked cubically on a run of spaces.
 */
export const RESTATED_AFTER =
  /^\s*(?:[\p{L}%]+\s*)?(?:\(\s*|(?:,\s*)?(?:i\.e\.|that is|or)\s*(?:,\s*)?)(?:about\s+|approximately\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|half)\s+\p{L})/iu;

/** Nouns that name a list's items as things true at once or to choose from, not steps: goals, features, requirements. */
const HELD_NOUN =
  'goals|aims|objectives|features|requirements|characteristics|capabilities|advantages|benefits|limitations';

/**
 * A lead-in clause that ends on the noun heading its list, the list being goals, features, requirements or limitations
 * ("feffit() has four basic requirements:", "This is a list of known current limitations:", "The requirements
 * are:"), properties ("An ideal gas has these properties:"; only so, as "choose properties:" is a menu's), what a
 * thing should be able to do or aims to do ("The user should be able to:"), or a count of ways or options with
 * nothing after it but its purpose ("There are three ways to disable a warning:", "CTSimText can be invoked via
 * three different methods.", "Three options are available:"). A noun inside the clause is no head ("Your goals for
 * this session:", "To meet these requirements, do the following:"), nor a count a later clause picks one of ("two
 * ways to open a port; the first is with ufw:").
 */
export const FEATURES_LEAD = new RegExp(
  String.raw`\b(?:(?:${HELD_NOUN})(?:\s+(?:are|include))?\s*:|(?:these|the following|following)\s+(?:\p{Ll}+\s+)?properties\s*:|(?:should be able|aims?) to\s*:|(?:two|three|four|five|six|several|many|various|different)\s+(?:(?:other|possible|alternative)\s+)?(?:ways|methods|options|alternatives|choices|approaches)\b[^,;:.]{0,80}[:.])\s*$`,
  'iu',
);

/** A heading that names goals, features or requirements ("Determining the Goals of the Text Editor"). */
export const FEATURES_HEADING = new RegExp(String.raw`\b(?:${HELD_NOUN})\b`, 'iu');

/**
 * A lead-in that ends on what someone wants a thing to do ("lets define what we want our text editor to do:"): under a
 * heading of goals or features, its list is the goals (FLTK); elsewhere it heads steps ("Here is what we want the
 * robot to do:"), so it counts only beside {@link FEATURES_HEADING}.
 */
export const WANTED_LEAD =
  /\bwhat (?:we|you|they|users?) (?:want|wants|would like) (?:the |our |your |its |an? )?\p{L}+(?: \p{L}+)? to (?:do|have|be)\s*:\s*$/iu;

/**
 * A lead-in clause or heading that says its list is done in turn: a purpose ("To install it:", "in order to create
 * your own application, you need to"), "how to", "follow these", a lead-in ending on "then:" ("first whisk the eggs,
 * then:"), or installing, configuring, building, creating, compiling or upgrading (whole words: "the installer" is
 * a thing). Beside the language's sequence lead (steps, procedure, as follows).
 */
export const PROCEDURE_MARK =
  /^\s*(?:[\d.]+\s+)?to \p{L}+\b|\bin order to\b|\bhow to\b|\bfollow (?:these|the|this)\b|\bthen\s*:\s*$|\b(?:install|configur|compil|upgrad|creat|build)(?:e|es|ed|ing|ation|ion|s)?\b|\bset(?:ting)? up\b/iu;

/** A joining word a cut or run-on step ends on, beside the language's {@link QuizWords.danglingStep}. */
export const JOINING_END = /^(?:and|or|but|then|finally)$/u;

/**
 * Words that take a joining word as their object ("Join the two tests with and", "Write the result after then",
 * "Set the operator to or"): a step that ends on "with and" names the word, it is not cut.
 */
export const TAKES_WORD = /^(?:with|using|after|before|to|into|by|from|of|a|an|the|word|type|enter|press)$/iu;
