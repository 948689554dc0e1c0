/**
 * The body of `profai courses delete`: asks first (unless --yes), deletes through the same workflow as the API,
 * and writes the audit trail as the machine's user. The jobs and run records that name the course go from Redis.
 * On the embedded database (a laptop, `profai process`) there may be no Redis at all, and nothing of the course in
 * one: then that part is skipped. Against a fleet's PostgreSQL a Redis that does not answer leaves the deletion
 * pending (exit 1, saying so): the next delete, once Redis answers, finishes it.
 */
import { createInterface } from 'node:readline/promises';
import type { Config } from '../../config.ts';
import { DependencyUnavailableError, NotFoundError, ProfaiError } from '../../domain/errors.ts';
import { openStorage } from '../../files/index.ts';
import { failFastRedis, lastConnectionError, readyWithin } from '../../fleet/redis.ts';
import { getCourse, openDatabase, openVectorStore } from '../../store/index.ts';
import { profaiClientOn } from '../../tasks/client.ts';
import { forgetJobs, jobIdsOfContent } from '../../tasks/forget-jobs.ts';
import { deleteCourse } from '../../workflows/delete-course.ts';
import { cliActor } from '../audit-cli.ts';
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
    const redisDown = async (): Promise<string[]> => {
      throw new DependencyUnavailableError(
        'redis',
        `${lastConnectionError(redis) ?? 'no answer'}: the course's rows, vectors and PDF are gone, the records of its jobs are not; run this again once Redis answers`,
      );
    };
    const outcome = await deleteCourse(
      {
        db,
        vectors,
        storage,
        jobIdsOf: jobIdsOfContent,
        actor: { actor: cliActor(), detail: { via: 'cli' } },
        onAuditError: (err) => printLine(`warning: audit record not written: ${(err as Error).message}`),
        ...(fleet
          ? { forgetJobs: (left) => forgetJobs(fleet, left) }
          : config.databaseUrl
            ? { forgetJobs: redisDown }
            : {}),
      },
      id,
    );
    if (!outcome) throw new NotFoundError('course', id);
    const { courseId } = outcome.deleted;
    printLine(
      outcome.finished
        ? `Finished deleting course ${courseId} (an earlier delete was cut short).`
        : `Deleted course ${courseId}${outcome.deleted.scope === 'document' ? ', its document, vectors and PDF' : ''}.`,
    );
    return 0;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
  }
}
