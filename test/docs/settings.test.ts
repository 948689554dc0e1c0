/** docs/settings.md holds the settings table generated from src/config.ts. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SETTINGS_PAGE, withSettingsTable } from '../../scripts/settings-table.ts';
import { SETTINGS } from '../../src/config.ts';

const page = readFileSync(SETTINGS_PAGE, 'utf8');

test('the settings table is generated from src/config.ts (npx tsx scripts/settings-table.ts --write)', () => {
  assert.equal(page, withSettingsTable(page));
});

test('every setting has its row', () => {
  for (const spec of Object.values(SETTINGS)) assert.match(page, new RegExp(`^\\| \`${spec.env}\` \\|`, 'm'));
});
