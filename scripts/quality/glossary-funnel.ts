/**
 * `npm run eval:glossary -- CACHED.json…`: why the offline quiz makes few matching items. Reads the courses
 * `eval:refusals` keeps in its cache folder (`--cache DIR`: DIR/<file>.json) and follows each glossary entry
 * through the matching maker's steps, counting the first that refuses it: no definition read (`definedTerm`), a
 * rule of GLOSS_RULES (what short answer asks by too), a rule refusing it a place in a list; then per module how
 * many entries are left and how large a group of them fits (`item/one-match-each`), and what the terms of modules
 * too thin for a group of their own give about the whole text. `--show` prints the listable terms per module.
 *
 * A script, not a test: it prints figures, it does not pass or fail.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Course } from '../../src/domain/course.ts';
import { loadEnglishProfile } from '../../src/pipeline/language/index.ts';
import { type Defined, definedTerm } from '../../src/pipeline/quiz/english/definition.ts';
import { fittingGroup, glossRefusal, listingRefusal } from '../../src/pipeline/quiz/kinds/glossary.ts';

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
const isWord = (w: string) => lang.analyser.isWord(w);
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
  let course: Course;
  try {
    course = (JSON.parse(readFileSync(file, 'utf8')) as { course: Course }).course;
    if (!Array.isArray(course?.modules)) throw new Error('no course with modules');
  } catch (err) {
    console.log(`${file}: unreadable cache: ${err instanceof Error ? err.message : String(err)}`);
    continue;
  }
  if ((course.language ?? 'en') !== 'en') continue;
  let moduleGroups = 0;
  const left: Defined[] = [];
  for (const [index, module] of course.modules.entries()) {
    modules++;
    const glossary = module.glossary ?? [];
    entries += glossary.length;
    const listed: Defined[] = [];
    for (const entry of glossary) {
      const d = definedTerm(entry, index, lang, tag);
      const rule = d
        ? (glossRefusal(d, lang, words) ?? listingRefusal(d, words, isWord))
        : 'no definition read';
      if (rule) refuse(rule);
      else if (d) listed.push(d);
    }
    const group = fittingGroup(listed, words);
    add(byCount.entries, glossary.length);
    add(byCount.listable, listed.length);
    add(byCount.group, group.length);
    if (group.length >= 3) moduleGroups++;
    else left.push(...listed);
    if (show && listed.length > 0)
      console.log(`${basename(file)} module ${index}: ${listed.map((d) => d.term).join(' | ')}`);
  }
  const whole = fittingGroup(left, words).length;
  rows.push(
    `${basename(file)}: groups of a module ${moduleGroups}; terms of thinner modules ${left.length}, first group of them ${whole}`,
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
