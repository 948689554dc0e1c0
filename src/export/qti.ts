/**
 * `qti`: an IMS QTI 1.2 package, the format Canvas imports (Settings › Import course content › QTI .zip file,
 * as a classic quiz or into New Quizzes) and Blackboard reads too.
 *
 * The zip holds `imsmanifest.xml` (one `imsqti_xmlv1p2` resource) and `<quiz ident>/<quiz ident>.xml`, a
 * `questestinterop` with one assessment whose items carry Canvas's `question_type` and `points_possible`
 * metadata, one `question_type` per kind: `multiple_choice_question` (four choices, shuffled),
 * `true_false_question`, `multiple_answers_question` (right when exactly the right choices are ticked),
 * `matching_question` (a drop-down of terms per definition, a share of the score each), `short_answer_question`
 * (any accepted answer) and `numerical_question` (the value, or anything within its tolerance); Canvas's QTI has
 * no ordering question, so those are left out and the export says so. The explanation and source page are the
 * general feedback; the question's levels are metadata fields (`profai_difficulty`, `profai_bloom`). Item idents
 * are the questions' stable keys.
 */
import { strToU8, zipSync } from 'fflate';
import type { Question } from '../domain/course.ts';
import {
  escapeHtml,
  escapeXml,
  explanationWithSource,
  kindsOf,
  type Lacks,
  moduleLabel,
  numberText,
  questionName,
  questionsByModule,
} from './text.ts';
import type { ExportInput } from './types.ts';

export const QTI_LACKS: Lacks = { format: "Canvas's QTI 1.2", kinds: ['ordering'] };

/**
 * Common Cartridge's profile of QTI 1.2.1 has multiple choice (one or several answers), true/false and fill in
 * the blank (a short answer): no matching (no drop-downs), no numerical range (no `vargte`/`varlte`), no
 * ordering.
 */
export const CC_QTI_LACKS: Lacks = {
  format: "Common Cartridge's QTI",
  kinds: ['matching', 'numerical', 'ordering'],
};

/** Which QTI an assessment is written for: Canvas's (`qti`) or Common Cartridge's profile (`cc`). */
export type QtiProfile = 'canvas' | 'cc';

const LACKS: Record<QtiProfile, Lacks> = { canvas: QTI_LACKS, cc: CC_QTI_LACKS };

/** The `cc_profile` of each kind Common Cartridge's QTI has. */
const CC_PROFILES: Partial<Record<Question['kind'], string>> = {
  multiple_choice: 'cc.multiple_choice.v0p1',
  true_false: 'cc.true_false.v0p1',
  multiple_answer: 'cc.multiple_response.v0p1',
  short_answer: 'cc.fib.v0p1',
};

/** QTI idents are XML names: letters, digits, `_`, `-`, `.`, starting with a letter. */
export function qtiIdent(prefix: string, key: string): string {
  return `${prefix}${key.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** The package's files by path (the zip's entries), for callers and tests that want them unzipped. */
export function qtiFiles(input: ExportInput): Record<string, string> {
  const assessmentId = qtiIdent('a', input.quiz?.id ?? input.courseId);
  const href = `${assessmentId}/${assessmentId}.xml`;
  return {
    'imsmanifest.xml': manifest(input, assessmentId, href),
    [href]: assessmentXml(input, assessmentId, 'canvas'),
  };
}

export function exportQti(input: ExportInput): Uint8Array {
  return zipFiles(qtiFiles(input));
}

/** A zip of text files; a fixed date, so the same course and quiz give the same bytes. */
export function zipFiles(files: Record<string, string>): Uint8Array {
  const mtime = new Date('2000-01-01T00:00:00Z');
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([path, text]) => [path, [strToU8(text), { mtime }]])),
    { level: 6 },
  );
}

function manifest(input: ExportInput, assessmentId: string, href: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${qtiIdent('m', input.courseId)}" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd http://www.imsglobal.org/xsd/imsmd_v1p2 http://www.imsglobal.org/xsd/imsmd_v1p2p2.xsd">`,
    '  <metadata>',
    '    <schema>IMS Content</schema>',
    '    <schemaversion>1.1.3</schemaversion>',
    '    <imsmd:lom><imsmd:general><imsmd:title>',
    `      <imsmd:string>${escapeXml(quizTitle(input))}</imsmd:string>`,
    '    </imsmd:title></imsmd:general></imsmd:lom>',
    '  </metadata>',
    '  <organizations/>',
    '  <resources>',
    `    <resource identifier="${assessmentId}" type="imsqti_xmlv1p2" href="${href}">`,
    `      <file href="${href}"/>`,
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}

const quizTitle = (input: ExportInput) => input.quiz?.quiz.title ?? input.course.title;

