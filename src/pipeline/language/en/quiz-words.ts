/**
 * English words the makers of the quiz's kinds look for (numerical, ordering, matching, short answer, multiple
 * answer), each list once; the rules that use them are in src/pipeline/rules/quiz/ (quantities.ts, steps.ts,
 * glosses.ts, statements-listed.ts). A language without them gets none of the kinds that need them.
 */
import type { QuizWords } from '../profile.ts';

export const ENGLISH_QUIZ_WORDS: QuizWords = {
  units:
    /^(?:[KMGT]i?B|[kKMGT]?bytes?|bits?|kbit|[kMG]?bp|kb|Mbit|Gbit|[kMG]?Hz|ms|milliseconds?|microseconds?|nanoseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|%|percent|per cent|mm|cm|km|m|kg|mg|g|lines|characters|columns|rows|threads|processes|instructions|entries|records|words|pages|times|digits|levels|copies|users|bytes per second|KB\/s|MB\/s)(?![\p{L}\p{N}])/u,
  labelBefore:
    /(?:(?<![\p{L}\p{N}])(?:table|figure|fig|section|chapter|page|pages|p|pp|version|release|step|part|appendix|no|number|item|line|rule|example|equation|eq|article|clause|schedule|option|level|volume|vol|issue|edition|ch|sec|v)|§)\.?\s*$/iu,
  boundBefore:
    /(?:(?<![\p{L}\p{N}])(?:more than|less than|fewer than|over|under|above|below|beyond|exceeds?|exceeding|than|(?<!\b(?:up|defaults?|defaulted|set|sets|changed|raised|lowered|increased|decreased|reduced) )to|through|and|or|not(?: exactly| quite| always)?)|-|–)\s*$/iu,
  boundAfter:
    /^\s*(?:or (?:more|less|fewer|higher|lower|longer|shorter|above|below|greater|over|under|older|younger|later|earlier)|and (?:over|above|up|more|older|younger)|and (?:later|earlier)(?=\s*(?:\p{P}|$)))\b/iu,
  exampleBefore:
    /(?:e\.g\.|i\.e\.|for example|for instance|such as|like|say)[,:]?\s*$|(?:e\.g\.|i\.e\.)[^.;]*$/iu,
  leansBefore:
    /(?:^|[.;:]\s+|,\s*|\b(?:if|when|unless|because|since|while|so|and|but)\s+)(?:it|they|this|these|its|which)\b|\bthis (?:is|was)\b|\b(?:might|could|would|may)\b/iu,
  roundedBefore: /(?:about|approximately|approx\.?|around|roughly|nearly|almost|some|~|circa|ca\.)\s*$/iu,
  rangeAfter: /^\s*(?:-|–|to|or|and|through)\s*\d/u,
  sequenceLead:
    /\b(?:steps?|in (?:this|that|the following) order|in order|sequence|(?:the following|this|the) procedure|procedure (?:is|as follows)|as follows|the following (?:way|order)|do the following|proceed|process is)\b/iu,
  contextTerm:
    /\b(?:first|second|third|fourth|last|next|previous|following|former|latter|such|same|other|above|below|simplest|latest|current|new|old|corresponding|default)\b/iu,
  contextGloss: /\b(?:these|those|this|such|we|our|us|you|your|here|above|below|following)\b/iu,
  weakGloss:
    /^(?:an? |the )?(?:important|major|key|good|great|critical|main|useful|common|new|different|other|special|alternative|preferred|recommended|usual|appropriate|only|best|right|proper|easy|simple|powerful) |^(?:one|some|part|any|each) of\b|^(?:an? |the )(?:\p{L}+ )?(?:violation|example|instance|case|sign|result|consequence|matter)s? of\b/iu,
  argumentGloss:
    /^(?:an? |the )?(?:integer|atom|term|digit|string|pointer|flag|float|character|boolean|variable)s? (?:specifying|denoting|giving|representing|indicating|storing|naming|that (?:specifies|denotes|gives|names))\b/iu,
  danglingGloss: /\b(?:of|to|the|a|an|and|or|that|which|with|by|for|in|on)$/iu,
  danglingStep: /\b(?:of|to|the|a|an|and|or|than|with|by|from)$/iu,
  glossOpening:
    /^(?:of|in|on|at|by|for|with|to|from|as|so|also|only|just|then|course|the same|that|whether|how|if)\b/iu,
  judgementTerms:
    /^(?:drawback|advantage|disadvantage|benefit|problem|issue|difficulty|limitation|downside|upside|goal|aim|idea|result|reason|rule|exception|trick|tip|reference|example|note)s?$/iu,
  codeNouns:
    /^(?:parameter|option|command|keyword|function|variable|argument|flag|field|macro|attribute|switch|statement|routine|directive|member|property|method|construct)$/iu,
  relatives: new Set(['that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'whereby']),
  definitionFillers: new Set(
    `that this with from which what when into than them they each other another used uses there their have were
    been only also more most some such`.split(/\s+/),
  ),
  leaningStatement:
    /\binstead\b|\b(?:already|previously) (?:been )?(?:mentioned|described|discussed|seen|shown)\b|\bas (?:mentioned|described|discussed|shown) (?:above|before|earlier)\b|\b(?:this|that|these|those|it|them)[.!?]?$|^line \d|^the (?:default )?value (?:is|was)\b|^(?:(?:please )?note|illustration|figure|fig\.|table|example|see|finally)\b|\bsuch\b(?!\s+as\b)|^(?:since|as|so|thus|therefore|this|these|it)\b|\b(?:section|chapter|figure|table)\s+\d|\b(?:this|that|these|those) (?:kind|example|case|way|situation|reason|point|step)s?\b|\bthe (?:latter|former|above|following)\b|^in this\b|^others?\b|\b(?:below|above)\b|\bnext sections?\b|\bof (?:these|those)\b|,\s+(?:it|this|they|these)\s+(?:is|are|was|were|will|can|may|has|have|does|do)\b|^(?:if|when|unless) (?:set|used|given|called|enabled|present|omitted|specified)\b|\b(?:this|these|those)\s+(?!is\b|are\b)\p{Ll}+/iu,
  checklistOpening:
    /^(?:make sure|don't|do not|never|always|avoid|ensure|check that|remember|try to|be sure)\b/iu,
  pointerPronouns: new Set(['it', 'they', 'them', 'this', 'these', 'those', 'he', 'she', 'him', 'her']),
  otherNumber,
};

/** An English noun's other number: `keys` for `key`, `entries` for `entry`, `index` for `indexes`; null when unsure. */
function otherNumber(term: string): string | null {
  const words = term.split(' ');
  const last = words.at(-1)!;
  if (!/^\p{Ll}+$/u.test(last) || last.length < 3) return null;
  // Latin and Greek forms (data, criteria, curriculum, analysis) and nouns without a plural take no rule.
  if (/(?:a|um|on|is|ics|ware|ledge|ence|ance|ment|ation)$/u.test(last) && !/ations?$/u.test(last))
    return null;
  if (/^(?:information|research|advice|equipment|evidence|software|hardware|data|media)$/u.test(last))
    return null;
  let other: string;
  if (/[^aeiou]ies$/u.test(last)) other = `${last.slice(0, -3)}y`;
  else if (/(?:s|x|z|ch|sh)es$/u.test(last)) other = last.slice(0, -2);
  else if (/[^s]s$/u.test(last) && !/(?:ss|us|is)$/u.test(last)) other = last.slice(0, -1);
  else if (/[^aeiou]y$/u.test(last)) other = `${last.slice(0, -1)}ies`;
  else if (/(?:s|x|z|ch|sh)$/u.test(last)) other = `${last}es`;
  else other = `${last}s`;
  return [...words.slice(0, -1), other].join(' ');
}
