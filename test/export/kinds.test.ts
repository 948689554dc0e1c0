/**
 * The new kinds in the formats people read (Anki cards, Markdown, the printable page), the notice of what a
 * format leaves out, and Markdown that shows a PDF's `*`, `_`, `[`, `<` as themselves.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Question } from '../../src/domain/course.ts';
import { EXPORT_FORMAT_NAMES, exportNotice, renderExport } from '../../src/export/index.ts';
import { mdLine, mdText } from '../../src/export/markdown.ts';
import { answerText, displayOrder } from '../../src/export/text.ts';
import { NASTY, specialInput } from './fixtures.ts';

const input = specialInput();
const questions = input.quiz!.quiz.questions;
const of = <K extends Question['kind']>(kind: K) =>
  questions.find((q) => q.kind === kind) as Extract<Question, { kind: K }>;

describe('notices', () => {
  test('a format that lacks a kind says so in one line; the others say nothing', () => {
    const notices = Object.fromEntries(EXPORT_FORMAT_NAMES.map((f) => [f, exportNotice(input, f)]));
    assert.deepEqual(notices, {
      'moodle-xml': null,
      gift: 'gift: 1 ordering question left out (GIFT has no ordering question).',
      qti: "qti: 1 ordering question left out (Canvas's QTI 1.2 has no ordering question).",
      cc: "cc: 1 matching, 1 numerical and 1 ordering questions left out (Common Cartridge's QTI has no matching, numerical or ordering question).",
      anki: null,
      html: null,
      md: null,
      json: null,
    });
    assert.equal(exportNotice({ ...input, quiz: null }, 'gift'), null, 'no quiz, nothing left out');
  });
});

describe('anki', () => {
  const cards = (renderExport(input, 'anki') as string)
    .trimEnd()
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .filter((n) => n[3]!.split(' ').includes('quiz'));

  test('a card per question of every kind, tagged with its levels', () => {
    assert.equal(cards.length, questions.length);
    questions.forEach((q, i) => {
      const tags = cards[i]![3]!.split(' ');
      assert.ok(
        tags.includes(`difficulty_${q.difficulty}`) && tags.includes(`bloom_${q.bloom}`),
        tags.join(' '),
      );
    });
  });

  test('front: what to choose from (matching terms and ordering items mixed); back: the answer', () => {
    const [ma, matching, short, numerical, ordering] = cards.slice(4);
    assert.match(ma![1]!, /select all that apply/);
    assert.match(ma![2]!, /^<b>A\) A primary key identifies a row\.; B\) A key a~b/);
    const m = of('matching');
    const order = displayOrder(m.pairs.length, input.quiz!.questionKeys[5]!);
    assert.notDeepEqual(order, [0, 1, 2], 'the terms are not in the order of their definitions');
    assert.ok(matching![1]!.includes(`A) ${m.pairs[order[0]!]!.term}`));
    assert.ok(matching![2]!.startsWith('1. <b>primary key</b>: identifies each row of a table'));
    assert.match(short![1]!, /type the term/);
    assert.match(short![2]!, /^<b>primary key \(also: primary keys, PK, a\*b\)<\/b>/);
    assert.match(numerical![1]!, /a number, in k rows/);
    assert.match(numerical![2]!, /^<b>2\.5 k rows<\/b> \(± 0\.05\)/);
    const o = of('ordering');
    const front = ordering![1]!.split('<br>').filter((l) => l.startsWith('• '));
    assert.equal(front.length, o.items.length);
    assert.notEqual(front.join('|'), o.items.map((i) => `• ${i}`).join('|'), 'mixed, not in the right order');
    assert.match(ordering![2]!, /^1\. Read the first table\.<br>2\. Match a~b/);
  });
});

describe('md and html', () => {
  const md = renderExport(input, 'md') as string;
  const html = renderExport(input, 'html') as string;

  test('every kind is printed with what to answer from, the answers at the end with levels', () => {
    assert.match(md, /\*\*5\.\*\* Which of these does the text say about keys\?/);
    assert.match(md, / {3}\*Select all that apply\.\*/);
    assert.match(md, / {3}\*Match each definition with its term\.\*/);
    assert.match(md, / {3}1\\\. identifies each row of a table → \\_\\_\\_/);
    assert.match(md, / {3}Answer: (\\_){8} k rows/);
    assert.match(md, / {3}\*Put these in order\.\*/);
    const answers = md.slice(md.indexOf('### Answers'));
    questions.forEach((q, i) => {
      assert.ok(answers.includes(`${i + 1}. **${mdText(answerText(q))}**`), `answer ${i + 1}`);
      assert.ok(answers.includes(`(p. ${q.sourcePage} · ${q.difficulty} · ${q.bloom})`), `levels ${i + 1}`);
    });
    assert.match(html, /<p class="meta">Select all that apply\.<\/p>/);
    assert.match(html, /<ol class="definitions"><li>identifies each row of a table <span class="blank">/);
    assert.match(html, /<p class="blank">Answer: _+ k rows<\/p>/);
    assert.match(html, /\(p\. 5 · medium · apply\)/);
  });

  test("Markdown escapes the PDF's markup characters; a line never opens a list or heading it was not", () => {
    assert.equal(
      mdText('a *b* _c_ [d](e) <f> `g` | h ~i~ &copy;'),
      'a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\`g\\` \\| h \\~i\\~ \\&copy;',
    );
    assert.equal(mdLine('1. not a list'), '1\\. not a list');
    assert.equal(mdLine('- not an item'), '\\- not an item');
    assert.equal(mdLine('# not a heading'), '\\# not a heading');
    assert.equal(mdText('line\nbreak'), 'line break');
    assert.ok(!md.includes(NASTY), 'the fixture text never reaches the file raw');
    assert.ok(
      md.includes('a\\~b=c#d{e}f:g\\\\h \\<i\\> \\& "j" \'k\' \\]\\]\\> l m'),
      'every character, escaped',
    );
    assert.match(md, /^# Input\/Output \\& \\<Tags\\>: データベース入門$/m);
  });
});
