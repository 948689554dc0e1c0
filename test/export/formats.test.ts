/**
 * Every exporter's output read back by a parser that knows the format: GIFT through gift-pegjs, Moodle XML and
 * QTI through an XML parser (the QTI zip unzipped first) checked against each format's documented structure,
 * the Anki file against Anki's import headers; on a course full of special characters and Japanese text, with a
 * module without questions and a quiz that was edited after generation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { type MultipleChoice, parse as parseGift, type TrueFalse } from 'gift-pegjs';
import { CourseSchema, type Question, QuizSchema } from '../../src/domain/course.ts';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, exportFileName, renderExport } from '../../src/export/index.ts';
import { NASTY, specialInput } from './fixtures.ts';
import { htmlText, many, oneLine, parseXml } from './parse.ts';

const input = specialInput();
const questions = input.quiz!.quiz.questions;
const text = (format: 'moodle-xml' | 'gift' | 'anki' | 'md' | 'json' | 'html') => {
  const out = renderExport(input, format);
  assert.equal(typeof out, 'string');
  return out as string;
};
const rightAnswer = (q: Question) =>
  q.kind === 'multiple_choice' ? q.options[q.answerIndex]! : String(q.answer);

type Node = Record<string, unknown>;
const cdataText = (node: unknown) =>
  htmlText(String((node as Node)['#cdata'] ?? (node as Node)['#text'] ?? node));

describe('moodle-xml', () => {
  const doc = parseXml(text('moodle-xml'));
  const all = many((doc.quiz as Node).question as Node[]);

  test('one category for the course, one per module that has questions, each before its questions', () => {
    const categories = all.filter((q) => q['@type'] === 'category');
    const course = '$course$/top/Input//Output & <Tags>: データベース入門';
    assert.deepEqual(
      categories.map((c) => (c.category as Node).text),
      [course, `${course}/Module 1: Keys {and} values`, `${course}/Module 3: Joins`],
      'the slash of the title doubled (Moodle reads one as a sub-category), no category for the empty module',
    );
    const order = all.map((q) => (q['@type'] === 'category' ? 'C' : 'Q')).join('');
    assert.equal(order, 'CQCQQCQ', 'the question without a module sits in the course category');
  });

  test('multichoice: single answer, shuffled, one answer at 100 %, feedback; truefalse: true and false', () => {
    const byId = new Map(all.filter((q) => q.idnumber).map((q) => [String(q.idnumber), q]));
    assert.equal(byId.size, questions.length);
    input.quiz!.questionKeys.forEach((key, i) => {
      const q = questions[i]!;
      const xml = byId.get(key);
      assert.ok(xml, `question with idnumber ${key}`);
      assert.equal(xml['@type'], q.kind === 'multiple_choice' ? 'multichoice' : 'truefalse');
      assert.equal(cdataText((xml.questiontext as Node).text), q.prompt, 'the prompt, every character kept');
      const feedback = cdataText((xml.generalfeedback as Node).text);
      assert.ok(feedback.includes(q.explanation) && feedback.includes(`page ${q.sourcePage}`), feedback);
      const answers = many(xml.answer as Node[]);
      const right = answers.filter((a) => a['@fraction'] === '100');
      assert.equal(right.length, 1);
      assert.ok(answers.every((a) => (a.feedback as Node).text !== undefined));
      if (q.kind === 'multiple_choice') {
        assert.equal(xml.single, 'true');
        assert.equal(xml.shuffleanswers, 'true');
        assert.deepEqual(
          answers.map((a) => cdataText(a.text)),
          q.options,
        );
        assert.equal(cdataText(right[0]!.text), rightAnswer(q));
      } else {
        assert.deepEqual(
          answers.map((a) => a.text),
          ['true', 'false'],
        );
        assert.equal(right[0]!.text, rightAnswer(q));
      }
    });
  });
});

describe('gift', () => {
  const gift = text('gift');
  const parsed = parseGift(gift);

  test('gift-pegjs reads it: categories, then the questions with every special character intact', () => {
    const kinds = parsed.map((p) => p.type);
    assert.deepEqual(kinds, ['Category', 'MC', 'Category', 'MC', 'TF', 'Category', 'TF']);
    const qs = parsed.filter((p) => p.type === 'MC' || p.type === 'TF') as (MultipleChoice | TrueFalse)[];
    // Module order: the question without a module first, then module 1's, then module 3's.
    const inOrder = [questions[3]!, questions[0]!, questions[1]!, questions[2]!];
    qs.forEach((p, i) => {
      const q = inOrder[i]!;
      assert.equal(htmlText(p.stem.text), oneLine(q.prompt));
      assert.ok(htmlText(p.globalFeedback?.text ?? '').includes(oneLine(q.explanation)));
      if (p.type === 'MC' && q.kind === 'multiple_choice') {
        assert.deepEqual(
          p.choices.map((c) => htmlText(c.text.text)),
          q.options.map(oneLine),
        );
        assert.deepEqual(
          p.choices.map((c) => c.isCorrect),
          q.options.map((_, k) => k === q.answerIndex),
        );
      } else if (p.type === 'TF' && q.kind === 'true_false') {
        assert.equal(p.isTrue, q.answer);
      } else assert.fail(`question ${i}: ${p.type} for ${q.kind}`);
    });
    const categories = parsed.filter((p) => p.type === 'Category').map((p) => p.title);
    assert.equal(
      categories[1],
      '$course$/top/Input//Output & <Tags>: データベース入門/Module 1: Keys {and} values',
    );
  });

  test('every special character of a text is escaped', () => {
    const line = gift.split('\n').find((l) => l.includes('EDITED'))!;
    const stem = line.slice(line.indexOf('::[html]') + '::[html]'.length, line.lastIndexOf(' {'));
    assert.equal(
      stem,
      'EDITED\\: which one is a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h &lt;i&gt; &amp; "j" \'k\' ]]&gt; l m?',
    );
  });
});

describe('qti', () => {
  const zip = unzipSync(renderExport(input, 'qti') as Uint8Array);
  const files = Object.fromEntries(Object.entries(zip).map(([k, v]) => [k, strFromU8(v)]));

  test('a zip with imsmanifest.xml naming one imsqti_xmlv1p2 resource whose file is in the zip', () => {
    assert.ok(files['imsmanifest.xml'], Object.keys(files).join(', '));
    const manifest = parseXml(files['imsmanifest.xml']!).manifest as Node;
    const resource = (manifest.resources as Node).resource as Node;
    assert.equal(resource['@type'], 'imsqti_xmlv1p2');
    const href = String((resource.file as Node)['@href']);
    assert.ok(files[href], `${href} is in the package`);
    assert.equal(Object.keys(files).length, 2);
  });

  test('the assessment: one item per question, Canvas metadata, the right choice scored 100, feedback', () => {
    const href = Object.keys(files).find((f) => f !== 'imsmanifest.xml')!;
    const root = parseXml(files[href]!).questestinterop as Node;
    const assessment = root.assessment as Node;
    assert.equal(assessment['@title'], input.quiz!.quiz.title);
    const items = many((assessment.section as Node).item as Node[]);
    assert.equal(items.length, questions.length);
    for (const item of items) {
      const key = input.quiz!.questionKeys.find((k) => String(item['@ident']).endsWith(k.replace(':', '_')))!;
      const q = questions[input.quiz!.questionKeys.indexOf(key)]!;
      const meta = many(((item.itemmetadata as Node).qtimetadata as Node).qtimetadatafield as Node[]);
      const field = (label: string) => meta.find((f) => f.fieldlabel === label)?.fieldentry;
      assert.equal(
        field('question_type'),
        q.kind === 'multiple_choice' ? 'multiple_choice_question' : 'true_false_question',
      );
      assert.equal(field('points_possible'), '1.0');
      const presentation = item.presentation as Node;
      assert.equal(htmlText(String(((presentation.material as Node).mattext as Node)['#text'])), q.prompt);
      const lid = presentation.response_lid as Node;
      assert.equal(lid['@rcardinality'], 'Single');
      const labels = many((lid.render_choice as Node).response_label as Node[]);
      const labelText = (l: Node) => String(((l.material as Node).mattext as Node)['#text']);
      assert.deepEqual(labels.map(labelText), q.kind === 'multiple_choice' ? q.options : ['True', 'False']);
      const scoring = many((item.resprocessing as Node).respcondition as Node[]).find((c) => c.setvar);
      assert.equal((scoring!.setvar as Node)['#text'], '100');
      const chosen = String(((scoring!.conditionvar as Node).varequal as Node)['#text']);
      const label = labels.find((l) => l['@ident'] === chosen)!;
      assert.equal(
        labelText(label),
        q.kind === 'multiple_choice' ? rightAnswer(q) : q.answer ? 'True' : 'False',
      );
      const feedback = (((item.itemfeedback as Node).flow_mat as Node).material as Node).mattext as Node;
      assert.ok(htmlText(String(feedback['#text'])).includes(q.explanation));
    }
  });

  test('the same input gives the same bytes (no time stamp in the zip)', () => {
    assert.deepEqual(renderExport(input, 'qti'), renderExport(specialInput(), 'qti'));
  });
});

describe('anki', () => {
  const lines = text('anki').trimEnd().split('\n');
  const headers = lines.filter((l) => l.startsWith('#'));
  const notes = lines.filter((l) => !l.startsWith('#')).map((l) => l.split('\t'));

  test("Anki's file headers: tab separator, HTML, note type, deck, columns, GUID and tags columns", () => {
    assert.deepEqual(headers, [
      '#separator:tab',
      '#html:true',
      '#notetype:Basic',
      '#deck:Input/Output & <Tags>: データベース入門',
      '#columns:GUID\tFront\tBack\tTags',
      '#guid column:1',
      '#tags column:4',
    ]);
    assert.equal(lines.slice(0, headers.length).join('\n'), headers.join('\n'), 'headers come first');
  });

  test('one note per question and per key term that the course uses; four fields, no raw tab or markup', () => {
    assert.ok(
      notes.every((n) => n.length === 4),
      'every line has exactly four fields',
    );
    const quizNotes = notes.filter((n) => n[3]!.split(' ').includes('quiz'));
    const termNotes = notes.filter((n) => n[3]!.split(' ').includes('key_term'));
    assert.equal(quizNotes.length, questions.length);
    assert.deepEqual(
      termNotes.map((n) => n[1]),
      ['primary key', '主キー', 'a~b=c'],
    );
    assert.ok(
      termNotes[1]![2]!.includes('主キーは表の各行を一意に識別する。'),
      'a term card shows where the course uses it',
    );
    assert.ok(!notes.some((n) => n.join('').includes('<i>')), 'the text "<i>" is escaped, not markup');
    assert.equal(new Set(notes.map((n) => n[0])).size, notes.length, 'GUIDs are unique');
    assert.match(quizNotes[0]![2]!, /<b>D\) a~b=c#d\{e\}f:g\\h &lt;i&gt; &amp; &quot;j&quot;/);
  });

  test("a key term the module's glossary defines gets its definition and page on the back", () => {
    const input = specialInput();
    const module = input.course.modules[0]!;
    module.glossary = [
      { term: 'Primary Key', definition: 'A primary key names one row.', citations: [{ page: 3 }] },
    ];
    const cards = (renderExport(input, 'anki') as string)
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    const card = cards.map((l) => l.split('\t')).find((n) => n[1] === 'primary key');
    assert.ok(card, 'the card is there');
    assert.match(card[2]!, /^A primary key names one row\.<br><br><small>Source: .*, page 3<\/small>$/);
  });

  test('GUIDs follow the question, not its text: an edited question keeps its GUID', () => {
    const edited = specialInput();
    const q0 = edited.quiz!.quiz.questions[0]!;
    edited.quiz!.quiz.questions[0] = { ...q0, prompt: 'Edited once more?' };
    const again = (renderExport(edited, 'anki') as string)
      .trimEnd()
      .split('\n')
      .filter((l) => !l.startsWith('#'));
    assert.equal(again[0]!.split('\t')[0], notes[0]![0]);
    assert.match(again[0]!, /Edited once more\?/);
  });
});

describe('md, json, html', () => {
  test('md: a true/false prompt is not prefixed twice; answers after the questions', () => {
    const md = text('md');
    assert.ok(!/True or false\? True or false/i.test(md), 'no doubled prefix');
    assert.ok(md.includes('**2.** True or false: 主キーは表の各行を一意に識別する。'));
    assert.ok(md.indexOf('### Answers') > md.indexOf('**4.**'));
    assert.ok(
      md.includes('## Module 2: An empty module (no questions)'),
      'the empty module is in the course',
    );
  });

  test('json: reads back through the domain schemas, with the quiz id and its keys', () => {
    const json = JSON.parse(text('json'));
    assert.deepEqual(CourseSchema.parse(json.course), input.course);
    assert.deepEqual(QuizSchema.parse(json.quiz), input.quiz!.quiz);
    assert.equal(json.quizId, input.quiz!.id);
    assert.deepEqual(json.questionKeys, input.quiz!.questionKeys);
  });

  test('html: self-contained (no script, no external file), escaped, answers on their own page', () => {
    const html = text('html');
    assert.ok(!/<script|<link|src=|href=/i.test(html), 'nothing to fetch, nothing to run');
    assert.ok(html.includes('<style>') && html.includes('break-before: page'));
    assert.ok(!html.includes(NASTY) && html.includes('&lt;i&gt; &amp; &quot;j&quot;'));
    assert.ok(html.indexOf('<h2>Answers</h2>') > html.indexOf('EDITED'));
    assert.match(html, /<html lang="ja">/);
  });

  test('a course without a quiz exports its course; the question formats have no question', () => {
    const alone = { ...specialInput(), quiz: null };
    assert.ok(!(renderExport(alone, 'md') as string).includes('## Quiz'));
    const moodle = parseXml(renderExport(alone, 'moodle-xml') as string);
    assert.equal(many((moodle.quiz as Node)?.question as Node[]).length, 0);
    for (const f of EXPORT_FORMAT_NAMES) assert.ok(renderExport(alone, f), `${f} renders`);
  });
});

test('file names keep a Japanese title, drop what file systems refuse, and fall back to the id', () => {
  assert.equal(exportFileName(input, 'moodle-xml'), 'Input Output & Tags データベース入門.moodle.xml');
  const course = { ...input.course, title: '///' };
  assert.equal(exportFileName({ course, courseId: 'c1' }, 'qti'), 'course-c1.qti.zip');
  for (const f of EXPORT_FORMAT_NAMES) assert.ok(EXPORT_FORMATS[f].contentType);
});
