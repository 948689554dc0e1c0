/**
 * `npm run eval:orderings -- --cache DIR [--lists] FILE…`: why the offline quiz makes few ordering items. Every
 * numbered list the ordering maker finds in each English document (quiz/kinds/ordering.ts, section by section) is
 * judged as the maker judges it and counted by what refuses it: cut at the text's end, outside every module, the
 * same steps as a list already made, or the first named rule of rules/quiz/steps.ts; the rest are made. `--lists`
 * prints each list (its page, lead-in, steps and verdict) to read. Courses are kept in `--cache` as eval:refusals
 * keeps them (scripts/quality/course-cache.ts).
 *
 * A script, not a test: it prints figures, it does not pass or fail.
 */
import { mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { renderTable } from '../../src/cli/table.ts';
import { describeError } from '../../src/domain/errors.ts';
import { loadEnglishProfile } from '../../src/pipeline/language/index.ts';
import { terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import { type FoundList, foundLists, sectionRuns } from '../../src/pipeline/quiz/kinds/ordering.ts';
import { instructionOf, stepProblem } from '../../src/pipeline/rules/quiz/steps.ts';
import { courseOf, type Made } from './course-cache.ts';

const args = process.argv.slice(2);
const take = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const cache = resolve(take('--cache') ?? 'refusals-cache');
const listsAt = args.indexOf('--lists');
const printLists = listsAt >= 0 && args.splice(listsAt, 1).length > 0;
if (args.length === 0) {
  console.log('eval:orderings: pass PDF files (e.g. a fresh set of scripts/quality/fresh.sh).');
  process.exit(0);
}
mkdirSync(cache, { recursive: true });

const lang = await loadEnglishProfile();
const words = lang.quizWords!;
const isInstruction = instructionOf(lang);
// The maker's bounds (quiz/kinds/ordering.ts): a list longer than eight is asked by its first six steps.
const MAX_ITEMS = 8;
const WINDOW = 6;

/** What becomes of one list: what refuses it, or 'made'. */
function verdict(made: Made, list: FoundList, asked: Set<string>): string {
  if (!list.whole) return 'cut at the end';
  const { chunk } = list;
  const owned = made.course.modules.some((m) => chunk.pageStart >= m.pageStart && chunk.pageEnd <= m.pageEnd);
  if (!owned) return 'outside the modules';
  const items = list.items.length > MAX_ITEMS ? list.items.slice(0, WINDOW) : list.items;
  const key = items.join('\n').toLowerCase();
  if (asked.has(key)) return 'same steps again';
  const section = chunk.sectionPath.at(-1);
  const rule = stepProblem({ lead: list.lead, ...(section ? { section } : {}), items, isInstruction, words });
  if (rule) return rule.id;
  asked.add(key);
  return 'made';
}

const totals = new Map<string, number>();
const rows: string[][] = [];
try {
  for (const file of args) {
    const name = basename(file);
    let made: Made;
    try {
      made = await courseOf(file, cache);
    } catch (err) {
      console.log(`${name}: no course: ${describeError(err)}`);
      continue;
    }
    if ((made.course.language ?? 'en') !== 'en') {
      console.log(`${name}: not English (${made.course.language}), skipped`);
      continue;
    }
    const counts = new Map<string, number>();
    const asked = new Set<string>();
    for (const run of sectionRuns(made.chunks))
      for (const list of foundLists(run, isInstruction, words)) {
        const why = verdict(made, list, asked);
        counts.set(why, (counts.get(why) ?? 0) + 1);
        totals.set(why, (totals.get(why) ?? 0) + 1);
        if (printLists)
          console.log(
            `${name} p. ${list.chunk.pageStart}: ${why}\n  lead: ${list.lead.slice(-120)}\n${list.items.map((t, k) => `  ${k + 1}. ${t}`).join('\n')}`,
          );
      }
    const found = [...counts.values()].reduce((a, b) => a + b, 0);
    const refused = [...counts].filter(([k]) => k !== 'made').map(([k, n]) => `${k} ${n}`);
    rows.push([name, String(found), String(counts.get('made') ?? 0), refused.join(', ')]);
  }
} finally {
  await terminateOcr();
}
console.log('Numbered lists the ordering maker finds, made into items or refused (and by what):');
console.log(renderTable(['file', 'lists', 'made', 'refused by'], rows));
console.log(`All: ${[...totals].map(([k, n]) => `${k} ${n}`).join(', ')}`);
