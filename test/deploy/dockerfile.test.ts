import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';

const dockerfile = await readFile(new URL('../../Dockerfile', import.meta.url), 'utf8');
const dockerignore = await readFile(new URL('../../.dockerignore', import.meta.url), 'utf8');
/** Instructions with their continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const stages: string[][] = [];
for (const line of instructions) {
  if (/^FROM /i.test(line)) stages.push([line]);
  else stages.at(-1)?.push(line);
}
const runtime = stages.at(-1) ?? [];

describe('Dockerfile', () => {
  test('is multi-stage on node:24-slim', () => {
    assert.ok(stages.length >= 2);
    for (const stage of stages) assert.match(stage[0]!, /^FROM node:24-slim AS \w+/);
  });

  test('the build stage installs everything and compiles', () => {
    const build = stages[0]!.join('\n');
    assert.match(build, /RUN npm ci\b(?!.*--omit=dev)/);
    assert.match(build, /RUN npm run build/);
  });

  test('the runtime stage has production dependencies only and the compiled code from the build stage', () => {
    const text = runtime.join('\n');
    assert.match(text, /RUN npm ci [^\n]*--omit=dev/);
    assert.match(text, /RUN npm ci [^\n]*--ignore-scripts/);
    assert.match(text, /COPY --from=build \/app\/dist \.\/dist/);
    assert.doesNotMatch(text, /COPY --from=build \S*node_modules/);
    assert.doesNotMatch(text, /COPY (\.|src|test) /);
    for (const path of ['bin', 'migrations', 'examples', 'docker/healthcheck.mjs']) {
      assert.ok(
        runtime.some((l) => l.startsWith(`COPY ${path} `)),
        `copies ${path}`,
      );
    }
  });

  test('runs as a non-root user, with a health check and the profai entry point', () => {
    const user = runtime.find((l) => l.startsWith('USER '));
    assert.ok(user && !/^USER (root|0)\b/.test(user), user);
    assert.ok(runtime.some((l) => /^HEALTHCHECK .*CMD \["node", "docker\/healthcheck\.mjs"\]/.test(l)));
    assert.ok(runtime.includes('ENTRYPOINT ["node", "bin/profai.js"]'));
  });

  test('.dockerignore keeps node_modules, dist and secrets out of the context', () => {
    const lines = dockerignore.split('\n');
    for (const entry of ['node_modules', 'dist', '.env', '.git']) assert.ok(lines.includes(entry), entry);
  });
});
