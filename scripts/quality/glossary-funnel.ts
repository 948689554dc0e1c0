/**
 * `npm run eval:glossary -- CACHED.json…`: why the offline quiz makes few matching items. Reads the courses
 * `eval:refusals` keeps in its cache folder (`--cache DIR`: DIR/<file>.json) and follows each glossary entry
 * through the matching maker's steps, counting the first that refuses it: the glossary gate every glossary maker
 * reads through (`readEntry`: no definition read, a gloss that names its term or is too long, a rule of
 * GLOSS_RULES or of DEFINED_TERM_RULES), then a rule refusing it a place in a list; then per module how
 * many entries are left and how large a group of them fits (`item/one-match-each`), and what the terms of modules
 * too thin for a group of their own give about the whole text. `--show` prints the listable terms per module.
 *
 * A script, not a test: it prints figures, it does not pass or fail.
 */
import { basename } from 'node:path';
import { loadEnglishProfile } from '../../src/pipeline/language/index.ts';
import { type Defined, readEntry } from '../../src/pipeline/quiz/defined-terms.ts';
import { listingRefusal, MIN_PAIRS, matchingGroups } from '../../src/pipeline/quiz/kinds/glossary.ts';
import { mulberry32 } from '../../src/pipeline/text/rng.ts';
import { readCache, UnreadableCache } from './course-cache.ts';

const args = process.argv.slice(2);
const showAt = args.indexOf('--show');
const show = showAt >= 0 && args.splice(showAt, 1).length > 0;
if (args.length === 0) {
  console.log('eval:glossary: pass the JSON files eval:refusals keeps in its --cache folder.');
  process.exit(0);
}
const lang = await loadEnglishProfile();
if (!('analyser' in lang) || !lang.quizWords)
  throw new Error('eval:glossary: the English profile has no analyser');
const words = lang.quizWords;
const tag = (t: string) => lang.analyser.tag(t);

const refusals = new Map<string, number>();
const refuse = (rule: string) => refusals.set(rule, (refusals.get(rule) ?? 0) + 1);
/** Modules by a count (entries, listable terms, size of the group that fits), 6 meaning six or more. */
const byCount = {
  entries: new Map<number, number>(),
  listable: new Map<number, number>(),
  group: new Map<number, number>(),
};
const add = (table: Map<number, number>, n: number) =>
  table.set(Math.min(n, 6), (table.get(Math.min(n, 6)) ?? 0) + 1);
let modules = 0;
let entries = 0;
const rows: string[] = [];
for (const file of args) {
  let made: ReturnType<typeof readCache>;
  try {
    made = readCache(file);
  } catch (err) {
    if (!(err instanceof UnreadableCache)) throw err;
    console.log(err.message);
    continue;
  }
  const { course, chunks } = made;
  const chunkText = (chunkId: string) => chunks.find((c) => c.id === chunkId)?.text ?? '';
  if ((course.language ?? 'en') !== 'en') continue;
  // What the matching maker reads (GlossaryMaterial.defined): each refusal is counted under its rule's name.
  const askable: Defined[] = [];
  for (const [index, module] of course.modules.entries()) {
    modules++;
    const glossary = module.glossary ?? [];
    entries += glossary.length;
    add(byCount.entries, glossary.length);
    for (const entry of glossary) {
      const { defined: d, refusal } = readEntry(entry, index, lang, words, tag, chunkText);
      if (!d) {
        refuse(refusal);
        continue;
      }
      askable.push(d);
      const rule = listingRefusal(d, words);
      if (rule) refuse(rule);
    }
  }
  // The maker's own grouping, with the draw of a quiz of seed 1: a module's group depends on its terms' order.
  const { byModule, wholeText } = matchingGroups(askable, mulberry32(1), words, (w) =>
    lang.analyser.isWord(w),
  );
  const moduleCount = course.modules.length;
  for (let index = 0; index < moduleCount; index++) {
    const m = byModule.find((g) => g.moduleIndex === index);
    add(byCount.listable, m?.listable.length ?? 0);
    add(byCount.group, m?.group.length ?? 0);
    if (show && m && m.listable.length > 0)
      console.log(`${basename(file)} module ${index}: ${m.listable.map((d) => d.term).join(' | ')}`);
  }
  const moduleGroups = byModule.filter((g) => g.group.length >= MIN_PAIRS).length;
  const thinner = byModule.filter((g) => g.group.length < MIN_PAIRS).flatMap((g) => g.listable).length;
  rows.push(
    `${basename(file)}: groups of a module ${moduleGroups}; terms of thinner modules ${thinner}, groups of them about the whole text ${wholeText.length} (${wholeText.map((g) => g.length).join(', ') || 'no'} terms)`,
  );
}
const table = (m: Map<number, number>) =>
  [...m]
    .sort((a, b) => a[0] - b[0])
    .map(([n, k]) => `${n === 6 ? '6+' : n}: ${k}`)
    .join(', ');
console.log(rows.join('\n'));
console.log(`${modules} modules, ${entries} glossary entries`);
console.log(`modules by glossary entries: ${table(byCount.entries)}`);
console.log(`modules by listable terms: ${table(byCount.listable)}`);
console.log(`modules by the group that fits: ${table(byCount.group)}`);
console.log('first rule refusing an entry:');
for (const [rule, n] of [...refusals].sort((a, b) => b[1] - a[1]))
  console.log(`${String(n).padStart(8)}  ${rule}`);
