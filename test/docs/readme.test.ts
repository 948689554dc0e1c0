/** The README stays true and short: the two set-up commands, every command, the layout as it is. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the two set-up commands are there', () => {
  assert.match(readme, /npm ci && npx profai process examples\/sample\.pdf/);
  assert.match(readme, /^bash scripts\/ensure-services\.sh && npm test\b/m);
});

test('every profai command is named in the README', () => {
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

test('the README is a newcomer’s page: long text goes to docs/, no table cell holds a paragraph', () => {
  const lines = readme.split('\n');
  assert.ok(lines.length <= 120, `README has ${lines.length} lines: move the details to a docs/ page`);
  for (const line of lines.filter((l) => l.startsWith('|'))) {
    const longest = Math.max(...line.split(/(?<!\\)\|/).map((cell) => cell.trim().length));
    assert.ok(longest <= 260, `a README table cell of ${longest} characters: ${line.slice(0, 80)}…`);
  }
});
