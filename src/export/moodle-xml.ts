/**
 * `moodle-xml`: Moodle's question-bank XML (Question bank › Import › Moodle XML format).
 *
 * One category per course (`$course$/top/<course>`) and a sub-category per module that has questions. Every
 * kind has its Moodle question type: `multichoice` (one answer, or several: `single` false, each right option
 * worth its share and each wrong one taking a share away), `truefalse`, `matching` (definitions as
 * sub-questions, terms to pick), `shortanswer` (each accepted answer worth 100%, case ignored), `numerical`
 * (with its tolerance and unit) and `ordering` (the question type of that name, standard in recent Moodle
 * releases and a plugin in older ones). Each has general feedback (the explanation and its source page),
 * feedback per answer where the type has it, and tags of its levels (`difficulty_medium`, `bloom_understand`).
 * Texts are HTML in CDATA sections; every question's `idnumber` is its stable key, so a teacher can tell
 * re-imported questions apart.
 */
import type { Question } from '../domain/course.ts';
import type { QuestionOf } from '../domain/questions.ts';
import {
  answerText,
  cdata,
  escapeHtml,
  escapeXml,
  explanationWithSource,
  type Lacks,
  moodleCategory,
  numberText,
  questionName,
  questionsByModule,
} from './text.ts';
import type { ExportInput } from './types.ts';

/** Moodle XML has every kind. */
export const MOODLE_LACKS: Lacks = { format: 'Moodle XML', kinds: [] };

/** Moodle's default penalty for a wrong try of a multiple-choice question with four options. */
const MULTICHOICE_PENALTY = '0.3333333';

export function exportMoodleXml(input: ExportInput): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  for (const group of questionsByModule(input)) {
    out.push(category(moodleCategory(input, group.moduleIndex)));
    for (const { q, n, key } of group.items) out.push(question(q, n, key, input.fileName));
  }
  out.push('</quiz>', '');
  return out.join('\n');
}

function category(path: string): string {
  return [
    '  <question type="category">',
    `    <category><text>${escapeXml(path)}</text></category>`,
    '    <info format="html"><text></text></info>',
    '  </question>',
  ].join('\n');
}

const html = (text: string) => `<text>${cdata(`<p>${escapeHtml(text)}</p>`)}</text>`;

/** A share of 100 as Moodle writes grades (`33.33333`, `50`). */
const share = (n: number) => String(Number((100 / n).toFixed(5)));

const TYPES: Record<Question['kind'], string> = {
  multiple_choice: 'multichoice',
  multiple_answer: 'multichoice',
  true_false: 'truefalse',
  matching: 'matching',
  short_answer: 'shortanswer',
  numerical: 'numerical',
  ordering: 'ordering',
};

interface Feedback {
  right: string;
  wrong: string;
}

const answer = (fraction: string | number, text: string, feedback: string | null, format = 'html') =>
  [
    `    <answer fraction="${fraction}" format="${format}">`,
    format === 'html' ? `      ${html(text)}` : `      <text>${escapeXml(text)}</text>`,
    ...(feedback === null ? [] : [`      <feedback format="html">${html(feedback)}</feedback>`]),
    '    </answer>',
  ].join('\n');

/** Right, partly right and wrong feedback of the types that grade several parts. */
const combinedFeedback = () => [
  `    <correctfeedback format="html">${html('Your answer is correct.')}</correctfeedback>`,
  `    <partiallycorrectfeedback format="html">${html('Your answer is partially correct.')}</partiallycorrectfeedback>`,
  `    <incorrectfeedback format="html">${html('Your answer is incorrect.')}</incorrectfeedback>`,
];

function question(q: Question, n: number, key: string, fileName: string): string {
  const head = [
    `  <question type="${TYPES[q.kind]}">`,
    `    <name><text>${escapeXml(questionName(n, q))}</text></name>`,
    `    <questiontext format="html">${html(q.prompt)}</questiontext>`,
    `    <generalfeedback format="html">${html(explanationWithSource(q, fileName))}</generalfeedback>`,
    '    <defaultgrade>1.0000000</defaultgrade>',
    `    <penalty>${q.kind === 'true_false' ? '1.0000000' : MULTICHOICE_PENALTY}</penalty>`,
    '    <hidden>0</hidden>',
    `    <idnumber>${escapeXml(key)}</idnumber>`,
  ];
  const feedback: Feedback = {
    wrong: `Not quite: the answer is ${answerText(q)}. See page ${q.sourcePage}.`,
    right: `Correct. See page ${q.sourcePage}.`,
  };
  const tags = [
    '    <tags>',
    `      <tag><text>difficulty_${q.difficulty}</text></tag>`,
    `      <tag><text>bloom_${q.bloom}</text></tag>`,
    '    </tags>',
  ];
  return [...head, ...body(q, feedback), ...tags, '  </question>'].join('\n');
}

