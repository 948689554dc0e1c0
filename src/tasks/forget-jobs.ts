/**
 * What the queues keep of a deleted course (see workflows/delete-course.ts): the PDF job of its content and its
 * LLM stage, the quiz jobs of the course (in any state but running: a running job is left to end, and finds
 * its course gone), their run records, LLM usage and dependency waits, and the staged document of the LLM stage.
 */
import { type FleetClient, queueOfJobId } from '../fleet/queues.ts';
import { queueOf } from '../fleet/registry.ts';
import { redisKeys } from '../redis-keys.ts';
import type { PendingDeletion } from '../store/deletions.ts';
import { llmJobIdOf, pdfJobIdOf, QUIZ_TASK } from './names.ts';

/** Most quiz jobs looked at for a course's (the queues keep KEEP_COMPLETED_JOBS and KEEP_FAILED_JOBS of them). */
const QUIZ_SCAN = 5000;

/** The ids of the jobs that made the document of this content (the ids come from the content). */
export const jobIdsOfContent = (sha256: string) => [pdfJobIdOf(sha256), llmJobIdOf(sha256)];

/** Removes them; returns the ids of the jobs it looked for (those of the content and the course's quiz jobs). */
export async function forgetJobs(client: FleetClient, deletion: PendingDeletion): Promise<string[]> {
  const quizQueue = client.queue(queueOf(QUIZ_TASK));
  const quizJobs = await quizQueue.getJobs(
    ['completed', 'failed', 'wait', 'delayed', 'prioritized'],
    0,
    QUIZ_SCAN - 1,
  );
  const ids = [
    ...jobIdsOfContent(deletion.sha256),
    ...quizJobs
      .filter((j) => (j?.data as { courseId?: unknown } | undefined)?.courseId === deletion.courseId)
      .map((j) => j.id ?? ''),
  ].filter(Boolean);
  const prefix = client.settings.queuePrefix;
  for (const id of ids) {
    const job = await client.queue(queueOfJobId(client, id)).getJob(id);
    if (job && !(await job.isActive())) await job.remove();
  }
  await client.redis.del(
    ...ids.flatMap((id) => [
      redisKeys.runInfo(prefix, id),
      redisKeys.llmUsage(prefix, id),
      redisKeys.dependencyWait(prefix, id),
    ]),
    redisKeys.llmStage(prefix, deletion.documentId),
  );
  return ids;
}
