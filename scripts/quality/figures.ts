/**
 * The figures of issue #14's table for one document, computed from ProfAI's output (course.json, course.md)
 * and poppler's text of each cited page. Every check here is a rule a person could apply by reading; the
 * language checks are the pipeline's own (src/pipeline/quality), so what the generator filters out is what is
 * counted here, and the page checks use an extractor that is not ProfAI's.
 */
import type { Course, Question, Quiz } from '../../src/domain/course.ts';
import type { AnalysedLanguage } from '../../src/pipeline/language/index.ts';
import { objectiveProblem } from '../../src/pipeline/rules/objectives/index.ts';
import { swapProblem } from '../../src/pipeline/rules/quiz/statements.ts';
import { splitWords, standaloneProblem } from '../../src/pipeline/rules/sentences/standalone.ts';
import { termProblem } from '../../src/pipeline/rules/terms/index.ts';
import { CITATION_KEY, isSkippedMatter, matterOfTitle } from '../../src/pipeline/structure/matter.ts';
import { optionProblems } from '../../src/pipeline/text/kinds.ts';
import { contextOf, inDocument, onPage, type SourceDocument, squeeze, usesOf } from './source.ts';

/** Counts for one document; percentages are made from the totals. */
export interface Figures {
  /** The document got a course. */
  course: number;
  nearEmpty: number;
  /** Near-empty and still got a course. */
  nearEmptyWithCourse: number;
  questions: number;
  doubledPrefix: number;
  falseStatements: number;
  nonsenseFalse: number;
  wrongKeys: number;
  multipleChoice: number;
  wrongKindItems: number;
  standOutItems: number;
  objectives: number;
  objectivesOk: number;
  keyTerms: number;
  keyTermsOk: number;
  summarySentences: number;
  summaryStandalone: number;
  summaryOnPage: number;
  sentencesNowhere: number;
  /** Summary sentences and question sources checked for split words and presence in the document. */
  sentencesChecked: number;
  sentencesSplit: number;
  lessons: number;
  matterLessons: number;
  matterQuestions: number;
  answersOnPage: number;
  genericTitle: number;
  flattened: number;
}

export const ZERO: Figures = {
  course: 0,
  nearEmpty: 0,
  nearEmptyWithCourse: 0,
  questions: 0,
  doubledPrefix: 0,
  falseStatements: 0,
  nonsenseFalse: 0,
  wrongKeys: 0,
  multipleChoice: 0,
  wrongKindItems: 0,
  standOutItems: 0,
  objectives: 0,
  objectivesOk: 0,
  keyTerms: 0,
  keyTermsOk: 0,
  summarySentences: 0,
  summaryStandalone: 0,
  summaryOnPage: 0,
  sentencesNowhere: 0,
  sentencesChecked: 0,
  sentencesSplit: 0,
  lessons: 0,
  matterLessons: 0,
  matterQuestions: 0,
  answersOnPage: 0,
  genericTitle: 0,
  flattened: 0,
};

export function addFigures(a: Figures, b: Figures): Figures {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof Figures)[]) out[k] += b[k];
  return out;
}

/** What one document gave: its course and quiz, or none (refused or failed). */
export interface Output {
  fileName: string;
  course: Course | null;
  quiz: Quiz | null;
  markdown: string;
}

/** Findings worth showing a reader next to the counts: the items that failed a check, with the reason. */
export interface Finding {
  what: string;
  reason: string;
  text: string;
}

const BLANK = /_{3,}/u;

/** A fill-in-the-blank stem, without its "Fill in the blank:" lead. */
const stemOf = (prompt: string) => prompt.replace(/^fill in the blank:\s*/iu, '');
/** A true/false statement, without its "True or false:" lead. */
const statementOf = (prompt: string) => prompt.replace(/^(?:true or false[:?]\s*)+/iu, '');
/** The source sentence an explanation quotes (`From page N: "…"`), when it does. */
const quotedSource = (explanation: string) => /"(.+)"\s*$/su.exec(explanation)?.[1];

