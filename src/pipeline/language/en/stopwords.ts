/**
 * English words that carry no topic: its function words (which also tell the language, see detect.ts) and the
 * filler of textbooks and manuals ("example", "following", "chapter"). Neither makes a key term on its own.
 */

/** Function words: articles, pronouns, prepositions, conjunctions, auxiliaries, common adverbs. */
export const FUNCTION_WORDS = `a about above across after again against all almost along already also although always am among an and
another any anyone anything are around as at away back be became because become becomes been before being
below between both but by can cannot could did do does doing done down during each either else enough etc
even ever every few for from further get gets given gives go goes going got had has have having he her here
hers herself him himself his how however i if in instead into is it its itself just least less let like
likely made make makes many may me might more most mostly much must my myself neither never no nor not now
of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
rather same seen several shall she should since so some something sometimes still such than that the their
theirs them themselves then there therefore these they this those though through thus to together too toward
towards under until up upon us use used uses using usually very via was we well were what whatever when
where whereas whether which while who whom whose why will with within without would yet you your yours
yourself yourselves`;

/** Words frequent in any textbook or manual that say nothing about its topic. */
export const FILLER = `able according actually keep keeps kept additional allow allows already another applies apply based cannot
case cases certain chapter chapters consider contains default different directly does described describes
detail details e.g each easy either eg else example examples fig figure figures find first following follows
four full general good great hand high however i.e ie important include included includes including
information instance kind large last later least like little long look lot low main mean means mentioned
more much must need needed needs new next note notes number numbers often one page pages part particular
parts possible present probably provide provided provides put really reason refer related relevant required
result results right said section sections see seems shown shows simple simply small specific step still
take taken takes term terms text thing things third three time times two type types usually various way ways
whole within work works yes`;
