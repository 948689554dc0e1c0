/**
 * Every exporter's output read back by a parser that knows the format: GIFT through gift-pegjs, Moodle XML and
 * QTI through an XML parser (the QTI zip unzipped first) checked against each format's documented structure,
 * the Anki file against Anki's import headers; on a course full of special characters and Japanese text, with a
 * module without questions and a quiz that was edited after generation.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import {
  type Category,
  type Description,
  type GIFTQuestion,
  type NumericalChoice,
  parse as parseGift,
} from 'gift-pegjs';
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
  q.kind === 'multiple_choice' ? q.options[q.answerIndex]! : q.kind === 'true_false' ? String(q.answer) : '';

type Node = Record<string, unknown>;
const cdataText = (node: unknown) =>
  htmlText(String((node as Node)['#cdata'] ?? (node as Node)['#text'] ?? node));

describe('moodle-xml', () => {
  const doc = parseXml(text('moodle-xml'));
  const all = many((doc.quiz as Node).question as Node[]);
  const byId = new Map(all.filter((q) => q.idnumber).map((q) => [String(q.idnumber), q]));
  const xmlOf = (i: number) => byId.get(input.quiz!.questionKeys[i]!)!;

  test('one category for the course, one per module that has questions, each before its questions', () => {
    const categories = all.filter((q) => q['@type'] === 'category');
    const course = '$course$/top/Input//Output & <Tags>: データベース入門';
    assert.deepEqual(
      categories.map((c) => (c.category as Node).text),
      [course, `${course}/Module 1: Keys {and} values`, `${course}/Module 3: Joins`],
      'the slash of the title doubled (Moodle reads one as a sub-category), no category for the empty module',
    );
    const order = all.map((q) => (q['@type'] === 'category' ? 'C' : 'Q')).join('');
    assert.equal(order, 'CQQCQQQQCQQQ', 'the questions without a module sit in the course category');
  });

  test('every kind has its Moodle type, its prompt, general feedback, its levels as tags', () => {
    assert.equal(byId.size, questions.length, 'every question is there: Moodle XML has every kind');
    const types = {
      multiple_choice: 'multichoice',
      multiple_answer: 'multichoice',
      true_false: 'truefalse',
      matching: 'matching',
      short_answer: 'shortanswer',
      numerical: 'numerical',
      ordering: 'ordering',
    };
    questions.forEach((q, i) => {
      const xml = xmlOf(i);
      assert.equal(xml['@type'], types[q.kind], q.kind);
      assert.equal(cdataText((xml.questiontext as Node).text), q.prompt, 'the prompt, every character kept');
      const feedback = cdataText((xml.generalfeedback as Node).text);
      assert.ok(feedback.includes(q.explanation) && feedback.includes(`page ${q.sourcePage}`), feedback);
      const tags = many((xml.tags as Node).tag as Node[]).map((t) => t.text);
      assert.deepEqual(tags, [`difficulty_${q.difficulty}`, `bloom_${q.bloom}`]);
    });
  });

  test('multichoice: one answer at 100 % (single) or a share per right option and minus that share per wrong one', () => {
    questions.forEach((q, i) => {
      if (q.kind !== 'multiple_choice' && q.kind !== 'multiple_answer' && q.kind !== 'true_false') return;
      const xml = xmlOf(i);
      const answers = many(xml.answer as Node[]);
      assert.ok(answers.every((a) => (a.feedback as Node).text !== undefined));
      if (q.kind === 'true_false') {
        assert.deepEqual(
          answers.map((a) => a.text),
          ['true', 'false'],
        );
        assert.equal(answers.find((a) => a['@fraction'] === '100')!.text, rightAnswer(q));
        return;
      }
      assert.equal(xml.shuffleanswers, 'true');
      assert.deepEqual(
        answers.map((a) => cdataText(a.text)),
        q.options,
      );
      if (q.kind === 'multiple_choice') {
        assert.equal(xml.single, 'true');
        assert.deepEqual(
          answers.map((a) => a['@fraction']),
          q.options.map((_, k) => (k === q.answerIndex ? '100' : '0')),
        );
      } else {
        assert.equal(xml.single, 'false');
        const fractions = answers.map((a) => Number(a['@fraction']));
        const right = fractions.filter((f) => f > 0);
        assert.equal(right.length, q.answerIndexes.length);
        assert.ok(
          Math.abs(right.reduce((a, b) => a + b, 0) - 100) < 0.001,
          'the right options add up to 100 %',
        );
        assert.ok(fractions.filter((f) => f < 0).length === q.options.length - q.answerIndexes.length);
        assert.ok(
          Math.abs(fractions.reduce((a, b) => a + b, 0)) <= 100,
          'ticking everything scores at most nothing more',
        );
        assert.ok(fractions.reduce((a, b) => a + b, 0) < 100, 'ticking everything is not full marks');
      }
    });
  });

  test('matching: each definition a sub-question answered by its term', () => {
    const i = questions.findIndex((q) => q.kind === 'matching');
    const q = questions[i] as Extract<Question, { kind: 'matching' }>;
    const subs = many(xmlOf(i).subquestion as Node[]);
    assert.deepEqual(
      subs.map((s) => cdataText(s.text)),
      q.pairs.map((p) => p.definition),
    );
    assert.deepEqual(
      subs.map((s) => (s.answer as Node).text),
      q.pairs.map((p) => p.term),
    );
  });

  test('shortanswer: every accepted answer at 100 %, case ignored, a star escaped (Moodle reads * as a wildcard)', () => {
    const i = questions.findIndex((q) => q.kind === 'short_answer');
    const q = questions[i] as Extract<Question, { kind: 'short_answer' }>;
    const xml = xmlOf(i);
    assert.equal(xml.usecase, '0');
    const answers = many(xml.answer as Node[]);
    assert.deepEqual(
      answers.map((a) => a.text),
      q.answers.map((a) => a.replaceAll('*', '\\*')),
    );
    assert.ok(answers.every((a) => a['@fraction'] === '100'));
  });

  test('numerical: the value, its tolerance and unit', () => {
    const i = questions.findIndex((q) => q.kind === 'numerical');
    const q = questions[i] as Extract<Question, { kind: 'numerical' }>;
    const xml = xmlOf(i);
    const answer = xml.answer as Node;
    assert.equal(Number(answer.text), q.answer);
    assert.equal(Number(answer.tolerance), q.tolerance);
    assert.equal(answer['@fraction'], '100');
    assert.equal(((xml.units as Node).unit as Node).unit_name, q.unit);
  });

  test('ordering: the items in their right order, every item shown and graded by its position', () => {
    const i = questions.findIndex((q) => q.kind === 'ordering');
    const q = questions[i] as Extract<Question, { kind: 'ordering' }>;
    const xml = xmlOf(i);
    assert.equal(xml.selecttype, 'ALL');
    assert.equal(xml.gradingtype, 'ABSOLUTE_POSITION');
    assert.equal(Number(xml.selectcount), q.items.length);
    assert.deepEqual(
      many(xml.answer as Node[]).map((a) => cdataText(a.text)),
      q.items,
    );
  });
});

describe('gift', () => {
  const gift = text('gift');
  const parsed = parseGift(gift);
  /** gift-pegjs writes an escaped character of a matched term as `&&126;`: read back as the character. */
  const unescaped = (s: string) =>
    s.replace(/&&(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

  test('gift-pegjs reads every kind GIFT has, with every special character intact; ordering left out', () => {
    const qs = parsed.filter((p) => p.type !== 'Category') as Exclude<GIFTQuestion, Category | Description>[];
    const expected = questions.filter((q) => q.kind !== 'ordering');
    assert.equal(qs.length, expected.length, 'one GIFT question per question, but the ordering one');
    for (const p of qs) {
      const q = expected.find(
        (e) => oneLine(e.prompt) === htmlText(p.stem.text).replace(/ \(in [^)]*\)$/, ''),
      );
      assert.ok(q, `a question for "${p.stem.text}"`);
      assert.ok(htmlText(p.globalFeedback?.text ?? '').includes(oneLine(q.explanation)));
      if (q.kind === 'multiple_choice' && p.type === 'MC') {
        assert.deepEqual(
          p.choices.map((c) => htmlText(c.text.text)),
          q.options.map(oneLine),
        );
        assert.deepEqual(
          p.choices.map((c) => c.isCorrect),
          q.options.map((_, k) => k === q.answerIndex),
        );
      } else if (q.kind === 'multiple_answer' && p.type === 'MC') {
        assert.deepEqual(
          p.choices.map((c) => htmlText(c.text.text)),
          q.options.map(oneLine),
        );
        const weights = p.choices.map((c) => c.weight ?? 0);
        assert.deepEqual(
          weights.map((w) => w > 0),
          q.options.map((_, k) => q.answerIndexes.includes(k)),
        );
        assert.ok(Math.abs(weights.filter((w) => w > 0).reduce((a, b) => a + b, 0) - 100) < 0.001);
      } else if (q.kind === 'true_false' && p.type === 'TF') {
        assert.equal(p.isTrue, q.answer);
      } else if (q.kind === 'matching' && p.type === 'Matching') {
        assert.deepEqual(
          p.matchPairs.map((m) => htmlText(m.subquestion.text)),
          q.pairs.map((x) => oneLine(x.definition)),
        );
        assert.deepEqual(
          p.matchPairs.map((m) => unescaped(m.subanswer)),
          q.pairs.map((x) => x.term),
        );
      } else if (q.kind === 'short_answer' && p.type === 'Short') {
        // gift-pegjs keeps the backslash of `\*`, as Moodle does: its short answers read `\*` as a star.
        assert.deepEqual(
          p.choices.map((c) => c.text.text),
          q.answers.map((a) => a.replaceAll('*', '\\*')),
        );
        assert.ok(p.choices.every((c) => c.isCorrect));
      } else if (q.kind === 'numerical' && p.type === 'Numerical') {
        const [choice] = p.choices as NumericalChoice[];
        assert.deepEqual(choice!.text, { type: 'range', number: q.answer, range: q.tolerance });
        assert.match(
          p.stem.text,
          new RegExp(`\\(in ${q.unit}\\)$`),
          'the unit GIFT cannot hold is in the stem',
        );
      } else assert.fail(`${q.kind} came back as ${p.type}`);
    }
  });

  test('categories: the course, its modules, and below each a difficulty and a Bloom level', () => {
    const categories = parsed.filter((p) => p.type === 'Category').map((p) => p.title);
    const course = '$course$/top/Input//Output & <Tags>: データベース入門';
    assert.deepEqual(categories, [
      `${course}/easy/remember`,
      `${course}/medium/remember`,
      `${course}/Module 1: Keys {and} values/easy/remember`,
      `${course}/Module 1: Keys {and} values/medium/understand`,
      `${course}/Module 3: Joins/easy/remember`,
      `${course}/Module 3: Joins/medium/remember`,
    ]);
    // Each question sits under the category of its own levels.
    let category = '';
    for (const p of parsed) {
      if (p.type === 'Category') category = p.title;
      else {
        const q = questions.find((e) => htmlText(p.stem.text).startsWith(oneLine(e.prompt)))!;
        assert.ok(category.endsWith(`/${q.difficulty}/${q.bloom}`), `${category} for ${q.kind}`);
      }
    }
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

  test('the assessment: one item per question but the ordering ones, Canvas metadata, scoring, feedback', () => {
    const href = Object.keys(files).find((f) => f !== 'imsmanifest.xml')!;
    const root = parseXml(files[href]!).questestinterop as Node;
    const assessment = root.assessment as Node;
    assert.equal(assessment['@title'], input.quiz!.quiz.title);
    const items = many((assessment.section as Node).item as Node[]);
    assert.equal(items.length, questions.filter((q) => q.kind !== 'ordering').length);
    const types = {
      multiple_choice: 'multiple_choice_question',
      true_false: 'true_false_question',
      multiple_answer: 'multiple_answers_question',
      matching: 'matching_question',
      short_answer: 'short_answer_question',
      numerical: 'numerical_question',
    } as const;
    for (const item of items) {
      const key = input.quiz!.questionKeys.find((k) => String(item['@ident']) === `i${k.replace(':', '_')}`)!;
      const q = questions[input.quiz!.questionKeys.indexOf(key)]!;
      if (q.kind === 'ordering') assert.fail('no ordering item');
      const meta = many(((item.itemmetadata as Node).qtimetadata as Node).qtimetadatafield as Node[]);
      const field = (label: string) => meta.find((f) => f.fieldlabel === label)?.fieldentry;
      assert.equal(field('question_type'), types[q.kind]);
      assert.equal(field('points_possible'), '1.0');
      assert.equal(field('profai_difficulty'), q.difficulty);
      assert.equal(field('profai_bloom'), q.bloom);
      const presentation = item.presentation as Node;
      const stem = htmlText(String(((presentation.material as Node).mattext as Node)['#text']));
      assert.ok(stem.startsWith(q.prompt), stem);
      const conditions = many((item.resprocessing as Node).respcondition as Node[]).filter((c) => c.setvar);
      const labelText = (l: Node) => String(((l.material as Node).mattext as Node)['#text']);
      const feedback = (((item.itemfeedback as Node).flow_mat as Node).material as Node).mattext as Node;
      assert.ok(htmlText(String(feedback['#text'])).includes(q.explanation));
      if (q.kind === 'multiple_choice' || q.kind === 'true_false') {
        const lid = presentation.response_lid as Node;
        assert.equal(lid['@rcardinality'], 'Single');
        const labels = many((lid.render_choice as Node).response_label as Node[]);
        assert.deepEqual(labels.map(labelText), q.kind === 'multiple_choice' ? q.options : ['True', 'False']);
        assert.equal((conditions[0]!.setvar as Node)['#text'], '100');
        const chosen = String(((conditions[0]!.conditionvar as Node).varequal as Node)['#text']);
        assert.equal(
          labelText(labels.find((l) => l['@ident'] === chosen)!),
          q.kind === 'multiple_choice' ? rightAnswer(q) : q.answer ? 'True' : 'False',
        );
      } else if (q.kind === 'multiple_answer') {
        const lid = presentation.response_lid as Node;
        assert.equal(lid['@rcardinality'], 'Multiple');
        const labels = many((lid.render_choice as Node).response_label as Node[]);
        assert.deepEqual(labels.map(labelText), q.options);
        const and = (conditions[0]!.conditionvar as Node).and as Node;
        const ticked = many(and.varequal as Node[]).map((v) => String(v['#text']));
        const unticked = many(and.not as Node[]).map((n) => String((n.varequal as Node)['#text']));
        const ids = labels.map((l) => String(l['@ident']));
        assert.deepEqual(
          ticked,
          q.answerIndexes.map((k) => ids[k]),
        );
        assert.equal(unticked.length, q.options.length - q.answerIndexes.length);
      } else if (q.kind === 'matching') {
        const lids = many(presentation.response_lid as Node[]);
        assert.deepEqual(
          lids.map((l) => htmlText(String(((l.material as Node).mattext as Node)['#text']))),
          q.pairs.map((p) => p.definition),
        );
        const terms = many((lids[0]!.render_choice as Node).response_label as Node[]);
        assert.deepEqual(
          terms.map(labelText),
          q.pairs.map((p) => p.term),
        );
        assert.equal(conditions.length, q.pairs.length, 'a share of the score per right match');
        conditions.forEach((c, k) => {
          const v = (c.conditionvar as Node).varequal as Node;
          assert.equal(v['@respident'], lids[k]!['@ident']);
          assert.equal(labelText(terms.find((t) => t['@ident'] === v['#text'])!), q.pairs[k]!.term);
        });
      } else if (q.kind === 'short_answer') {
        assert.equal(((presentation.response_str as Node).render_fib as Node)['@fibtype'], 'String');
        const accepted = many((conditions[0]!.conditionvar as Node).varequal as Node[]).map(
          (v) => v['#text'],
        );
        assert.deepEqual(accepted, q.answers);
      } else if (q.kind === 'numerical') {
        assert.equal(((presentation.response_str as Node).render_fib as Node)['@fibtype'], 'Decimal');
        const range = ((conditions[0]!.conditionvar as Node).or as Node).and as Node;
        assert.ok(Math.abs(Number((range.vargte as Node)['#text']) - (q.answer - q.tolerance)) < 1e-9);
        assert.ok(Math.abs(Number((range.varlte as Node)['#text']) - (q.answer + q.tolerance)) < 1e-9);
        assert.ok(stem.endsWith(`(in ${q.unit})`), 'the unit QTI cannot hold is in the stem');
      }
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
