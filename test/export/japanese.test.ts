/**
 * A real Japanese document through the pipeline and every exporter: the course and quiz ProfAI makes from the
 * corpus's jp-jfm-format.pdf must read back through the GIFT and XML parsers with its Japanese text intact.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { parse as parseGift } from 'gift-pegjs';
import { loadConfig } from '../../src/config.ts';
import { type ExportInput, renderExport } from '../../src/export/index.ts';
import { runPipeline } from '../../src/pipeline/index.ts';
import { loadCorpus } from '../support/corpus.ts';
import { htmlText, many, oneLine, parseXml } from './parse.ts';

const corpus = loadCorpus();
const row = 'rows' in corpus ? corpus.rows.find((r) => r.file === 'jp-jfm-format.pdf') : undefined;
const skip = 'missing' in corpus ? corpus.missing : row ? false : 'jp-jfm-format.pdf is not in the corpus';

test('jp-jfm-format.pdf: its course and quiz export and read back with the Japanese intact', {
  skip,
}, async () => {
  const bytes = new Uint8Array(readFileSync(row!.path));
  const { document } = await runPipeline({ bytes, fileName: row!.file }, { config: loadConfig({}) });
  const quizId = 'qjapanese0000000';
  const input: ExportInput = {
    courseId: 'cjapanese000',
    fileName: row!.file,
    course: document.course,
    quiz: {
      id: quizId,
      quiz: document.quiz,
      questionKeys: document.quiz.questions.map((_, i) => `${quizId}:${i}`),
      reviewed: false,
    },
  };
  const prompts = document.quiz.questions.map((q) => q.prompt);
  assert.ok(
    prompts.some((p) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(p)),
    'the quiz has Japanese text',
  );

  const gift = parseGift(renderExport(input, 'gift') as string).filter((p) => p.type !== 'Category');
  assert.deepEqual(
    gift.map((p) => ('stem' in p ? htmlText(p.stem.text) : '')).sort(),
    prompts.map(oneLine).sort(),
  );

  const moodle = many(
    (parseXml(renderExport(input, 'moodle-xml') as string).quiz as Record<string, unknown>)
      .question as Record<string, unknown>[],
  );
  const texts = moodle
    .filter((q) => q['@type'] !== 'category')
    .map((q) =>
      htmlText(
        String(((q.questiontext as Record<string, unknown>).text as Record<string, unknown>)['#cdata']),
      ),
    );
  assert.deepEqual(texts.sort(), [...prompts].sort());

  const zip = unzipSync(renderExport(input, 'qti') as Uint8Array);
  const assessment = Object.keys(zip).find((f) => f !== 'imsmanifest.xml')!;
  const xml = strFromU8(zip[assessment]!);
  parseXml(xml);
  for (const p of prompts) assert.ok(htmlText(htmlText(xml)).includes(p), `QTI holds "${p}"`);

  const anki = (renderExport(input, 'anki') as string).split('\n').filter((l) => l && !l.startsWith('#'));
  assert.ok(anki.length >= prompts.length);
  assert.match(renderExport(input, 'html') as string, /<html lang="ja">/);
});