export function figuresOf(
  out: Output,
  src: SourceDocument,
  lang: AnalysedLanguage,
  findings: Finding[],
): Figures {
  const f: Figures = { ...ZERO };
  const nearEmpty = src.bodyWords < 50 || src.proseSentences < 3;
  f.nearEmpty = nearEmpty ? 1 : 0;
  const { course, quiz } = out;
  if (!course) return f;
  f.course = 1;
  f.nearEmptyWithCourse = nearEmpty ? 1 : 0;
  const note = (what: string, reason: string, text: string) => findings.push({ what, reason, text });

  f.genericTitle = isGenericTitle(course.title, out.fileName) ? 1 : 0;
  if (f.genericTitle) note('title', 'generic', course.title);
  const lessons = course.modules.flatMap((m) => m.lessons);
  f.lessons = lessons.length;
  const pages = src.pages.length;
  if (
    (src.outlineEntries >= 8 && lessons.length < Math.min(src.outlineEntries, 16) / 2) ||
    (pages >= 25 && course.modules.length === 1)
  ) {
    f.flattened = 1;
    note(
      'outline',
      'flattened',
      `${src.outlineEntries} outline entries, ${pages} pages → ${course.modules.length} module(s), ${lessons.length} lesson(s)`,
    );
  }
  const isMatterPage = (p: number) => isSkippedMatter(src.pages[p - 1]?.matter ?? null);
  for (const l of lessons) {
    const cited = l.summary.flatMap((s) => s.citations.map((c) => c.page));
    if (isSkippedMatter(matterOfTitle(l.title)) || (cited.length > 0 && cited.every(isMatterPage))) {
      f.matterLessons++;
      note('lesson', 'front/back matter', l.title);
    }
  }

  const checked: string[] = [];
  for (const l of lessons)
    for (const s of l.summary) {
      f.summarySentences++;
      checked.push(s.text);
      const page = s.citations[0]?.page ?? 0;
      const here = onPage(src, s.text, page);
      if (here) f.summaryOnPage++;
      else note('summary', `not on its cited page ${page}`, s.text);
      const problem =
        here || inDocument(src, s.text) ? standaloneProblem(s.text, lang) : 'not in the document';
      if (problem) note('summary', problem, s.text);
      else f.summaryStandalone++;
    }

  const terms = new Map<string, string>();
  for (const t of [
    ...course.keyTerms,
    ...course.modules.flatMap((m) => [...m.keyTerms, ...m.lessons.flatMap((l) => l.keyTerms)]),
  ])
    if (!terms.has(t.toLowerCase())) terms.set(t.toLowerCase(), t);
  for (const t of terms.values()) {
    f.keyTerms++;
    const context = contextOf(src, t);
    const problem = context ? termProblem(t, lang, context) : 'not in the body text';
    if (problem) note('key term', problem, t);
    else f.keyTermsOk++;
  }

  for (const o of course.modules.flatMap((m) => m.objectives)) {
    f.objectives++;
    const problem = objectiveProblem(
      o,
      lang,
      (term) => contextOf(src, term),
      (term) => usesOf(src, term),
    );
    if (problem) note('objective', problem, o);
    else f.objectivesOk++;
  }

  for (const q of quiz?.questions ?? []) {
    f.questions++;
    const source = quotedSource(q.explanation);
    if (source) checked.push(source);
    if (isSkippedMatter(src.pages[q.sourcePage - 1]?.matter ?? null) || CITATION_KEY.test(q.prompt)) {
      f.matterQuestions++;
      note('question', 'front/back matter', q.prompt);
    }
    const verdict = judgeQuestion(q, source, src, lang);
    if (verdict.onPage) f.answersOnPage++;
    else note('question', 'answer not on its page', q.prompt);
    if (verdict.wrongKey) {
      f.wrongKeys++;
      note('question', 'wrong answer key', q.prompt);
    }
    if (q.kind === 'true_false' && !q.answer) {
      f.falseStatements++;
      if (verdict.nonsense) {
        f.nonsenseFalse++;
        note('false statement', verdict.nonsense, statementOf(q.prompt));
      }
    }
    if (q.kind === 'multiple_choice') {
      f.multipleChoice++;
      if (verdict.wrongKind.length > 0) {
        f.wrongKindItems++;
        note('options', `not nouns: ${verdict.wrongKind.join(' / ')}`, q.prompt);
      }
      if (verdict.standsOut) {
        f.standOutItems++;
        note('options', `right option alone by ${verdict.standsOut}: ${q.options.join(' / ')}`, q.prompt);
      }
    }
  }
  f.doubledPrefix = (out.markdown.match(/true or false[?:]\s*true or false/giu) ?? []).length;

  for (const s of checked) {
    f.sentencesChecked++;
    if (splitWords(lang.analyser.tag(s), lang).length > 0) f.sentencesSplit++;
    if (!inDocument(src, s)) {
      f.sentencesNowhere++;
      note('sentence', 'not in the document', s);
    }
  }
  return f;
}

