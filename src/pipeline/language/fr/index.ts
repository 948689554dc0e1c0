/** French: the words and titles the course and quiz stages know of the language (no analyser: read statistically). */
import type { LanguageData } from '../profile.ts';

export const FRENCH: LanguageData = {
  code: 'fr',
  name: 'French',
  functionWords: `à au aux avec ce ces cette dans de des du elle elles en est et être il ils je la le les leur leurs lui mais
même ne nous on ou où par pas plus pour qu que qui sa se ses son sont sur ta te tes ton tous tout toute
toutes un une vous`,
  abbreviations: 'mme mlle',
  matterTitles: {},
  matterHeadings: ['sommaire', 'bibliographie'],
};
