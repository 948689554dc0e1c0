/**
 * English words of the precision-first rules of #24's reading (quantities, steps, glosses, listed): an offline item
 * the rules are not sure of is dropped, not shown. They belong with the other quiz words in language/en/quiz-words.ts
 * and move there when that folder's owner is done with it; until then every rule that reads them runs only where
 * the language has quiz words (English), as the rules around them do.
 */

/** Hedges that make a figure an impression, not a fact ("the penalty seems to be about 25%"). */
export const HEDGES =
  /\b(?:seems?|seemed|appears?|appeared|probably|perhaps|maybe|presumably|currently|apparently)\b/iu;

/** Openings of a worked example: its figures are the example's, not the subject's. */
export const WORKED_EXAMPLE =
  /^(?:assuming|assume|suppose|supposing|say|imagine|consider|for (?:example|instance)|e\.g\.|in (?:this|the|our) example)\b/iu;

/** Words of a definition that judge or hedge instead of saying what the term is ("a very powerful platform"). */
export const VAGUE_GLOSS =
  /\b(?:very|fairly|quite|rather|somewhat|popular|recent(?:ly)?|things?|stuff|powerful|separate|companion|regular|nice|various|possibly|subject|whole|indispensable|primary source|technically)\b/iu;

/** Kinds of thing a name is one of ("Mnesia application", "PageTemplate class"): the name is the term. */
export const KIND_NOUNS =
  /^(?:application|system|syntax|language|class|package|program|tool|project|library|module|framework|file|format|version|object|type|suite|software|utility|script|daemon|server|client|driver|service|manual|guide|handbook|distribution)s?$/iu;

/** A lead-in that makes a numbered list advice or an explanation, not a procedure ("please make sure you:"). */
export const ADVICE_LEAD =
  /\b(?:make sure|ensure|precaution(?:s|ary)?|should|tips?|hints?|idioms?|idiomatic|means|recommend(?:ed|ations?)?|advice|consider|checklist|include)\b/iu;

/** An item that points at what comes after it ("Install the old package by the following."). */
export const POINTS_AHEAD = /\b(?:the following|as follows|below)\b|\.\.\.$|…$/iu;
