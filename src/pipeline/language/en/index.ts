/**
 * English: the words and titles the course and quiz stages know of the language. Its analyser (wink-nlp,
 * analyser.ts) is loaded apart, on first use: see profile.ts.
 */
import type { LanguageData } from '../profile.ts';
import { FILLER, FUNCTION_WORDS } from './stopwords.ts';

export const ENGLISH: LanguageData = {
  code: 'en',
  name: 'English',
  functionWords: FUNCTION_WORDS,
  stopwords: FILLER,
  abbreviations: `e.g i.e cf vs dr mr mrs ms prof fig figs eq eqs no nos vol ch sec approx al resp ref refs tab st jr
  inc ltd co ext tel dept u.s u.k p pp ca mt mts ft`,
  unitAbbreviations: 'mt mts ft',
  matterTitles: {
    contents: [/^(?:table of )?contents$|^toc$/u],
    'list-of-figures': [/^list of (?:figures|tables|illustrations|examples|listings)$/u],
    index: [/^(?:general |subject |alphabetical )?index(?: of \w+)?$/u],
    bibliography: [/^(?:bibliography|references|works cited|literature|further reading)$/u],
    acknowledgements: [/^acknowledg(?:e)?ments?$|^credits$|^about the authors?$|^dedication$/u],
    licence: [
      /^(?:copyright|legal notices?|licen[cs]e|licensing|trademarks|disclaimer|colophon)(?: notice| information)?$|free documentation licen[cs]e|general public licen[cs]e|^(?:the )?(?:gnu|bsd|mit|apache|creative commons)\b.*licen[cs]e/u,
    ],
    'title-page': [/^(?:title page|cover|front matter|half title)$/u],
    glossary: [/^(?:glossary|glossary of terms|definitions|terminology|abbreviations|acronyms)$/u],
  },
  matterHeadings: [
    '(?:table\\s+of\\s+)?contents',
    'abstract',
    'preface',
    'foreword',
    'acknowledge?ments?',
    'references',
    'bibliography',
    'index',
    'glossary',
    'appendix',
    'appendices',
  ],
};
