import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { SETTINGS } from '../../src/config.ts';
import { COMPOSE_SERVICE_VARS } from '../../src/ops/plan/compose.ts';
import { renderEnvExample } from '../../src/ops/plan/env-example.ts';

const text = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
/** `NAME=` assignments, commented out (`# NAME=default`) or not. */
const assigned = [...text.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

describe('.env.example', () => {
  test('documents every setting of src/config.ts with its default', () => {
    for (const spec of Object.values(SETTINGS)) {
      assert.ok(
        assigned.includes(spec.env),
        `${spec.env} missing: run npx tsx scripts/settings-table.ts --env-example`,
      );
      assert.ok(text.includes(`# ${spec.doc}`), `${spec.env}: its doc line`);
    }
  });

  test("names nothing but settings and the compose services' variables", () => {
    const known = new Set<string>([...Object.values(SETTINGS).map((s) => s.env), ...COMPOSE_SERVICE_VARS]);
    assert.deepEqual(
      assigned.filter((v) => !known.has(v)),
      [],
    );
    assert.ok(assigned.includes('POSTGRES_PASSWORD'));
  });

  test('is what the generator writes (regenerate with scripts/settings-table.ts --env-example)', () => {
    assert.equal(text, renderEnvExample());
  });
});
