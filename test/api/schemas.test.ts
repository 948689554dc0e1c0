/**
 * Every route's inputs are declared and bounded: walked through the OpenAPI document, which Fastify derives from
 * the very schemas it validates with, so a route added without them fails here.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';

interface JsonSchema {
  type?: string | string[];
  maxLength?: number;
  maximum?: number;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
}
interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

let fx: ApiFixture;
before(async () => {
  fx = await startApiFixture();
});
after(async () => {
  await fx?.stop();
});

/** Where `schema` lets unbounded input through: strings need a length, enum or format; numbers a maximum. */
function unbounded(schema: JsonSchema, where: string): string[] {
  const types = [schema.type ?? []].flat();
  const found: string[] = [];
  if (
    types.includes('string') &&
    schema.maxLength === undefined &&
    !schema.enum &&
    schema.format !== 'binary'
  )
    found.push(`${where}: a string without maxLength or enum`);
  if ((types.includes('integer') || types.includes('number')) && schema.maximum === undefined)
    found.push(`${where}: a number without maximum`);
  if (types.includes('object') && schema.additionalProperties !== false && schema.format !== 'binary')
    found.push(`${where}: an object that takes unknown keys`);
  for (const [name, sub] of Object.entries(schema.properties ?? {}))
    found.push(...unbounded(sub, `${where}.${name}`));
  if (schema.items) found.push(...unbounded(schema.items, `${where}[]`));
  return found;
}

test('every route: path and query parameters and JSON bodies bounded, unknown body keys refused', async () => {
  const doc = (await fx.app.inject('/openapi.json')).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  const problems: string[] = [];
  let inputs = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${path}`;
      for (const name of params)
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === name))
          problems.push(`${route}: path parameter ${name} undeclared`);
      for (const p of op.parameters ?? []) {
        if (p.in === 'header') continue;
        inputs++;
        problems.push(...unbounded(p.schema, `${route} ${p.in} ${p.name}`));
        if (p.in === 'path' && p.schema.type === 'string' && !p.schema.pattern)
          problems.push(`${route} path ${p.name}: no pattern (a NUL would reach the database)`);
      }
      const json = op.requestBody?.content['application/json']?.schema;
      if (json) {
        inputs++;
        problems.push(...unbounded(json, `${route} body`));
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(inputs >= 15, `only ${inputs} inputs found: the walk missed routes`);
});
