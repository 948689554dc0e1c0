/**
 * A ProfAI worker: the runtime (src/fleet/supervisor.ts) given ProfAI's task module and settings, and the
 * queues to serve. With a model, a worker serving pdf_processing also runs its LLM stage (llm_generation)
 * unless LLM_IN_PDF_WORKERS=false, when a worker of its own (no children) runs it.
 */
import { type Config, ConfigError } from '../config.ts';
import { queueOf } from '../fleet/registry.ts';
import { startWorker, type WorkerHandle, type WorkerOptions } from '../fleet/supervisor.ts';
import { usesModel } from '../workflows/generators.ts';
import { TASKS_MODULE } from './index.ts';
import { LLM_TASK, PDF_TASK } from './names.ts';
import { dependencyProbes } from './probes.ts';
import { taskSettingsOf } from './settings.ts';

/** The queues a worker configured by `config` serves. */
export function servedQueues(config: Config): string[] {
  const llmQueue = queueOf(LLM_TASK);
  const servesPdf = config.queues.includes(queueOf(PDF_TASK));
  if (config.queues.includes(llmQueue) && !usesModel(config))
    throw new ConfigError(`the ${llmQueue} queue needs LLM_BASE_URL (and LLM_MODEL) on this worker`);
  const runsStage = usesModel(config) && servesPdf && config.llmInPdfWorkers;
  return runsStage && !config.queues.includes(llmQueue) ? [...config.queues, llmQueue] : config.queues;
}

export async function startProfaiWorker(
  config: Config,
  opts: Omit<WorkerOptions, 'taskModules' | 'taskSettings'> = {},
): Promise<WorkerHandle> {
  const queues = servedQueues(config);
  // A missing OCR language stops the worker at start, in one line, not its first scanned PDF.
  if (queues.includes(queueOf(PDF_TASK)) && config.ocr !== 'off')
    (await import('../pipeline/ocr/tesseract.ts')).checkOcrLanguages(config.ocrLangs);
  return startWorker(
    { ...config, queues },
    {
      ...opts,
      taskModules: [TASKS_MODULE, ...config.taskModules],
      taskSettings: taskSettingsOf(config),
      dependencyProbes: dependencyProbes(config),
    },
  );
}
