/**
 * `moodle-xml`: Moodle's question-bank XML (Question bank › Import › Moodle XML format).
 *
 * One category per course (`$course$/top/<course>`) and a sub-category per module that has questions;
 * `multichoice` questions (single answer, shuffled, numbered a b c d) and `truefalse` questions, each with general
 * feedback (the explanation and its source page) and feedback per answer. Texts are HTML in CDATA sections;
 * every question's `idnumber` is its stable key, so a teacher can tell re-imported questions apart.
 */
import type { Question } from '../domain/course.ts';
import {
  answerText,
  cdata,
  escapeHtml,
  escapeXml,
  explanationWithSource,
  moodleCategory,
  questionName,
  questionsByModule,
} from './text.ts';
import type { ExportInput } from './types.ts';

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

function question(q: Question, n: number, key: string, fileName: string): string {
  const head = [
    `  <question type="${q.kind === 'multiple_choice' ? 'multichoice' : 'truefalse'}">`,
    `    <name><text>${escapeXml(questionName(n, q))}</text></name>`,
    `    <questiontext format="html">${html(q.prompt)}</questiontext>`,
    `    <generalfeedback format="html">${html(explanationWithSource(q, fileName))}</generalfeedback>`,
    '    <defaultgrade>1.0000000</defaultgrade>',
    `    <penalty>${q.kind === 'multiple_choice' ? MULTICHOICE_PENALTY : '1.0000000'}</penalty>`,
    '    <hidden>0</hidden>',
    `    <idnumber>${escapeXml(key)}</idnumber>`,
  ];
  const wrong = `Not quite: the answer is ${answerText(q)}. See page ${q.sourcePage}.`;
  const right = `Correct. See page ${q.sourcePage}.`;
  const answer = (fraction: number, text: string, feedback: string, format = 'html') =>
    [
      `    <answer fraction="${fraction}" format="${format}">`,
      format === 'html' ? `      ${html(text)}` : `      <text>${escapeXml(text)}</text>`,
      `      <feedback format="html">${html(feedback)}</feedback>`,
      '    </answer>',
    ].join('\n');
  if (q.kind === 'true_false') {
    // Moodle reads the answers of a truefalse question by their text, `true` and `false`, in the moodle format.
    return [
      ...head,
      answer(q.answer ? 100 : 0, 'true', q.answer ? right : wrong, 'moodle_auto_format'),
      answer(q.answer ? 0 : 100, 'false', q.answer ? wrong : right, 'moodle_auto_format'),
      '  </question>',
    ].join('\n');
  }
  return [
    ...head,
    '    <single>true</single>',
    '    <shuffleanswers>true</shuffleanswers>',
    '    <answernumbering>abc</answernumbering>',
    '    <showstandardinstruction>0</showstandardinstruction>',
    `    <correctfeedback format="html">${html('Your answer is correct.')}</correctfeedback>`,
    `    <partiallycorrectfeedback format="html">${html('Your answer is partially correct.')}</partiallycorrectfeedback>`,
    `    <incorrectfeedback format="html">${html('Your answer is incorrect.')}</incorrectfeedback>`,
    ...q.options.map((o, k) => answer(k === q.answerIndex ? 100 : 0, o, k === q.answerIndex ? right : wrong)),
    '  </question>',
  ].join('\n');
}
