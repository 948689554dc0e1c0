/**
 * English words the rules look for, each list once (the rules that use them are in src/pipeline/rules): what
 * points back at an earlier sentence, what names the document or its parts, nouns and adjectives too general
 * to be a term, words of time, words that label a number.
 */

const set = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

/** Openings that lean on the sentence before: a pronoun, or a connective with nothing to connect to. */
export const POINTER =
  /^(?:it|its|they|them|their|theirs|he|she|his|her|these|those|such|here|also|then|thus|hence|therefore|otherwise|instead|likewise|similarly|furthermore|moreover|besides|however|nevertheless|nonetheless|but|and|or|nor|so|yet|still|again|alternatively|consequently|accordingly|as such|as a result|in addition|in this case|in that case|in other words|in particular|in contrast|on the other hand|for this reason|for example|for instance|as (?:shown|seen|mentioned|described|noted|discussed|explained) (?:above|below|earlier|before|previously|later)|see (?:above|below|also)|above|below|the (?:above|following|former|latter|same)|this one|that one|one of (?:them|these|those))\b/iu;

/** "It is possible to…": an "it" that points at nothing. */
export const EXPLETIVE_IT =
  /^it (?:is|was|may be|can be|is not|isn't) (?:(?:also|often|usually|generally|sometimes) )?(?:possible|important|necessary|recommended|advisable|useful|helpful|a good idea|best|easy|common|worth|likely|unlikely|essential|difficult|hard)\b/iu;

/** "This", "that" as pronouns ("This is…", "This means…"), not as determiners of the document ("This manual…"). */
export const DEMONSTRATIVE = /^(?:this|that)\b\s*(\S+)/iu;

/** A sentence that sends the reader elsewhere: "See footnotes at end of table.", "For methodology, see Appendix III." */
export const CROSS_REFERENCE = /^(?:see\b|for [^.;]{1,80}?,? see\b)/iu;

/** Nouns that name the document, its parts or what it documents: "This manual describes…" stands alone. */
export const DOCUMENT_PARTS =
  /^(?:manual|guide|document|documentation|book|handbook|chapter|section|appendix|part|paper|report|tutorial|article|page|thesis|specification|standard|release|version|course|lesson|module|program|software|package|library|tool|project|system)s?\b/iu;

/** What the document says it is: "This manual describes…", "This course is about…". */
export const SELF_DESCRIPTION =
  /^(?:This|The present) (?:manual|guide|document|documentation|book|handbook|report|paper|tutorial|course|text|chapter|thesis|specification|study|article|reference|booklet|brochure|newsletter|issue|presentation|section|appendix)s? (?:is|are|describes?|explains?|covers?|introduces?|presents?|provides?|documents?|gives?|contains?|shows?|discusses?|summari[sz]es?|outlines?|focuses|aims|will)\b/u;

/** Auxiliaries that cannot open a statement: "Were eligible due to…" is a bullet that lost its subject. */
export const FINITE_AUXILIARIES = set(
  'is are was were am has had does did can could will would may might shall should must',
);

/** Auxiliaries that open a condition before its subject: "Should a condition recur, then…". */
export const CONDITIONAL_AUXILIARIES = set('should had were');

/** Demonstratives that point back when they stand before a noun ("these problems"). */
export const BACK_DEMONSTRATIVES = set('these those');

/** Words after "these problems" that say which ones: "those cases that fail", "these files listed below". */
export const SAYS_WHICH = set('that which who whom whose where listed described shown given below');

/** Words that open a new sentence and rarely follow a lower-case word inside one. */
export const SENTENCE_OPENERS = set('the a an this these it in for to if when you we');

/** Adjectives that say nothing about what a thing is ("other tables", "the following options"). */
export const VAGUE_ADJECTIVES = set(
  `other many new same different following various several certain such main important particular specific given
  whole entire single own simple good better best first last next previous above below additional general possible
  real actual common usual typical normal current high low large small big little long short full easy hard
  useful special further whole necessary available appropriate relevant respective corresponding related similar
  single multiple individual overall extra separate major minor basic modern traditional popular famous classic
  known unknown wide broad`,
);

/** Nouns too general to be a key term on their own. */
export const GENERAL_NOUNS = set(
  `thing way lot kind sort part case use end fact point place time number example detail reason result problem
  question answer idea side section chapter figure step information amount aspect purpose term note addition
  following lack need means`,
);

/** Heads that make no defined term: "The result is a list…", "This is a…". */
export const NOT_DEFINED_TERMS = set(
  'result reason problem thing way point idea example case default answer question purpose goal aim first last rest following other others same',
);

/** Units of time: with an ordinal or a count before them ("seventh day", "each month") they date things. */
export const TIME_UNIT = /^(?:second|minute|hour|day|week|month|year|decade|century|time|date)$/u;
export const TIME_MODIFIER =
  /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|previous|same|each|every|current|following|calendar|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+(?:st|nd|rd|th)?)$/u;

/** Words before a number that make it a label, not a quantity ("Table 1", "version 3"). */
export const NUMBER_LABEL =
  /(?:table|figure|fig|section|chapter|page|pages|version|release|step|part|appendix|no|item|line|rule|example|equation|eq|article|clause|schedule)\.?\s*$/iu;

/** Words that name a part of a text before its number, opening an entry of a table of contents ("Sec. 401."). */
export const CONTENTS_ENTRY = /^(?:(?:sec|art)\.|section|article|chapter|§)\s*[0-9]+[a-z]?\.\s/iu;
