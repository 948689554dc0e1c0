/** Spanish: the words and titles the course and quiz stages know of the language (no analyser: read statistically). */
import type { LanguageData } from '../profile.ts';

export const SPANISH: LanguageData = {
  code: 'es',
  name: 'Spanish',
  functionWords: `al como con cual cuando de del donde el ella ellas ellos en entre era es esta este esto estos fue ha hay la
las lo los más mi muy no nos o para pero por que se ser si sin sobre son su sus también te tiene todo todos
tu un una unas uno unos y ya`,
  abbreviations: 'sr sra dra av pág',
  matterTitles: {
    contents: [/^índice$/u],
  },
  matterHeadings: ['índice'],
};
