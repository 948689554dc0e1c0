/**
 * Documentation generated from src/config.ts, the one place that reads settings:
 * - `tsx scripts/settings-table.ts`: the README's settings table (Markdown);
 * - `--write-readme`: rewrites that table between the README's settings markers;
 * - `--env-example`: the `.env.example` file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SETTINGS } from '../src/config.ts';
import { renderEnvExample } from '../src/ops/plan/env-example.ts';

export const README_START = '<!-- settings:start -->';
export const README_END = '<!-- settings:end -->';

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

/** `text` with the part between the README markers replaced by the current table. */
export function withSettingsTable(text: string): string {
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README has no settings markers');
  return `${text.slice(0, start + README_START.length)}\n${settingsTable()}\n${text.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--env-example')) {
    process.stdout.write(renderEnvExample());
  } else if (process.argv.includes('--write-readme')) {
    const path = new URL('../README.md', import.meta.url);
    writeFileSync(path, withSettingsTable(readFileSync(path, 'utf8')));
  } else {
    console.log(settingsTable());
  }
}
