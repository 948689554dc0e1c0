/**
 * The body of `profai courses delete`: asks first (unless --yes), deletes through the same workflow as the API,
 * and writes the audit trail as the machine's user. The jobs and run records that name the course go when Redis
 * answers; when it does not (a laptop without the fleet) there are none to remove, or they expire on their own.
 */
import { createInterface } from 'node:readline/promises';
import type { Config } from '../../config.ts';
import { NotFoundError, ProfaiError } from '../../domain/errors.ts';
import { openStorage } from '../../files/index.ts';
import { failFastRedis, readyWithin } from '../../fleet/redis.ts';
import { erasedLabel, getCourse, openDatabase, openVectorStore } from '../../store/index.ts';
import { profaiClientOn } from '../../tasks/client.ts';
import { forgetJobs, jobIdsOfContent } from '../../tasks/forget-jobs.ts';
import { deleteCourse } from '../../workflows/delete-course.ts';
import { auditByCli } from '../audit-cli.ts';
import { printLine } from '../output.ts';

/** How long the command waits for Redis before deleting without it. */
const REDIS_WAIT_MS = 1500;

class DeleteRefusedError extends ProfaiError {
  constructor(reason: string) {
    super('delete_refused', reason);
  }
}

async function confirmed(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function deleteCommand(config: Config, id: string, opts: { yes?: boolean }): Promise<number> {
  const db = await openDatabase(config);
  const closers: (() => Promise<unknown>)[] = [() => db.close()];
  try {
    const course = await getCourse(db, id);
    const exact = course && (course.id === id.trim() || course.documentId === id.trim());
    if (course && !exact)
      throw new DeleteRefusedError(
        `${id} is only a prefix of course ${course.id}: give the whole id to delete it`,
      );
    if (course && !opts.yes) {
      if (!process.stdin.isTTY)
        throw new DeleteRefusedError('not deleting without --yes: stdin is not a terminal to ask on');
      const question = `Delete course ${course.id} "${course.title}" (${course.fileName}) and everything made from it? [y/N] `;
      if (!(await confirmed(question))) {
        printLine('Not deleted.');
        return 1;
      }
    }
    const vectors = await openVectorStore(config, db);
    closers.push(() => vectors.close());
    const storage = await openStorage(config);
    closers.push(() => storage.close());
    const redis = failFastRedis(config);
    closers.push(async () => redis.disconnect());
    const fleet = (await readyWithin(redis, REDIS_WAIT_MS)) ? profaiClientOn(config, redis) : null;
    const outcome = await deleteCourse(
      {
        db,
        vectors,
        storage,
        jobIdsOf: jobIdsOfContent,
        ...(fleet ? { forgetJobs: (left) => forgetJobs(fleet, left) } : {}),
      },
      id,
    );
    if (!outcome) throw new NotFoundError('course', id);
    const { courseId } = outcome.deleted;
    if (!outcome.finished)
      await auditByCli(db, 'delete', {
        kind: 'course',
        id: erasedLabel(courseId),
        detail: { scope: outcome.deleted.scope },
      });
    printLine(
      outcome.finished
        ? `Finished deleting course ${courseId} (an earlier delete was cut short).`
        : `Deleted course ${courseId}${outcome.deleted.scope === 'document' ? ', its document, vectors and PDF' : ''}.`,
    );
    if (!fleet) printLine('Redis did not answer: the records of its jobs (if any) expire on their own.');
    return 0;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}
