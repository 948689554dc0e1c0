/**
 * `npm run eval:judged -- [--held SETS] [--show]`: would today's rules still make the items earlier readings judged?
 *
 * Every item a teacher's reading judged (scripts/quality/reading.md, sets 8 to 16) is kept in
 * scripts/quality/judged/<kind>.jsonl, one item per line as the reading printed it, with its verdict. A kind whose
 * makers can be asked about an item's own text has a module beside it, scripts/quality/judged/<kind>.ts, whose
 * `refusedBy(item)` names the first rule of today's makers that would not make it (or nothing). This script runs each
 * module over its items and prints, per set, how many judged items would still be made and how many of those were
 * judged usable: the precision a reading of that set would find, had today's rules made it (an item a rule drops is
 * counted; an item today's rules would make and the set's reading never saw is not, so this measures only what rules
 * remove).
 *
 * `--held 13,14` prints those sets apart: rules tuned on the other sets and judged on these say whether a rule
 * carries to documents it was not written for, which is what every held-out reading so far found rules do not.
 * `--show` lists each refused item with its rule and verdict.
 *
 * A script, not a test: it prints figures, it does not pass or fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { renderTable } from '../../src/cli/table.ts';

/** One judged item, as a reading printed it. `item` is the kind's own shape (see the kind's module). */
export interface JudgedItem<T = unknown> {
  /** The fresh set the reading took it from (8 to 16). */
  set: number;
  /** The document's name in that set (its file name without `.pdf`). */
  doc: string;
  /** The teacher's verdict: a teacher would keep it as it stands. */
  usable: boolean;
  /** The reading called it usable but weak. */
  weak?: boolean;
  item: T;
}

/** A kind's question to today's rules: the id of the first rule that would not make this item, if any. */
export type RefusedBy<T> = (item: T) => string | undefined;

const args = process.argv.slice(2);
const heldAt = args.indexOf('--held');
const held = new Set(
  heldAt >= 0
    ? (args[heldAt + 1] ?? '')
        .split(',')
        .filter(Boolean)
        .map((set) => Number(set))
    : [],
);
const show = args.includes('--show');
const dir = join(import.meta.dirname, 'judged');

const rows: string[][] = [];
for (const file of (existsSync(dir) ? readdirSync(dir) : []).filter((name) => name.endsWith('.jsonl'))) {
  const kind = basename(file, '.jsonl');
  const module = join(dir, `${kind}.ts`);
  const refusedBy: RefusedBy<unknown> | undefined = existsSync(module)
    ? (await import(module)).refusedBy
    : undefined;
  const items = readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, at) => {
      try {
        return JSON.parse(line) as JudgedItem;
      } catch (error) {
        throw new Error(`${file}:${at + 1}: not JSON (${(error as Error).message})`);
      }
    });
  const groups = new Map<string, JudgedItem[]>();
  for (const judged of items) {
    const group = held.size === 0 ? 'all' : held.has(judged.set) ? 'held' : 'tuning';
    for (const name of [`set ${judged.set}`, group]) groups.set(name, [...(groups.get(name) ?? []), judged]);
  }
  const byRule = new Map<string, { usable: number; unusable: number }>();
  for (const [name, group] of [...groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    const kept = group.filter((judged) => {
      const rule = refusedBy?.(judged.item);
      if (rule && name.startsWith('set ')) {
        const counts = byRule.get(rule) ?? { usable: 0, unusable: 0 };
        counts[judged.usable ? 'usable' : 'unusable']++;
        byRule.set(rule, counts);
        if (show)
          console.log(
            `${kind} set ${judged.set} ${judged.doc} ${judged.usable ? 'USABLE' : 'unusable'} refused by ${rule}: ${JSON.stringify(judged.item).slice(0, 300)}`,
          );
      }
      return !rule;
    });
    const usable = (list: JudgedItem[]) => list.filter((judged) => judged.usable).length;
    const share = (list: JudgedItem[]) =>
      list.length ? `${Math.round((100 * usable(list)) / list.length)}%` : '-';
    rows.push([
      kind,
      name,
      `${usable(group)} / ${group.length}`,
      share(group),
      `${usable(kept)} / ${kept.length}`,
      share(kept),
    ]);
  }
  for (const [rule, counts] of byRule)
    rows.push([
      kind,
      `  ${rule}`,
      '',
      '',
      `refused ${counts.unusable} unusable, ${counts.usable} usable`,
      '',
    ]);
  if (!refusedBy)
    rows.push([kind, '  (no judged/<kind>.ts: nothing asked of today’s rules)', '', '', '', '']);
}
console.log(
  renderTable(['kind', 'set', 'usable / judged', 'judged', 'usable / still made', 'still made'], rows),
);
