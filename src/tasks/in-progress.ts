/**
 * Which documents the fleet is working on now, for `profai doctor`: a document's vectors are stored before its
 * rows, so until its job is done (or while its LLM stage waits with the staged document in Redis) its vectors
 * look like orphans and must be left alone.
 */
import type { FleetClient } from '../fleet/queues.ts';
import { queueOf } from '../fleet/registry.ts';
import { redisKeys } from '../redis-keys.ts';
import { LLM_TASK, llmJobIdOf, ocrAssemblyJobIdOf, PDF_TASK, pdfJobIdOf } from './names.ts';

/** BullMQ states of a job that is still to finish. */
export const UNFINISHED_STATES: ReadonlySet<string> = new Set([
  'waiting',
  'wait',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
]);

/**
 * The documents of `documentIds` whose PDF job, OCR assembly or LLM stage has not finished, or whose staged document waits in
 * Redis for an LLM stage (which a retry may still run). A document's id is the first 16 hex digits of its
 * SHA-256, as are its jobs' ids, so the jobs are found from the document id alone.
 */
export async function documentsInProgress(
  client: FleetClient,
  documentIds: readonly string[],
): Promise<Set<string>> {
  const pdf = client.queue(queueOf(PDF_TASK));
  const llm = client.queue(queueOf(LLM_TASK));
  const busy = new Set<string>();
  for (const documentId of documentIds) {
    const [pdfState, assemblyState, llmState, staged] = await Promise.all([
      pdf.getJobState(pdfJobIdOf(documentId)),
      pdf.getJobState(ocrAssemblyJobIdOf(documentId)),
      llm.getJobState(llmJobIdOf(documentId)),
      client.redis.exists(redisKeys.llmStage(client.settings.queuePrefix, documentId)),
    ]);
    if ([pdfState, assemblyState, llmState].some((s) => UNFINISHED_STATES.has(s)) || staged > 0)
      busy.add(documentId);
  }
  return busy;
}
