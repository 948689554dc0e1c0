/**
 * `npm run eval:refusals -- --cache DIR [--examples FILE] FILE…`: why the offline quiz makes few numerical and
 * multiple-answer items. For each English document, every sentence the numerical maker could read (summaries and
 * one-page chunks, all of them, not the 600 a quiz reads) is judged as the makers judge it, and the first named rule
 * that refuses it is counted: the quantity rules (per number: a sentence is refused by its first number's rule),
 * then the standalone and listed rules a blanked or listed sentence must pass, then, for a false option of multiple
 * answer, why no false statement is made of it (`falseByQuantity`) and the false-option rules. The true statements
 * multiple answer lists are the true/false items of a 40-question true/false quiz (seed 1), judged by the listed
 * rules. Courses are made once and kept in the cache folder as JSON (the pipeline takes minutes per manual).
 *
 * A script, not a test: it prints figures, it does not pass or fail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describeError } from '../../src/domain/errors.ts';
import { loadEnglishProfile } from '../../src/pipeline/language/index.ts';
import { terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import { falseByQuantity, quantitiesOf, unchangeable } from '../../src/pipeline/quiz/kinds/numerical.ts';
import { ScopeSources } from '../../src/pipeline/quiz/material.ts';
import { generateQuiz } from '../../src/pipeline/quiz.ts';
import { FALSE_OPTION_RULES, LISTED_RULES } from '../../src/pipeline/rules/quiz/listed.ts';
import type { QuantityPlace } from '../../src/pipeline/rules/quiz/quantities.ts';
import { standaloneRule } from '../../src/pipeline/rules/sentences/standalone.ts';
import { courseOf, UnreadableCache } from './course-cache.ts';

const args = process.argv.slice(2);
const take = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const cache = resolve(take('--cache') ?? 'refusals-cache');
const examplesFile = take('--examples');
const keep = take('--keep');
if (keep) mkdirSync(keep, { recursive: true });
mkdirSync(cache, { recursive: true });

const lang = await loadEnglishProfile();
const words = lang.quizWords!;
const totals = new Map<string, Map<string, number>>();
const examples = new Map<string, string[]>();
const count = (table: string, rule: string, text: string) => {
  const t = totals.get(table) ?? new Map<string, number>();
  t.set(rule, (t.get(rule) ?? 0) + 1);
  totals.set(table, t);
  const key = `${table} ${rule}`;
  const list = examples.get(key) ?? [];
  if (list.length < 40) list.push(text);
  examples.set(key, list);
};

/** The first rule refusing the sentence as a blanked (numerical) or changed (false option) sentence, or 'made'. */
function numericalVerdict(text: string): { rule: string; asked?: QuantityPlace } {
  let first: string | undefined;
  for (const { place, refusedBy: rule } of quantitiesOf(text, words)) {
    if (!rule) return { rule: 'ok', asked: place };
    // The rule of the first number with a unit says more than "no unit" of a count before it.
    if (first === undefined || (first === 'quantity/no-unit' && rule.id !== 'quantity/no-unit'))
      first = rule.id;
  }
  return { rule: first ?? 'no number' };
}

function standsAloneRule(text: string): string | null {
  const s = standaloneRule(text, lang);
  if (s) return s.id;
  return LISTED_RULES.find((r) => r.fails(text, lang))?.id ?? null;
}

/** The quiz, or null after a line naming the file and why it was not made (never a silent 'made 0'). */
async function quizOf(name: string, what: string, request: Parameters<typeof generateQuiz>[0]) {
  try {
    return await generateQuiz(request);
  } catch (err) {
    console.log(`${name}: ${what} quiz failed: ${describeError(err)}`);
    return null;
  }
}

/** Counts one document's sentences and quizzes into the tables and prints its line. */
async function countDocument(file: string, name: string): Promise<void> {
  const made = await courseOf(file, cache);
  if ((made.course.language ?? 'en') !== 'en') {
    console.log(`${name}: not English (${made.course.language}), skipped`);
    return;
  }
  const scope = made.course.modules.map((module, index) => ({ module, index }));
  const sources = new ScopeSources(scope, made.chunks);
  const seen = new Set<string>();
  let numbered = 0;
  for (const s of [...sources.summaries(), ...sources.ofChunks({ pages: 'one' })]) {
    if (seen.has(s.text)) continue;
    seen.add(s.text);
    if (!/\d/u.test(s.text)) continue;
    numbered++;
    const { rule, asked } = numericalVerdict(s.text);
    const tag = `${name}: ${s.text}`;
    if (rule !== 'ok') {
      count('numerical', rule, tag);
      count('false option', rule, tag);
      continue;
    }
    const alone = standsAloneRule(s.text);
    count('numerical', alone ?? 'made', alone ? tag : `${tag}  [${asked!.written} ${asked!.unit}]`);
    if (alone) {
      count('false option', alone, tag);
      continue;
    }
    const changed = falseByQuantity(s.text, words);
    if (changed === null) {
      count('false option', `falsebyquantity/${unchangeable(asked!) ?? 'other'}`, tag);
      continue;
    }
    const rule2 = FALSE_OPTION_RULES.find((r) => r.fails({ source: s.text, statement: changed, words }));
    count('false option', rule2?.id ?? 'made', rule2 ? `${tag} => ${changed}` : `${tag} => ${changed}`);
  }
  const tf = await quizOf(name, 'true/false', {
    course: made.course,
    chunks: made.chunks,
    count: 40,
    seed: 1,
    kinds: { true_false: 1 },
  });
  for (const q of tf?.questions ?? []) {
    if (q.kind !== 'true_false') continue;
    const text = q.prompt.replace(/^true or false:\s*/iu, '').trim();
    const table = q.answer ? 'true statement' : 'false statement';
    const rule = LISTED_RULES.find((r) => r.fails(text, lang))?.id;
    count(table, rule ?? 'listed', `${name}: ${text}`);
  }
  // What `eval:kinds` counts: a 10-question quiz of each of the two kinds alone (seed 1).
  const kept: Record<string, unknown> = {};
  const madeOf = async (kind: 'multiple_answer' | 'numerical') => {
    const quiz = await quizOf(name, kind, {
      course: made.course,
      chunks: made.chunks,
      count: 10,
      seed: 1,
      kinds: { [kind]: 1 },
    });
    if (!quiz) return 'none (quiz failed)';
    const mine = quiz.questions.filter((q) => q.kind === kind);
    kept[kind] = mine;
    return mine.length;
  };
  const [ma, num] = [await madeOf('multiple_answer'), await madeOf('numerical')];
  if (keep) writeFileSync(join(keep, `${name}.json`), JSON.stringify(kept, null, 1));
  console.log(
    `${name}: ${seen.size} sentences, ${numbered} with a digit; made: multiple answer ${ma}, numerical ${num}`,
  );
}

for (const file of args) {
  const name = basename(file);
  try {
    await countDocument(file, name);
  } catch (err) {
    console.log(
      err instanceof UnreadableCache ? err.message : `${name}: failed: ${describeError(err).slice(0, 200)}`,
    );
  }
}

for (const [table, rules] of totals) {
  console.log(`\n${table}:`);
  for (const [rule, n] of [...rules].sort((a, b) => b[1] - a[1]))
    console.log(`  ${String(n).padStart(6)}  ${rule}`);
}
// The OCR worker thread a scanned page started would keep the process alive after the figures.
await terminateOcr();
if (examplesFile)
  writeFileSync(
    examplesFile,
    [...examples].map(([key, list]) => `## ${key}\n${list.map((t) => `- ${t}`).join('\n')}\n`).join('\n'),
  );
