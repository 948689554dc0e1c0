/** The README stays true: its settings table is the generated one, and every command is documented. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { withSettingsTable } from '../../scripts/settings-table.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the settings table is generated from src/config.ts (npx tsx scripts/settings-table.ts --write-readme)', () => {
  assert.equal(readme, withSettingsTable(readme));
});

test('the two set-up commands are there', () => {
  assert.match(readme, /npm ci && npx profai process examples\/sample\.pdf/);
  assert.match(readme, /^bash scripts\/ensure-services\.sh && npm test\b/m);
});

test('every profai command is documented', () => {
  const help = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--help'], {
    encoding: 'utf8',
  });
  const commands = [...help.matchAll(/^ {2}([a-z][a-z-]+)\b/gm)]
    .map((m) => m[1]!)
    .filter((c) => c !== 'help');
  assert.ok(commands.includes('process'), help);
  for (const name of commands)
    assert.match(readme, new RegExp(`profai ${name}\\b`), `README lacks 'profai ${name}'`);
});

test('the layout section and the folder tree tell the same story (every src/ folder listed, none that is gone)', () => {
  const layout = /## Layout[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const listed = [...layout.matchAll(/^src\/([a-z-]+)\/\s/gm)].map((m) => m[1]!).sort();
  const folders = readdirSync(new URL('../../src/', import.meta.url), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  assert.deepEqual(listed, folders);
});
