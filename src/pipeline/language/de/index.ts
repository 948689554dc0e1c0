/** German: the words and titles the course and quiz stages know of the language (no analyser: read statistically). */
import type { LanguageData } from '../profile.ts';

export const GERMAN: LanguageData = {
  code: 'de',
  name: 'German',
  functionWords: `aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bis bzw da damit dann
das dass dem den denen der des dessen die dies diese diesem diesen dieser dieses doch dort du durch ein eine
einem einen einer eines er es etwa für gegen hat hatte hier ihr ihre im in ist jede jedem jeden jeder jedes
kann kein keine man mehr mit muss nach nicht noch nur ob oder ohne schon sein seine sich sie sind so sowie
über um und uns unter vom von vor war wie wir wird wo wurde zu zum zur zwischen ich mich mir dich ihm ihn
ihnen euch unser unsere ihrer ihren ihrem seiner seinem seinen seines jene jener welche welcher welches
welchem welchen haben habe werden worden wurden können könnte konnte müssen soll sollen sollte darf wäre
wären bist seid sei seien gewesen hatten hätte sehr immer wieder bereits dabei dazu davon dadurch darauf
darin daraus hierbei deshalb somit sowohl weder ebenfalls denn sondern weil wenn obwohl während bevor
nachdem sodass vorausgesetzt innerhalb außerhalb gibt gilt heißt folgt siehe bzgl beispiel folgende
folgenden zwei drei`,
  // Function words that are also English words ("risk of falls"): stopwords only where the text is not English.
  homographs: 'falls bin dir nun',
  abbreviations: 'z.b bzw usw d.h',
  matterTitles: {
    contents: [/^inhalt(?:sverzeichnis)?$/u],
    index: [/^register$/u],
    bibliography: [/^literatur$/u],
  },
  matterHeadings: ['inhalt(?:sverzeichnis)?', 'literatur(?:verzeichnis)?', 'vorwort'],
};
