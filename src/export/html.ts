/**
 * `html`: one self-contained page (no script, no external file: styles inline) with the course and its quiz,
 * the answers on a page of their own at the end, laid out to read on a screen and to print (A4 or Letter).
 * Every kind of question is printed as a student answers it on paper: options, terms and definitions to match,
 * items to put in order (mixed), a line to write on; the answers give the levels of each question.
 */
import type { Question, Quiz } from '../domain/course.ts';
import { answerText, citedPages, displayOrder, escapeHtml as h, levelsText, pageRange } from './text.ts';
import type { ExportInput } from './types.ts';

const STYLE = `
  :root { color-scheme: light; --ink: #1d232b; --muted: #5b6573; --rule: #d8dde3; --accent: #1f5fa8; }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.25rem 4rem; color: var(--ink);
    font: 16px/1.55 Georgia, "Times New Roman", "Noto Serif", "Noto Serif CJK JP", serif; }
  h1, h2, h3 { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK JP", sans-serif;
    line-height: 1.25; }
  h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.35rem; margin: 2.2rem 0 .4rem; padding-top: .6rem; border-top: 2px solid var(--rule); }
  h3 { font-size: 1.08rem; margin: 1.4rem 0 .3rem; }
  .meta { color: var(--muted); font-size: .92rem; margin: .2rem 0 .8rem; }
  .terms { padding: 0; margin: .4rem 0 1rem; list-style: none; display: flex; flex-wrap: wrap; gap: .35rem; }
  .terms li { border: 1px solid var(--rule); border-radius: 1rem; padding: .05rem .6rem; font-size: .9rem; }
  .objectives { background: #f4f6f8; border-left: 3px solid var(--accent); padding: .5rem 1rem .5rem 2rem; }
  .objectives ul { margin: .3rem 0 0; }
  .cite { color: var(--muted); font-size: .85rem; white-space: nowrap; }
  ol.quiz > li { margin: 0 0 1rem; break-inside: avoid; }
  ol.options { list-style: upper-alpha; margin: .3rem 0 0; }
  ol.definitions { margin: .5rem 0 0; }
  .blank { color: var(--muted); }
  ol.answers > li { margin: 0 0 .6rem; break-inside: avoid; }
  .answers-part { break-before: page; }
  footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
  @media print {
    body { max-width: none; padding: 0; font-size: 11pt; }
    h2 { break-after: avoid; }
    h3 { break-after: avoid; }
    a { color: inherit; text-decoration: none; }
  }
  @page { margin: 18mm 16mm; }
`;

export function exportHtml(input: ExportInput): string {
  const { course } = input;
  const body: string[] = [
    `<h1>${h(course.title)}</h1>`,
    `<p class="meta">Source: ${h(input.fileName)} · ${course.modules.length} module${course.modules.length === 1 ? '' : 's'} · about ${Math.round(course.readingMinutes)} minutes of reading</p>`,
    `<p>${h(course.description)}</p>`,
  ];
  if (course.keyTerms.length > 0)
    body.push(
      '<p><strong>Key terms</strong></p>',
      `<ul class="terms">${course.keyTerms.map((t) => `<li>${h(t)}</li>`).join('')}</ul>`,
    );
  course.modules.forEach((m, i) => {
    body.push(
      `<section><h2>Module ${i + 1}: ${h(m.title)}</h2>`,
      `<p class="meta">Pages ${pageRange(m.pageStart, m.pageEnd)} · about ${Math.max(1, Math.round(m.readingMinutes))} min</p>`,
      '<div class="objectives"><strong>Learning objectives</strong><ul>',
      ...m.objectives.map((o) => `<li>${h(o)}</li>`),
      '</ul></div>',
    );
    m.lessons.forEach((l, j) => {
      body.push(
        `<h3>Lesson ${i + 1}.${j + 1}: ${h(l.title)}</h3>`,
        `<p class="meta">Pages ${pageRange(l.pageStart, l.pageEnd)}${l.keyTerms.length ? ` · ${l.keyTerms.map(h).join(', ')}` : ''}</p>`,
        '<ul>',
        ...l.summary.map(
          (s) => `<li>${h(s.text)} <span class="cite">(p. ${citedPages(s).join(', ')})</span></li>`,
        ),
        '</ul>',
      );
    });
    body.push('</section>');
  });
  if (input.quiz) body.push(quizHtml(input.quiz.quiz, input.quiz.questionKeys));
  body.push(`<footer>Made with ProfAI from ${h(input.fileName)}.</footer>`);
  return [
    '<!doctype html>',
    `<html lang="${langOf(course)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(course.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** What a question offers to answer from: options, terms and definitions, items to order, a blank. */
function choicesHtml(q: Question, key: string): string {
  const list = (cls: string, items: string[]) =>
    `<ol class="${cls}">${items.map((i) => `<li>${i}</li>`).join('')}</ol>`;
  switch (q.kind) {
    case 'true_false':
      return /^true or false\b/i.test(q.prompt) ? '' : '<p class="meta">True or false?</p>';
    case 'multiple_choice':
      return list('options', q.options.map(h));
    case 'multiple_answer':
      return `<p class="meta">Select all that apply.</p>${list('options', q.options.map(h))}`;
    case 'matching': {
      const order = displayOrder(q.pairs.length, key);
      return [
        '<p class="meta">Match each definition with its term.</p>',
        list(
          'options',
          order.map((j) => h(q.pairs[j]!.term)),
        ),
        list(
          'definitions',
          q.pairs.map((p) => `${h(p.definition)} <span class="blank">→ ____</span>`),
        ),
      ].join('');
    }
    case 'short_answer':
      return '<p class="blank">Answer: ______________</p>';
    case 'numerical':
      return `<p class="blank">Answer: ______________${q.unit ? ` ${h(q.unit)}` : ''}</p>`;
    case 'ordering': {
      const order = displayOrder(q.items.length, key);
      return `<p class="meta">Put these in order.</p><ul>${order.map((j) => `<li>${h(q.items[j]!)}</li>`).join('')}</ul>`;
    }
  }
}

function quizHtml(quiz: Quiz, keys: readonly string[]): string {
  const questions = quiz.questions.map(
    (q, i) => `<li><p>${h(q.prompt)}</p>${choicesHtml(q, keys[i] ?? `${quiz.seed}:${i}`)}</li>`,
  );
  const answers = quiz.questions.map(
    (q) =>
      `<li><strong>${h(answerText(q))}</strong>. ${h(q.explanation)} <span class="cite">(p. ${q.sourcePage} · ${h(levelsText(q))})</span></li>`,
  );
  return [
    `<section><h2>Quiz: ${h(quiz.title)}</h2>`,
    `<p class="meta">${quiz.questions.length} question${quiz.questions.length === 1 ? '' : 's'}; the answers follow on their own page.</p>`,
    `<ol class="quiz">${questions.join('\n')}</ol></section>`,
    `<section class="answers-part"><h2>Answers</h2><ol class="answers">${answers.join('\n')}</ol></section>`,
  ].join('\n');
}

/** `ja` when the text has kana, else `en`: enough for the browser to pick fonts and line breaking. */
/** The course's language (empty, which HTML reads as unknown, when undetermined); a guess for older courses. */
function langOf(course: ExportInput['course']): string {
  if (course.language) return course.language === 'und' ? '' : course.language;
  return /[\u3040-\u30ff]/.test(course.title + course.description) ? 'ja' : 'en';
}
