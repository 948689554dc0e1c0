/**
 * Documentation generated from src/config.ts, the one place that reads settings:
 * - `tsx scripts/settings-table.ts`: the settings table (Markdown) on stdout;
 * - `--write` (also `--write-readme`, its former name): rewrites that table between the markers of
 *   docs/settings.md;
 * - `--env-example`: the `.env.example` file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SETTINGS } from '../src/config.ts';
import { renderEnvExample } from '../src/ops/plan/env-example.ts';

/** The page that holds the table, between these markers. */
export const SETTINGS_PAGE = new URL('../docs/settings.md', import.meta.url);
export const TABLE_START = '<!-- settings:start -->';
export const TABLE_END = '<!-- settings:end -->';

const show = (v: unknown) => (v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v));

/** The Markdown table of every setting. */
export function settingsTable(): string {
  const lines = ['| variable | default | meaning |', '|---|---|---|'];
  for (const spec of Object.values(SETTINGS)) {
    const def = show(spec.default);
    lines.push(
      `| \`${spec.env}\` | ${def === '' ? '(unset)' : `\`${def}\``} | ${spec.doc.replace(/\|/g, '\\|')} |`,
    );
  }
  return lines.join('\n');
}

/** `text` with the part between the settings markers replaced by the current table. */
export function withSettingsTable(text: string): string {
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error('docs/settings.md has no settings markers');
  return `${text.slice(0, start + TABLE_START.length)}\n${settingsTable()}\n${text.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--env-example')) {
    process.stdout.write(renderEnvExample());
  } else if (process.argv.includes('--write') || process.argv.includes('--write-readme')) {
    writeFileSync(SETTINGS_PAGE, withSettingsTable(readFileSync(SETTINGS_PAGE, 'utf8')));
  } else {
    console.log(settingsTable());
  }
}