function body(q: Question, f: Feedback): string[] {
  switch (q.kind) {
    case 'true_false':
      // Moodle reads the answers of a truefalse question by their text, `true` and `false`, in the moodle format.
      return [
        answer(q.answer ? 100 : 0, 'true', q.answer ? f.right : f.wrong, 'moodle_auto_format'),
        answer(q.answer ? 0 : 100, 'false', q.answer ? f.wrong : f.right, 'moodle_auto_format'),
      ];
    case 'multiple_choice':
      return [
        ...choiceHead(true),
        ...q.options.map((o, k) =>
          answer(k === q.answerIndex ? 100 : 0, o, k === q.answerIndex ? f.right : f.wrong),
        ),
      ];
    case 'multiple_answer':
      return multipleAnswer(q);
    case 'matching':
      return matching(q);
    case 'short_answer':
      return [
        '    <usecase>0</usecase>',
        // `*` is Moodle's wildcard in a short answer: a star of the text is matched as itself.
        ...q.answers.map((a) => answer(100, a.replaceAll('*', '\\*'), f.right, 'moodle_auto_format')),
      ];
    case 'numerical':
      return numerical(q, f);
    case 'ordering':
      return ordering(q);
  }
}

const choiceHead = (single: boolean) => [
  `    <single>${single}</single>`,
  '    <shuffleanswers>true</shuffleanswers>',
  '    <answernumbering>abc</answernumbering>',
  '    <showstandardinstruction>0</showstandardinstruction>',
  ...combinedFeedback(),
  ...(single ? [] : ['    <shownumcorrect/>']),
];

/**
 * Select all that apply: each right option is worth an equal share of the mark, and each wrong one takes the same
 * share away (Moodle adds them up and never goes below zero), so ticking every option scores nothing.
 */
function multipleAnswer(q: QuestionOf<'multiple_answer'>): string[] {
  const right = new Set(q.answerIndexes);
  const part = share(right.size);
  return [
    ...choiceHead(false),
    ...q.options.map((o, k) =>
      right.has(k)
        ? answer(part, o, 'Right: the text says so.')
        : answer(`-${part}`, o, 'Not so: the text does not say this.'),
    ),
  ];
}

/** Each definition is a sub-question whose answer is its term, picked from a list of all the terms. */
function matching(q: QuestionOf<'matching'>): string[] {
  return [
    '    <shuffleanswers>true</shuffleanswers>',
    ...combinedFeedback(),
    '    <shownumcorrect/>',
    ...q.pairs.map((p) =>
      [
        '    <subquestion format="html">',
        `      ${html(p.definition)}`,
        `      <answer><text>${escapeXml(p.term)}</text></answer>`,
        '    </subquestion>',
      ].join('\n'),
    ),
  ];
}

function numerical(q: QuestionOf<'numerical'>, f: Feedback): string[] {
  return [
    [
      '    <answer fraction="100" format="moodle_auto_format">',
      `      <text>${numberText(q.answer)}</text>`,
      `      <feedback format="html">${html(f.right)}</feedback>`,
      `      <tolerance>${numberText(q.tolerance)}</tolerance>`,
      '    </answer>',
    ].join('\n'),
    ...(q.unit
      ? [
          '    <units>',
          `      <unit><multiplier>1</multiplier><unit_name>${escapeXml(q.unit)}</unit_name></unit>`,
          '    </units>',
        ]
      : []),
    // The unit, when there is one, may be typed after the number and is not graded.
    '    <unitgradingtype>0</unitgradingtype>',
    '    <unitpenalty>0.1000000</unitpenalty>',
    `    <showunits>${q.unit ? 0 : 3}</showunits>`,
    '    <unitsleft>0</unitsleft>',
  ];
}

/** The items in their right order (Moodle shows them shuffled); a mark for each item in its right place. */
function ordering(q: QuestionOf<'ordering'>): string[] {
  return [
    '    <layouttype>VERTICAL</layouttype>',
    '    <selecttype>ALL</selecttype>',
    `    <selectcount>${q.items.length}</selectcount>`,
    '    <gradingtype>ABSOLUTE_POSITION</gradingtype>',
    '    <showgrading>SHOW</showgrading>',
    '    <numberingstyle>123</numberingstyle>',
    ...combinedFeedback(),
    '    <shownumcorrect/>',
    ...q.items.map((item, k) => answer(k + 1, item, null)),
  ];
}
