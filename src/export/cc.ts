/**
 * `cc`: the whole course as an IMS Common Cartridge 1.1 (`.imscc`, a zip), which Canvas (Settings › Import course
 * content › Common Cartridge 1.x package) and Moodle (Restore, or Import of an IMS Common Cartridge) both read.
 *
 * - `imsmanifest.xml`: the course's title, description and key terms as its metadata (LOM); one organisation
 *   whose items are the modules, each holding its overview page and its lessons; the quiz as the last item (in
 *   its module, for a module's quiz).
 * - `wiki_content/*.html`: one web page per lesson (its summary sentences with the pages they cite, its key
 *   terms and the module's objectives), one per module (objectives, key terms, glossary with pages) and one for
 *   the course (description, key terms, source). Canvas makes pages of the HTML files under `wiki_content/`.
 * - `assessment/<quiz>.xml`: the quiz in Common Cartridge's profile of QTI 1.2.1 (multiple choice with one or
 *   several answers, true/false, short answer); its matching, numerical and ordering questions have no place
 *   there and are left out, which the export says.
 */
import type { Course, Lesson, Module } from '../domain/course.ts';
import { assessmentXml, CC_QTI_LACKS, qtiIdent, zipFiles } from './qti.ts';
import { citedPages, escapeXml, escapeHtml as h, type Lacks, pageRange } from './text.ts';
import type { ExportInput } from './types.ts';

export const CC_LACKS: Lacks = CC_QTI_LACKS;

const NS = {
  cp: 'http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1',
  lomm: 'http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest',
  lomr: 'http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource',
};
const SCHEMA_LOCATION = [
  `${NS.cp} http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd`,
  `${NS.lomm} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lommanifest_v1p0.xsd`,
  `${NS.lomr} http://www.imsglobal.org/profile/cc/ccv1p1/LOM/ccv1p1_lomresource_v1p0.xsd`,
].join(' ');

/** A web page of the cartridge: where it is, its identifier, its title. */
interface Page {
  id: string;
  href: string;
  title: string;
  html: string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The cartridge's files by path (the zip's entries), for callers and tests that want them unzipped. */
export function ccFiles(input: ExportInput): Record<string, string> {
  const { course } = input;
  const overview: Page = {
    id: 'r_course',
    href: 'wiki_content/course-overview.html',
    title: 'About this course',
    html: coursePage(input),
  };
  const modules = course.modules.map((m, i) => ({
    module: m,
    index: i,
    overview: {
      id: `r_m${two(i + 1)}`,
      href: `wiki_content/module-${two(i + 1)}.html`,
      title: `Module ${i + 1}: ${m.title}`,
      html: modulePage(course, m, i),
    } satisfies Page,
    lessons: m.lessons.map(
      (l, j): Page => ({
        id: `r_m${two(i + 1)}_l${two(j + 1)}`,
        href: `wiki_content/module-${two(i + 1)}-lesson-${two(j + 1)}.html`,
        title: `Lesson ${i + 1}.${j + 1}: ${l.title}`,
        html: lessonPage(course, m, i, l, j),
      }),
    ),
  }));
  const quiz = input.quiz;
  const assessment = quiz
    ? {
        id: qtiIdent('r_', quiz.id),
        href: `assessment/${qtiIdent('a', quiz.id)}.xml`,
        title: quiz.quiz.title,
      }
    : null;
  const pages = [overview, ...modules.flatMap((m) => [m.overview, ...m.lessons])];
  const files: Record<string, string> = {};
  files['imsmanifest.xml'] = manifest(input, overview, modules, assessment);
  for (const p of pages) files[p.href] = p.html;
  if (quiz && assessment) files[assessment.href] = assessmentXml(input, qtiIdent('a', quiz.id), 'cc');
  return files;
}

export function exportCc(input: ExportInput): Uint8Array {
  return zipFiles(ccFiles(input));
}

type ModulePages = { module: Module; index: number; overview: Page; lessons: Page[] };

