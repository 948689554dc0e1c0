/** `profai courses` and `profai show ID`: read stored courses. */
import type { Config } from '../../config.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { renderExport } from '../../export/index.ts';
import { getCourse, getQuiz, listCourses, openDatabase } from '../../store/index.ts';
import { loadExportInput } from '../../workflows/export.ts';
import { printJson, printLine } from '../output.ts';
import { renderTable } from '../table.ts';

export async function coursesCommand(
  config: Config,
  opts: { json?: boolean; limit: number },
): Promise<number> {
  const db = await openDatabase(config);
  try {
    const courses = await listCourses(db, { limit: opts.limit });
    if (opts.json) printJson(courses);
    else if (courses.length === 0) printLine('No courses yet. Make one with: profai process FILE.pdf');
    else
      printLine(
        renderTable(
          ['id', 'title', 'file', 'pages', 'modules', 'lessons', 'created'],
          courses.map((c) => [
            c.id,
            c.title.slice(0, 48),
            c.fileName,
            c.pageCount,
            c.modules,
            c.lessons,
            c.createdAt,
          ]),
        ),
      );
    return 0;
  } finally {
    await db.close();
  }
}

export async function showCommand(config: Config, id: string, opts: { json?: boolean }): Promise<number> {
  const db = await openDatabase(config);
  try {
    const stored = await getCourse(db, id);
    if (!stored) throw new NotFoundError('course', id);
    if (opts.json) {
      const quiz = stored.quizIds[0] ? await getQuiz(db, stored.quizIds[0]) : null;
      printJson({ ...stored, quiz: quiz?.quiz ?? null });
    } else process.stdout.write(renderExport(await loadExportInput(db, stored.id), 'md') as string);
    return 0;
  } finally {
    await db.close();
  }
}
