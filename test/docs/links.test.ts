/** Every link between the README and the docs/ pages leads to a file that exists, and to a heading it has. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
export const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');

const withoutCode = (markdown: string) => markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

test('GitHub anchors are made as GitHub makes them', () => {
  assert.equal(
    anchorOf('Do the database and the vector store agree?'),
    'do-the-database-and-the-vector-store-agree',
  );
  assert.equal(anchorOf('Into Moodle, Canvas, Anki'), 'into-moodle-canvas-anki');
  assert.equal(anchorOf('For teachers: the web app and exports'), 'for-teachers-the-web-app-and-exports');
});

for (const page of pages) {
  test(`${page}: every relative link and anchor resolves`, () => {
    const text = withoutCode(readFileSync(join(root, page), 'utf8'));
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    for (const link of links) {
      const [path, anchor] = link.split('#') as [string, string | undefined];
      const target = path === '' ? page : relative(root, join(root, dirname(page), path));
      assert.ok(existsSync(join(root, target)), `${page} links to ${link}: no file ${target}`);
      if (anchor !== undefined && target.endsWith('.md'))
        assert.ok(
          anchorsOf(target).has(anchor),
          `${page} links to ${link}: ${target} has no heading #${anchor}`,
        );
    }
  });
}

test('every docs/ page is linked from the README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const page of pages.filter((p) => p !== 'README.md'))
    assert.ok(readme.includes(`](${page})`), `README does not link to ${page}`);
});
