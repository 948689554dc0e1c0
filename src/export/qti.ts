/**
 * `qti`: an IMS QTI 1.2 package, the format Canvas imports (Settings › Import course content › QTI .zip file,
 * as a classic quiz or into New Quizzes) and Blackboard reads too.
 *
 * The zip holds `imsmanifest.xml` (one `imsqti_xmlv1p2` resource) and `<quiz ident>/<quiz ident>.xml`, a
 * `questestinterop` with one assessment whose items carry Canvas's `question_type` and `points_possible`
 * metadata: `multiple_choice_question` (four choices, shuffled) and `true_false_question`, scored 100 for the
 * right choice, the explanation and source page as general feedback. Item idents are the questions' stable keys.
 */
import { strToU8, zipSync } from 'fflate';
import type { Question } from '../domain/course.ts';
import {
  escapeHtml,
  escapeXml,
  explanationWithSource,
  moduleLabel,
  questionName,
  questionsByModule,
} from './text.ts';
import type { ExportInput } from './types.ts';

/** QTI idents are XML names: letters, digits, `_`, `-`, `.`, starting with a letter. */
export function qtiIdent(prefix: string, key: string): string {
  return `${prefix}${key.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/** The package's files by path (the zip's entries), for callers and tests that want them unzipped. */
export function qtiFiles(input: ExportInput): Record<string, string> {
  const assessmentId = qtiIdent('a', input.quiz?.id ?? input.courseId);
  const href = `${assessmentId}/${assessmentId}.xml`;
  return { 'imsmanifest.xml': manifest(input, assessmentId, href), [href]: assessment(input, assessmentId) };
}

export function exportQti(input: ExportInput): Uint8Array {
  const files = qtiFiles(input);
  // A fixed date: the same course and quiz give the same bytes.
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

function assessment(input: ExportInput, assessmentId: string): string {
  const items = questionsByModule(input).flatMap((group) =>
    group.items.map(({ q, n, key }) =>
      item(
        q,
        n,
        key,
        input.fileName,
        group.moduleIndex === undefined ? undefined : moduleLabel(input, group.moduleIndex),
      ),
    ),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
    `  <assessment ident="${assessmentId}" title="${escapeXml(quizTitle(input))}">`,
    `    <qtimetadata>${field('cc_maxattempts', '1')}</qtimetadata>`,
    `    <section ident="root_section"${langAttribute(input.course.language)}>`,
    ...items,
    '    </section>',
    '  </assessment>',
    '</questestinterop>',
    '',
  ].join('\n');
}

function item(q: Question, n: number, key: string, fileName: string, module: string | undefined): string {
  const ident = qtiIdent('i', key);
  const choices =
    q.kind === 'multiple_choice'
      ? q.options.map((text, k) => ({ id: `${ident}_${k + 1}`, text, right: k === q.answerIndex }))
      : [
          { id: `${ident}_true`, text: 'True', right: q.answer },
          { id: `${ident}_false`, text: 'False', right: !q.answer },
        ];
  const right = choices.find((c) => c.right)!;
  const type = q.kind === 'multiple_choice' ? 'multiple_choice_question' : 'true_false_question';
  return [
    `      <item ident="${ident}" title="${escapeXml(questionName(n, q))}">`,
    '        <itemmetadata><qtimetadata>',
    `          ${field('question_type', type)}`,
    `          ${field('points_possible', '1.0')}`,
    `          ${field('original_answer_ids', choices.map((c) => c.id).join(','))}`,
    ...(module ? [`          ${field('profai_module', module)}`] : []),
    '        </qtimetadata></itemmetadata>',
    '        <presentation>',
    `          ${mattext(q.prompt)}`,
    `          <response_lid ident="response1" rcardinality="Single">`,
    `            <render_choice shuffle="${q.kind === 'multiple_choice' ? 'Yes' : 'No'}">`,
    ...choices.map(
      (c) =>
        `              <response_label ident="${c.id}"><material><mattext texttype="text/plain">${escapeXml(c.text)}</mattext></material></response_label>`,
    ),
    '            </render_choice>',
    '          </response_lid>',
    '        </presentation>',
    '        <resprocessing>',
    '          <outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>',
    '          <respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>',
    '          <respcondition continue="No">',
    `            <conditionvar><varequal respident="response1">${right.id}</varequal></conditionvar>`,
    '            <setvar action="Set" varname="SCORE">100</setvar>',
    '          </respcondition>',
    '        </resprocessing>',
    '        <itemfeedback ident="general_fb"><flow_mat>',
    `          ${mattext(explanationWithSource(q, fileName))}`,
    '        </flow_mat></itemfeedback>',
    '      </item>',
  ].join('\n');
}

/** The course's language as QTI 1.2 carries it (on the section that holds the items); none when unknown. */
const langAttribute = (language: string | undefined) =>
  language && language !== 'und' ? ` xml:lang="${language}"` : '';
