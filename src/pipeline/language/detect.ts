/**
 * Which language a document is written in, told once per document from a sample of its paragraphs by the
 * share of each language's function words (and of CJK characters): the result is stored with the document and
 * its course and chooses the language profile of every later stage.
 */
import type { DocumentStructure } from '../../domain/document.ts';
import { spread } from '../text/textrank.ts';
import { countCjk, words } from '../text/words.ts';
import { type LanguageCode, wordsOf } from './profile.ts';
import { LANGUAGES } from './xx/index.ts';

/** Words sampled: enough to tell, few enough to be instant on a 400-page manual. */
const SAMPLE_WORDS = 20_000;
/** Paragraphs sampled, evenly spread over the document. */
const SAMPLE_PARAGRAPHS = 200;
/** At least one word in twenty is a function word of the language (tables lower the share of running text). */
const MIN_SHARE = 0.05;
/** …and clearly more than those of any other language. */
const MARGIN = 1.5;

const SPACED = LANGUAGES.filter((l) => l.functionWords !== '');
const FUNCTION_WORDS = new Map(SPACED.map((l) => [l.code, new Set(wordsOf(l.functionWords))]));
/**
 * Function words of one language alone, among those that are not English: French, Spanish and Portuguese share
 * "de", "la", "que", so the words only one of them has tell them apart.
 */
const DISTINCTIVE = new Map(
  SPACED.filter((l) => l.code !== 'en').map((l) => [
    l.code,
    new Set(
      [...FUNCTION_WORDS.get(l.code)!].filter((w) =>
        SPACED.every((o) => o.code === l.code || o.code === 'en' || !FUNCTION_WORDS.get(o.code)!.has(w)),
      ),
    ),
  ]),
);

/** The language of a document, from its paragraphs. */
export function documentLanguage(structure: Pick<DocumentStructure, 'sections'>): LanguageCode {
  const paragraphs = structure.sections.flatMap((s) => s.paragraphs.map((p) => p.text));
  return detectLanguage(spread(paragraphs.length, SAMPLE_PARAGRAPHS).map((i) => paragraphs[i]!));
}

/**
 * The language of `texts`: Japanese when CJK characters are a fifth of the text and kana among them; English
 * when its function words are at least one word in twenty and 1.5 times those of any other language; else the
 * language whose own function words (no other language has them) are 1.5 times any other's, when its function
 * words are one word in twenty; else `und`.
 */
export function detectLanguage(texts: Iterable<string>): LanguageCode {
  const hits = new Map(SPACED.map((l) => [l.code, 0]));
  const distinct = new Map([...DISTINCTIVE.keys()].map((code) => [code, 0]));
  let total = 0;
  let cjk = 0;
  let kana = 0;
  let chars = 0;
  for (const text of texts) {
    cjk += countCjk(text);
    kana += text.match(KANA)?.length ?? 0;
    chars += text.length;
    for (const w of words(text.toLowerCase())) {
      total++;
      for (const [code, set] of FUNCTION_WORDS) if (set.has(w)) hits.set(code, hits.get(code)! + 1);
      for (const [code, set] of DISTINCTIVE) if (set.has(w)) distinct.set(code, distinct.get(code)! + 1);
    }
    if (total >= SAMPLE_WORDS) break;
  }
  if (cjk > chars / 5) return kana > 0 ? 'ja' : 'und';
  if (total === 0) return 'und';
  // English first, as before languages were told apart: it wins whenever it clears the bar.
  const english = hits.get('en')!;
  const otherThanEnglish = Math.max(...[...hits].filter(([c]) => c !== 'en').map(([, n]) => n));
  if (english >= total * MIN_SHARE && english > otherThanEnglish * MARGIN) return 'en';
  // Among the others, the one whose own words clearly outnumber the others' own words.
  const [best, next] = [...distinct].sort((a, b) => b[1] - a[1]);
  if (!best || !next || best[1] <= next[1] * MARGIN) return 'und';
  return hits.get(best[0])! >= total * MIN_SHARE ? best[0] : 'und';
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
