/** Portuguese: the words and titles the course and quiz stages know of the language (no analyser: read statistically). */
import type { LanguageData } from '../profile.ts';

export const PORTUGUESE: LanguageData = {
  code: 'pt',
  name: 'Portuguese',
  functionWords: `à ao aos as até com como da das de dela dele deles do dos e é ela elas ele eles em entre era essa essas esse
esses esta estas este estes está foi for foram há isso isto já mais mas me mesmo muito na nas nem no nos não
o os ou para pela pelas pelo pelos por quando que se sem ser seu seus sua suas são também tem ter um uma
umas uns num numa sobre após desde durante ainda apenas assim bem cerca depois antes agora aqui então onde
quem qual quais toda todos todas outro outra outros outras algum alguma alguns algumas nenhum nenhuma mesma
seja sejam sido sendo tinha tinham têm estão estava estavam estar pode podem deve devem havia será serão
seria lhe lhes meu minha nosso nossa deste desta neste nesta nesse nessa aquele aquela porque pois porém
embora enquanto menos muitos muita muitas pouco tão tanto cada vez vezes junto debaixo cento haviam`,
  // Function words that are also English words ("risk of falls"): stopwords only where the text is not English.
  homographs: 'contra todo',
  abbreviations: 'sr sra dra av pág',
  matterTitles: {
    contents: [/^sumário$|^índice$/u],
  },
  matterHeadings: ['índice', 'sumário', 'referências'],
};