const field = (label: string, entry: string) =>
  `<qtimetadatafield><fieldlabel>${label}</fieldlabel><fieldentry>${escapeXml(entry)}</fieldentry></qtimetadatafield>`;

/** HTML content of a `mattext`, escaped once more as XML text. */
const mattext = (text: string) =>
  `<material><mattext texttype="text/html">${escapeXml(`<p>${escapeHtml(text)}</p>`)}</mattext></material>`;

const SCHEMA_LOCATIONS: Record<QtiProfile, string> = {
  canvas: 'http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd',
  cc: 'http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd',
};

/** A cartridge's assessment carries the metadata Common Cartridge requires of one. */
const ASSESSMENT_METADATA: Record<QtiProfile, [string, string][]> = {
  canvas: [['cc_maxattempts', '1']],
  cc: [
    ['cc_profile', 'cc.exam.v0p1'],
    ['qmd_assessmenttype', 'Examination'],
    ['qmd_scoretype', 'Percentage'],
    ['qmd_feedbackpermitted', 'Yes'],
    ['qmd_hintspermitted', 'No'],
    ['qmd_solutionspermitted', 'Yes'],
    ['cc_maxattempts', 'unlimited'],
  ],
};

/** The `questestinterop` document of the quiz: one assessment, one section, an item per question it can hold. */
export function assessmentXml(input: ExportInput, assessmentId: string, profile: QtiProfile): string {
  const items = questionsByModule(input, kindsOf(LACKS[profile])).flatMap((group) =>
    group.items.map(({ q, n, key }) =>
      item(
        q,
        n,
        key,
        input.fileName,
        group.moduleIndex === undefined ? undefined : moduleLabel(input, group.moduleIndex),
        profile,
      ),
    ),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 ${SCHEMA_LOCATIONS[profile]}">`,
    `  <assessment ident="${assessmentId}" title="${escapeXml(quizTitle(input))}">`,
    `    <qtimetadata>${ASSESSMENT_METADATA[profile].map(([l, e]) => field(l, e)).join('')}</qtimetadata>`,
    // Common Cartridge's profile of QTI has no language on a section.
    `    <section ident="root_section"${profile === 'canvas' ? langAttribute(input.course.language) : ''}>`,
    ...items,
    '    </section>',
    '  </assessment>',
    '</questestinterop>',
    '',
  ].join('\n');
}

/** A response choice: its ident, text and whether it is right. */
interface Choice {
  id: string;
  text: string;
  right: boolean;
}

const label = (c: Choice) =>
  `              <response_label ident="${c.id}"><material><mattext texttype="text/plain">${escapeXml(c.text)}</mattext></material></response_label>`;

/** `<response_lid>` with its choices (`Single` or `Multiple`). */
const lid = (
  ident: string,
  cardinality: 'Single' | 'Multiple',
  shuffle: boolean,
  choices: Choice[],
  material = '',
) =>
  [
    `          <response_lid ident="${ident}" rcardinality="${cardinality}">`,
    ...(material ? [`            ${material}`] : []),
    `            <render_choice shuffle="${shuffle ? 'Yes' : 'No'}">`,
    ...choices.map(label),
    '            </render_choice>',
    '          </response_lid>',
  ].join('\n');

/** A typed answer box: text (`String`) or a number (`Decimal`). */
const fib = (fibtype: 'String' | 'Decimal') =>
  [
    '          <response_str ident="response1" rcardinality="Single">',
    `            <render_fib fibtype="${fibtype}"><response_label ident="answer1" rshuffle="No"/></render_fib>`,
    '          </response_str>',
  ].join('\n');

const scored = (condition: string, score = '100', action = 'Set', cont = 'No') =>
  [
    `          <respcondition continue="${cont}">`,
    `            <conditionvar>${condition}</conditionvar>`,
    `            <setvar action="${action}" varname="SCORE">${score}</setvar>`,
    '          </respcondition>',
  ].join('\n');

const equal = (respident: string, value: string) =>
  `<varequal respident="${respident}">${escapeXml(value)}</varequal>`;

