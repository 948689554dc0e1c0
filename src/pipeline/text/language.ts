/**
 * Which language a document is written in, as far as the course stages care: English gets the language model
 * (parts of speech, lemmas, noun phrases); every other language keeps the statistical path.
 */
import { FUNCTION_WORDS } from './stopwords.ts';
import { countCjk, words } from './words.ts';

/** Words sampled: enough to tell, few enough to be instant on a 400-page manual. */
const SAMPLE_WORDS = 20_000;

/**
 * True when `texts` are English: at least one word in twenty is an English function word (tables lower the
 * share of running text), clearly more than
 * those of German, Portuguese, French or Spanish, and the text is not mostly CJK.
 */
export function isEnglish(texts: Iterable<string>): boolean {
  const hits = { en: 0, de: 0, pt: 0, fr: 0, es: 0 };
  let total = 0;
  let cjk = 0;
  let chars = 0;
  for (const text of texts) {
    cjk += countCjk(text);
    chars += text.length;
    for (const w of words(text.toLowerCase())) {
      total++;
      for (const lang of Object.keys(hits) as (keyof typeof hits)[])
        if (FUNCTION_WORDS[lang].has(w)) hits[lang]++;
    }
    if (total >= SAMPLE_WORDS) break;
  }
  if (total === 0 || cjk > chars / 5) return false;
  const other = Math.max(hits.de, hits.pt, hits.fr, hits.es);
  return hits.en >= total * 0.05 && hits.en > other * 1.5;
}
