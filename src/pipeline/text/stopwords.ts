/**
 * Words that never make a key term on their own: function words of English, German, Portuguese, French and
 * Spanish, plus filler that is frequent in textbooks and manuals ("example", "following", "chapter").
 */

const ENGLISH = `a about above across after again against all almost along already also although always am among an
and another any anyone anything are around as at away back be became because become becomes been before being
below between both but by can cannot could did do does doing done down during each either else enough etc even
ever every few for from further get gets given gives go goes going got had has have having he her here hers herself
him himself his how however i if in instead into is it its itself just least less let like likely made make makes
many may me might more most mostly much must my myself neither never no nor not now of off often on once one only
onto or other others otherwise our ours ourselves out over own per perhaps rather same seen several shall she
should since so some something sometimes still such than that the their theirs them themselves then there
therefore these they this those though through thus to together too toward towards under until up upon us use
used uses using usually very via was we well were what whatever when where whereas whether which while who whom
whose why will with within without would yet you your yours yourself yourselves`;

const FILLER = `able according actually keep keeps kept additional allow allows already another applies apply based cannot case cases
certain chapter chapters consider contains default different directly does described describes detail details e.g
each easy either eg else example examples fig figure figures find first following follows four full general good
great hand high however i.e ie important include included includes including information instance kind large last
later least like little long look lot low main mean means mentioned more much must need needed needs new next
note notes number numbers often one page pages part particular parts possible present probably
provide provided provides put really reason refer related relevant required result results right said section
sections see seems shown shows simple simply small specific step still take taken takes term terms text
thing things third three time times two type types usually various way ways whole within work works yes`;

const GERMAN = `aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bis bzw da damit
dann das dass dem den denen der des dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine
einem einen einer eines er es etwa für gegen hat hatte hier ihr ihre im in ist jede jedem jeden jeder jedes kann
kein keine man mehr mit muss nach nicht noch nur ob oder ohne schon sein seine sich sie sind so sowie über um und
uns unter vom von vor war wie wir wird wo wurde zu zum zur zwischen
ich mich mir dich ihm ihn ihnen euch unser unsere ihrer ihren ihrem seiner seinem seinen seines jene jener
welche welcher welches welchem welchen haben habe werden worden wurden können könnte konnte müssen soll sollen
sollte darf wäre wären bist seid sei seien gewesen hatten hätte sehr immer wieder bereits dabei dazu davon
dadurch darauf darin daraus hierbei deshalb somit sowohl weder ebenfalls denn sondern weil wenn obwohl während
bevor nachdem sodass vorausgesetzt innerhalb außerhalb gibt gilt heißt folgt siehe bzgl beispiel folgende
folgenden zwei drei`;

const PORTUGUESE = `à ao aos as até com como da das de dela dele deles do dos e é ela elas ele eles em entre era essa
essas esse esses esta estas este estes está foi for foram há isso isto já mais mas me mesmo muito na nas nem no nos
não o os ou para pela pelas pelo pelos por quando que se sem ser seu seus sua suas são também tem ter um uma umas
uns num numa sobre após desde durante ainda apenas assim bem cerca depois antes agora aqui então onde quem
qual quais toda todos todas outro outra outros outras algum alguma alguns algumas nenhum nenhuma mesma seja
sejam sido sendo tinha tinham têm estão estava estavam estar pode podem deve devem havia será serão seria lhe lhes
meu minha nosso nossa deste desta neste nesta nesse nessa aquele aquela porque pois porém embora enquanto menos
muitos muita muitas pouco tão tanto cada vez vezes junto debaixo cento haviam`;

const FRENCH = `à au aux avec ce ces cette dans de des du elle elles en est et être il ils je la le les leur leurs
lui mais même ne nous on ou où par pas plus pour qu que qui sa se ses son sont sur ta te tes ton tous tout toute
toutes un une vous`;

const SPANISH = `al como con cual cuando de del donde el ella ellas ellos en entre era es esta este esto estos fue
ha hay la las lo los más mi muy no nos o para pero por que se ser si sin sobre son su sus también te tiene todo
todos tu un una unas uno unos y ya`;

/**
 * Function words of German and Portuguese that are also English words ("falls", "bin", "todo"): stopwords only
 * in a document that is not English, where "risk of falls" cannot be meant.
 */
const HOMOGRAPHS = `falls bin dir nun contra todo`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

/** Lower-case stopwords of every supported language, plus textbook filler. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  ...words(ENGLISH),
  ...words(FILLER),
  ...words(GERMAN),
  ...words(PORTUGUESE),
  ...words(FRENCH),
  ...words(SPANISH),
]);

/** Function words by language, for telling which language a text is in (see language.ts). */
export const FUNCTION_WORDS: Readonly<Record<'en' | 'de' | 'pt' | 'fr' | 'es', ReadonlySet<string>>> = {
  en: new Set(words(ENGLISH)),
  de: new Set(words(GERMAN)),
  pt: new Set(words(PORTUGUESE)),
  fr: new Set(words(FRENCH)),
  es: new Set(words(SPANISH)),
};

/** True for a lower-case word that carries no topic. */
export function isStopword(lowerWord: string): boolean {
  return STOPWORDS.has(lowerWord);
}

const NOT_ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(words(HOMOGRAPHS));

/** {@link isStopword}, for a document that is not English: its German or Portuguese homographs count too. */
export function isStopwordOutsideEnglish(lowerWord: string): boolean {
  return STOPWORDS.has(lowerWord) || NOT_ENGLISH_STOPWORDS.has(lowerWord);
}
