/**
 * The QTI package and the Common Cartridge validated by `xmllint` (Debian's libxml2-utils) against IMS's schemas,
 * kept beside this file with their licence (xsd/README.md): the QTI assessment against QTI 1.2; the cartridge's
 * manifest against Common Cartridge 1.1 and its assessment against CC's profile of QTI 1.2.1. A copy broken on
 * purpose must fail, so a pass means the schema was applied. Then what a schema cannot say: every file the
 * manifest names is in the zip, the organisation follows the modules, each lesson page holds its summary with
 * its pages, key terms and objectives.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { exportNotice, renderExport } from '../../src/export/index.ts';
import { tempDir } from '../support/databases.ts';
import { specialInput } from './fixtures.ts';
import { htmlText, many, parseXml } from './parse.ts';

const XSD = fileURLToPath(new URL('./xsd/', import.meta.url));
const dirs = tempDir('profai-xsd-');
after(() => dirs.remove());

type Node = Record<string, unknown>;

function unzipped(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

/** xmllint's verdict on `xml` against `schema` (a file of ./xsd/): null when valid, its errors otherwise. */
function invalid(xml: string, schema: string, name: string): string | null {
  const file = join(dirs.dir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', join(XSD, schema), file], {
    encoding: 'utf8',
  });
  assert.ok(!run.error, `xmllint could not run (apt-get install libxml2-utils): ${run.error?.message}`);
  return run.status === 0 ? null : run.stderr.trim();
}

const input = specialInput();

describe('qti', () => {
  const files = unzipped(renderExport(input, 'qti') as Uint8Array);
  const href = Object.keys(files).find((f) => f !== 'imsmanifest.xml')!;

  test('the assessment, with every kind Canvas has, is valid QTI 1.2', () => {
    assert.equal(invalid(files[href]!, 'qti-1.2/ims_qtiasiv1p2.xsd', 'qti/assessment.xml'), null);
    const broken = files[href]!.replace('<resprocessing>', '<resprocessing><nonsense/>');
    assert.match(invalid(broken, 'qti-1.2/ims_qtiasiv1p2.xsd', 'qti/broken.xml') ?? '', /nonsense/);
  });
});

describe('cc', () => {
  const files = unzipped(renderExport(input, 'cc') as Uint8Array);
  const manifestXml = files['imsmanifest.xml']!;
  const manifest = parseXml(manifestXml).manifest as Node;

  test('the manifest is valid Common Cartridge 1.1; the assessment valid CC QTI', () => {
    assert.equal(invalid(manifestXml, 'ccv1p1_imscp_v1p2_v1p0.xsd', 'cc/imsmanifest.xml'), null);
    const broken = manifestXml.replace('structure="rooted-hierarchy"', 'structure="flat"');
    assert.ok(invalid(broken, 'ccv1p1_imscp_v1p2_v1p0.xsd', 'cc/broken.xml'), 'a broken manifest fails');
    const assessments = Object.keys(files).filter((f) => f.startsWith('assessment/'));
    assert.equal(assessments.length, 1);
    assert.equal(invalid(files[assessments[0]!]!, 'ccv1p1_qtiasiv1p2p1_v1p0.xsd', 'cc/assessment.xml'), null);
  });

  test('every resource names files that are in the zip, and every file is named', () => {
    const resources = many((manifest.resources as Node).resource as Node[]);
    const named = resources.flatMap((r) => many(r.file as Node[]).map((f) => String(f['@href'])));
    assert.deepEqual(
      [...named].sort(),
      Object.keys(files)
        .filter((f) => f !== 'imsmanifest.xml')
        .sort(),
    );
    const ids = new Set(resources.map((r) => r['@identifier']));
    const items = (node: Node): Node[] => many(node.item as Node[]).flatMap((i) => [i, ...items(i)]);
    const organisation = (manifest.organizations as Node).organization as Node;
    for (const item of items(organisation))
      if (item['@identifierref']) assert.ok(ids.has(item['@identifierref']), String(item['@identifierref']));
  });

  test('the organisation: the course page, then each module with its overview and lessons; the quiz last', () => {
    const organisation = (manifest.organizations as Node).organization as Node;
    const root = organisation.item as Node;
    const top = many(root.item as Node[]);
    assert.deepEqual(
      top.map((i) => i.title),
      [
        'About this course',
        'Module 1: Keys {and} values',
        'Module 2: An empty module (no questions)',
        'Module 3: Joins',
        input.quiz!.quiz.title,
      ],
    );
    assert.deepEqual(
      many(top[1]!.item as Node[]).map((i) => i.title),
      ['Overview and objectives', 'Lesson 1.1: Primary keys'],
    );
    const quiz = many((manifest.resources as Node).resource as Node[]).find(
      (r) => r['@identifier'] === top[4]!['@identifierref'],
    )!;
    assert.equal(quiz['@type'], 'imsqti_xmlv1p2/imscc_xmlv1p1/assessment');
  });

  test("a lesson page: its summary with the pages cited, its key terms, the module's objectives; escaped", () => {
    const page = files['wiki_content/module-01-lesson-01.html']!;
    assert.match(page, /<li>A primary key identifies each row of a table\. <small>\(p\. 1\)<\/small><\/li>/);
    assert.match(page, /<li>主キーは表の各行を一意に識別する。 <small>\(p\. 1, 2\)<\/small><\/li>/);
    assert.match(page, /<h3>Key terms<\/h3>\n<ul><li>primary key<\/li><\/ul>/);
    assert.match(page, /<li>Explain a primary key\.<\/li><li>Use 主キー in a table\.<\/li>/);
    const special = files['wiki_content/module-02-lesson-01.html']!;
    assert.ok(htmlText(special).includes('a~b=c#d{e}f:g\\h <i> & "j"'), 'the text as written');
    assert.ok(!special.includes('<i>'), 'never as markup');
    assert.match(files['wiki_content/module-01.html']!, /<h3>Learning objectives<\/h3>/);
  });

  test('the assessment holds the kinds CC has; the notice names the others', () => {
    const xml = files[Object.keys(files).find((f) => f.startsWith('assessment/'))!]!;
    const items = many(((parseXml(xml).questestinterop as Node).assessment as Node).section as Node).flatMap(
      (s) => many((s as Node).item as Node[]),
    );
    const profiles = items.map((i) => {
      const fields = many(((i.itemmetadata as Node).qtimetadata as Node).qtimetadatafield as Node[]);
      return fields.find((f) => f.fieldlabel === 'cc_profile')?.fieldentry;
    });
    assert.deepEqual([...profiles].sort(), [
      'cc.fib.v0p1',
      'cc.multiple_choice.v0p1',
      'cc.multiple_choice.v0p1',
      'cc.multiple_response.v0p1',
      'cc.true_false.v0p1',
      'cc.true_false.v0p1',
    ]);
    assert.equal(
      exportNotice(input, 'cc'),
      "cc: 1 matching, 1 numerical and 1 ordering questions left out (Common Cartridge's QTI has no matching, numerical or ordering question).",
    );
  });

  test('a course without a quiz is a cartridge of pages; the same input gives the same bytes', () => {
    const alone = unzipped(renderExport({ ...specialInput(), quiz: null }, 'cc') as Uint8Array);
    assert.ok(!Object.keys(alone).some((f) => f.startsWith('assessment/')));
    assert.equal(invalid(alone['imsmanifest.xml']!, 'ccv1p1_imscp_v1p2_v1p0.xsd', 'cc/alone.xml'), null);
    assert.deepEqual(renderExport(input, 'cc'), renderExport(specialInput(), 'cc'));
  });
});
