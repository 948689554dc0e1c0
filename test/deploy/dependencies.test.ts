/**
 * Every dependency in package.json is used: imported (or resolved) by the code, the tests, the benchmarks or the
 * scripts, or one of the tools named below with why. A dependency nothing uses is weight in every install and
 * image; this test names it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Used without an import: command-line tools, type packages, data found by name at run time. */
const NOT_IMPORTED: Record<string, string> = {
  '@biomejs/biome': 'npm run lint',
  typescript: 'npm run typecheck and build',
  'dependency-cruiser': 'npm run depcheck',
  '@types/node': 'types',
  '@types/pdfkit': 'types',
  '@types/pg': 'types',
  '@tesseract.js-data/eng': 'OCR traineddata, resolved by language code (src/pipeline/ocr/tesseract.ts)',
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

test('every dependency is imported somewhere, or is a tool named with its use', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  const text = ['src', 'test', 'bench', 'scripts', 'bin']
    .flatMap((d) => sources(join(ROOT, d)))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const used = (name: string) =>
    new RegExp(
      `['"\`]${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/[^'"\`]*)?['"\`]|node_modules/${name}/`,
    ).test(text);
  const unused = names.filter((n) => !(n in NOT_IMPORTED) && !used(n));
  assert.deepEqual(unused, [], `dependencies nothing imports: ${unused.join(', ')}`);
  for (const tool of Object.keys(NOT_IMPORTED))
    assert.ok(names.includes(tool), `${tool} is listed and installed`);
});