interface Verdict {
  onPage: boolean;
  wrongKey: boolean;
  nonsense: string | null;
  wrongKind: string[];
  standsOut: string | null;
}

function judgeQuestion(
  q: Question,
  source: string | undefined,
  src: SourceDocument,
  lang: AnalysedLanguage,
): Verdict {
  const page = q.sourcePage;
  const verdict: Verdict = { onPage: false, wrongKey: false, nonsense: null, wrongKind: [], standsOut: null };
  if (q.kind === 'true_false') {
    const statement = statementOf(q.prompt);
    const statementHere = onPage(src, statement, page);
    if (q.answer) {
      verdict.onPage = statementHere;
      verdict.wrongKey = !!source && squeeze(source) !== squeeze(statement) && !statementHere;
    } else {
      verdict.onPage = source ? onPage(src, source, page) : false;
      verdict.wrongKey = statementHere || (!!source && squeeze(source) === squeeze(statement));
      verdict.nonsense = source ? swapProblem(source, statement, lang) : null;
    }
    return verdict;
  }
  // The kinds #24 added have checks of their own (src/pipeline/quality); these figures are issue #14's.
  if (q.kind !== 'multiple_choice') return verdict;
  const stem = stemOf(q.prompt);
  const answer = q.options[q.answerIndex]!;
  const blank = BLANK.exec(stem)?.[0];
  if (blank) {
    // "a(n) _____": the article the right option takes.
    const fill = (o: string) =>
      stem
        .replace(/\b([Aa])\(n\) (?=_{3,})/u, (_, a: string) => (/^[aeiou]/iu.test(o) ? `${a}n ` : `${a} `))
        .replace(blank, o);
    verdict.onPage =
      onPage(src, fill(answer), page) ||
      (!!source && onPage(src, source, page) && squeeze(source).includes(squeeze(fill(answer))));
    // A second right answer must stand on the page as a whole sentence, not as a guess across a page break.
    verdict.wrongKey = q.options.some((o, i) => i !== q.answerIndex && onPage(src, fill(o), page, true));
    const problems = optionProblems(stem, blank, q.options, q.answerIndex, lang);
    verdict.wrongKind = problems.wrongKind;
    verdict.standsOut = problems.standsOut;
  } else {
    verdict.onPage =
      !!source && onPage(src, source, page) && squeeze(source).includes(squeeze(answer).slice(0, 60));
    const lengths = q.options.map((o) => o.length);
    const others = lengths.filter((_, i) => i !== q.answerIndex);
    if (
      lengths[q.answerIndex]! > 1.6 * Math.max(...others) ||
      lengths[q.answerIndex]! < Math.min(...others) / 1.6
    )
      verdict.standsOut = 'length';
    if (q.options.every((o) => o.split(/\s+/).length <= 4)) {
      const problems = optionProblems(`_____ .`, '_____', q.options, q.answerIndex, lang);
      verdict.wrongKind = problems.wrongKind;
      verdict.standsOut ??= problems.standsOut;
    }
  }
  return verdict;
}

const GENERIC_TITLES =
  /^(?:introduction|overview|preface|foreword|abstract|summary|contents|table of contents|manual|user'?s? guide|users guide|user guide|reference manual|handbook|guide|documentation|untitled|document\d*|slide\s*\d*|page\s*\d+|chapter\s*\d+|part\s*[0-9ivx]+|title|draft|index)$/iu;

/** A title that says nothing about the document, or is its file name. */
export function isGenericTitle(title: string, fileName: string): boolean {
  const t = title
    .trim()
    .replace(/[’]/g, "'")
    .replace(/[.:]+$/u, '');
  const base = fileName.replace(/\.[^.]+$/u, '');
  return (
    GENERIC_TITLES.test(t) ||
    t.toLowerCase() === base.toLowerCase() ||
    /^[\d\s_-]+$/u.test(t) ||
    /\.(?:pdf|docx?|pptx?)$/iu.test(t)
  );
}