function manifest(
  input: ExportInput,
  overview: Page,
  modules: ModulePages[],
  assessment: { id: string; href: string; title: string } | null,
): string {
  const { course } = input;
  const quizModule = input.quiz?.quiz.moduleIndex;
  const item = (id: string, page: { id: string; title: string }, indent: string) =>
    `${indent}<item identifier="${id}" identifierref="${page.id}"><title>${escapeXml(page.title)}</title></item>`;
  const quizItem = (indent: string) => (assessment ? [item('i_quiz', assessment, indent)] : []);
  const organisation = [
    '      <item identifier="i_root">',
    item('i_course', overview, '        '),
    ...modules.flatMap((m) => [
      `        <item identifier="i_m${two(m.index + 1)}">`,
      `          <title>${escapeXml(m.overview.title)}</title>`,
      item(
        `i_m${two(m.index + 1)}_overview`,
        { ...m.overview, title: 'Overview and objectives' },
        '          ',
      ),
      ...m.lessons.map((l) => item(`i${l.id.slice(1)}`, l, '          ')),
      ...(quizModule === m.index ? quizItem('          ') : []),
      '        </item>',
    ]),
    ...(quizModule === undefined || !modules[quizModule] ? quizItem('        ') : []),
    '      </item>',
  ];
  const pages = [overview, ...modules.flatMap((m) => [m.overview, ...m.lessons])];
  const keywords = course.keyTerms.slice(0, 30);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${qtiIdent('m', input.courseId)}" xmlns="${NS.cp}" xmlns:lomimscc="${NS.lomm}" xmlns:lom="${NS.lomr}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${SCHEMA_LOCATION}">`,
    '  <metadata>',
    '    <schema>IMS Common Cartridge</schema>',
    '    <schemaversion>1.1.0</schemaversion>',
    '    <lomimscc:lom>',
    '      <lomimscc:general>',
    `        <lomimscc:title><lomimscc:string>${escapeXml(course.title)}</lomimscc:string></lomimscc:title>`,
    `        <lomimscc:description><lomimscc:string>${escapeXml(course.description)}</lomimscc:string></lomimscc:description>`,
    ...keywords.map(
      (k) =>
        `        <lomimscc:keyword><lomimscc:string>${escapeXml(k)}</lomimscc:string></lomimscc:keyword>`,
    ),
    '      </lomimscc:general>',
    '    </lomimscc:lom>',
    '  </metadata>',
    '  <organizations>',
    '    <organization identifier="o_course" structure="rooted-hierarchy">',
    ...organisation,
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    ...pages.map(
      (p) =>
        `    <resource identifier="${p.id}" type="webcontent" href="${p.href}"><file href="${p.href}"/></resource>`,
    ),
    ...(assessment
      ? [
          `    <resource identifier="${assessment.id}" type="imsqti_xmlv1p2/imscc_xmlv1p1/assessment"><file href="${assessment.href}"/></resource>`,
        ]
      : []),
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}

/** A self-contained page (no script, no file to fetch). */
function page(title: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${h(title)}</title>`,
    '</head>',
    '<body>',
    `<h2>${h(title)}</h2>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const list = (items: readonly string[]) =>
  items.length ? [`<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`] : [];

function coursePage(input: ExportInput): string {
  const { course } = input;
  return page('About this course', [
    `<p>${h(course.description)}</p>`,
    `<p><em>Source: ${h(input.fileName)} · ${course.modules.length} module${course.modules.length === 1 ? '' : 's'} · about ${Math.round(course.readingMinutes)} minutes of reading</em></p>`,
    ...(course.keyTerms.length ? ['<h3>Key terms</h3>', ...list(course.keyTerms.map(h))] : []),
  ]);
}

function modulePage(course: Course, m: Module, i: number): string {
  return page(`Module ${i + 1}: ${m.title}`, [
    `<p><em>Pages ${pageRange(m.pageStart, m.pageEnd)} · about ${Math.max(1, Math.round(m.readingMinutes))} min · ${m.lessons.length} lesson${m.lessons.length === 1 ? '' : 's'}</em></p>`,
    '<h3>Learning objectives</h3>',
    ...list(m.objectives.map(h)),
    ...(m.keyTerms.length ? ['<h3>Key terms</h3>', ...list(m.keyTerms.map(h))] : []),
    ...(m.glossary?.length
      ? [
          '<h3>Glossary</h3>',
          `<dl>${m.glossary.map((g) => `<dt>${h(g.term)}</dt><dd>${h(g.definition)} (p. ${citedPages(g).join(', ')})</dd>`).join('')}</dl>`,
        ]
      : []),
    `<p><em>From ${h(course.title)}.</em></p>`,
  ]);
}

function lessonPage(course: Course, m: Module, i: number, l: Lesson, j: number): string {
  return page(`Lesson ${i + 1}.${j + 1}: ${l.title}`, [
    `<p><em>Module ${i + 1}: ${h(m.title)} · pages ${pageRange(l.pageStart, l.pageEnd)} · about ${Math.max(1, Math.round(l.readingMinutes))} min</em></p>`,
    '<h3>Summary</h3>',
    ...list(l.summary.map((s) => `${h(s.text)} <small>(p. ${citedPages(s).join(', ')})</small>`)),
    ...(l.keyTerms.length ? ['<h3>Key terms</h3>', ...list(l.keyTerms.map(h))] : []),
    "<h3>The module's objectives</h3>",
    ...list(m.objectives.map(h)),
    `<p><em>From ${h(course.title)}.</em></p>`,
  ]);
}
