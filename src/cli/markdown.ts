/**
 * `course.md`: a course a person can read: modules, lessons, summaries with page citations,
 * then the quiz, with the answers at the very end so a reader can try it first.
 */
import type { Course, Question, Quiz, SummarySentence } from '../domain/course.ts';

const LETTERS = ['A', 'B', 'C', 'D'];

export function renderCourseMarkdown(
  course: Course,
  quiz: Quiz | null,
  source: { fileName: string },
): string {
  const out: string[] = [`# ${course.title}`, '', course.description, ''];
  out.push(
    `*Source: ${source.fileName} · about ${Math.round(course.readingMinutes)} minutes of reading*`,
    '',
  );
  if (course.keyTerms.length > 0) out.push(`**Key terms:** ${course.keyTerms.join(', ')}`, '');
  course.modules.forEach((m, i) => {
    out.push(`## Module ${i + 1}: ${m.title}`, '', `Pages ${pageRange(m.pageStart, m.pageEnd)}.`, '');
    out.push('**Learning objectives**', '', ...m.objectives.map((o) => `- ${o}`), '');
    m.lessons.forEach((l, j) => {
      out.push(`### Lesson ${i + 1}.${j + 1}: ${l.title}`, '');
      out.push(
        `*Pages ${pageRange(l.pageStart, l.pageEnd)} · ${Math.max(1, Math.round(l.readingMinutes))} min*`,
        '',
      );
      out.push(...l.summary.map((s) => `- ${s.text} ${cite(s)}`), '');
      if (l.keyTerms.length > 0) out.push(`Key terms: ${l.keyTerms.join(', ')}`, '');
    });
    if (m.glossary && m.glossary.length > 0)
      out.push(
        '**Glossary**',
        '',
        ...m.glossary.map((g) => `- **${g.term}**: ${g.definition} ${cite(g)}`),
        '',
      );
  });
  if (quiz) out.push(renderQuizMarkdown(quiz));
  return `${out.join('\n').trimEnd()}\n`;
}

/** The quiz section: questions first, answers with explanations and pages after. */
export function renderQuizMarkdown(quiz: Quiz): string {
  const out = [`## Quiz: ${quiz.title}`, ''];
  quiz.questions.forEach((q, i) => {
    out.push(`**${i + 1}.** ${q.kind === 'true_false' ? trueOrFalse(q.prompt) : q.prompt}`, '');
    if (q.kind === 'multiple_choice') out.push(...q.options.map((o, k) => `   ${LETTERS[k]}) ${o}`), '');
  });
  out.push('### Answers', '');
  quiz.questions.forEach((q, i) => {
    out.push(`${i + 1}. **${answerOf(q)}**: ${q.explanation} (p. ${q.sourcePage})`);
  });
  out.push('');
  return out.join('\n');
}

/** A true/false prompt with its lead once: generators already write "True or false: …"; a bare one gets it. */
function trueOrFalse(prompt: string): string {
  return /^true or false\b/iu.test(prompt) ? prompt : `True or false: ${prompt}`;
}

function answerOf(q: Question): string {
  return q.kind === 'true_false'
    ? q.answer
      ? 'True'
      : 'False'
    : `${LETTERS[q.answerIndex]}) ${q.options[q.answerIndex]}`;
}

function cite(s: Pick<SummarySentence, 'citations'>): string {
  const pages = [...new Set(s.citations.map((c) => c.page))].sort((a, b) => a - b);
  return `(p. ${pages.join(', ')})`;
}

function pageRange(a: number, b: number): string {
  return a === b ? String(a) : `${a}–${b}`;
}