/** Canvas's `question_type`, the presentation and the scoring of each kind QTI 1.2 has. */
function parts(
  q: Question,
  ident: string,
): { type: string; answerIds: string[]; presentation: string; scoring: string[] } {
  switch (q.kind) {
    case 'multiple_choice':
    case 'true_false': {
      const choices =
        q.kind === 'multiple_choice'
          ? q.options.map((text, k) => ({ id: `${ident}_${k + 1}`, text, right: k === q.answerIndex }))
          : [
              { id: `${ident}_true`, text: 'True', right: q.answer },
              { id: `${ident}_false`, text: 'False', right: !q.answer },
            ];
      return {
        type: q.kind === 'multiple_choice' ? 'multiple_choice_question' : 'true_false_question',
        answerIds: choices.map((c) => c.id),
        presentation: lid('response1', 'Single', q.kind === 'multiple_choice', choices),
        scoring: [scored(equal('response1', choices.find((c) => c.right)!.id))],
      };
    }
    case 'multiple_answer': {
      const choices = q.options.map((text, k) => ({
        id: `${ident}_${k + 1}`,
        text,
        right: q.answerIndexes.includes(k),
      }));
      // Right when exactly the right options are ticked (Canvas scores partial answers itself).
      const all = choices
        .map((c) => (c.right ? equal('response1', c.id) : `<not>${equal('response1', c.id)}</not>`))
        .join('');
      return {
        type: 'multiple_answers_question',
        answerIds: choices.map((c) => c.id),
        presentation: lid('response1', 'Multiple', true, choices),
        scoring: [scored(`<and>${all}</and>`)],
      };
    }
    case 'matching': {
      // One drop-down per definition, each offering every term; a share of the score per right match.
      const terms = q.pairs.map((p, k) => ({ id: `${ident}_t${k + 1}`, text: p.term, right: false }));
      const share = (100 / q.pairs.length).toFixed(2);
      return {
        type: 'matching_question',
        answerIds: q.pairs.map((_, k) => `${ident}_d${k + 1}`),
        presentation: q.pairs
          .map((p, k) => lid(`response_${ident}_d${k + 1}`, 'Single', true, terms, mattext(p.definition)))
          .join('\n'),
        scoring: q.pairs.map((_, k) =>
          scored(equal(`response_${ident}_d${k + 1}`, terms[k]!.id), share, 'Add', 'Yes'),
        ),
      };
    }
    case 'short_answer':
      return {
        type: 'short_answer_question',
        answerIds: q.answers.map((_, k) => `${ident}_a${k + 1}`),
        presentation: fib('String'),
        scoring: [scored(q.answers.map((a) => equal('response1', a)).join(''))],
      };
    case 'numerical': {
      const low = numberText(q.answer - q.tolerance);
      const high = numberText(q.answer + q.tolerance);
      return {
        type: 'numerical_question',
        answerIds: [`${ident}_n1`],
        presentation: fib('Decimal'),
        scoring: [
          scored(
            `<or>${equal('response1', numberText(q.answer))}<and><vargte respident="response1">${low}</vargte><varlte respident="response1">${high}</varlte></and></or>`,
          ),
        ],
      };
    }
    case 'ordering':
      throw new Error('QTI 1.2 for Canvas has no ordering question');
  }
}

function item(
  q: Question,
  n: number,
  key: string,
  fileName: string,
  module: string | undefined,
  profile: QtiProfile,
): string {
  const ident = qtiIdent('i', key);
  const { type, answerIds, presentation, scoring } = parts(q, ident);
  // Canvas reads its own fields and keeps others; Common Cartridge allows only its own item metadata.
  const metadata: [string, string][] =
    profile === 'cc'
      ? [
          ['cc_profile', CC_PROFILES[q.kind]!],
          ['qmd_computerscored', 'Yes'],
        ]
      : [
          ['question_type', type],
          ['points_possible', '1.0'],
          ['original_answer_ids', answerIds.join(',')],
          ...(module ? [['profai_module', module] as [string, string]] : []),
          ['profai_difficulty', q.difficulty],
          ['profai_bloom', q.bloom],
        ];
  return [
    `      <item ident="${ident}" title="${escapeXml(questionName(n, q))}">`,
    '        <itemmetadata><qtimetadata>',
    ...metadata.map(([l, e]) => `          ${field(l, e)}`),
    '        </qtimetadata></itemmetadata>',
    '        <presentation>',
    `          ${mattext(stem(q))}`,
    presentation,
    '        </presentation>',
    '        <resprocessing>',
    '          <outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>',
    '          <respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>',
    ...scoring,
    '        </resprocessing>',
    '        <itemfeedback ident="general_fb"><flow_mat>',
    `          ${mattext(explanationWithSource(q, fileName))}`,
    '        </flow_mat></itemfeedback>',
    '      </item>',
  ].join('\n');
}

/** The stem; a numerical question's unit in brackets when the stem does not name it (QTI 1.2 has no unit). */
function stem(q: Question): string {
  if (q.kind !== 'numerical' || !q.unit || q.prompt.toLowerCase().includes(q.unit.toLowerCase()))
    return q.prompt;
  return `${q.prompt} (in ${q.unit})`;
}

/** The course's language as QTI 1.2 carries it (on the section that holds the items); none when unknown. */
const langAttribute = (language: string | undefined) =>
  language && language !== 'und' ? ` xml:lang="${language}"` : '';
