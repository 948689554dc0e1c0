/**
 * The settings ProfAI's tasks read: the slice of the configuration that the supervisor hands to its children
 * (over IPC, once per child) and that `createTasks` receives.
 */
import { type Config, REDIS_SETTINGS } from '../config.ts';
import { LLM_SETTINGS } from '../llm/settings.ts';

export const TASK_SETTINGS = [
  // the pipeline (PipelineSettings)
  'maxFileMb',
  'maxPages',
  'chunkTokens',
  'chunkOverlapTokens',
  'quizQuestions',
  'pdfTimeoutS',
  'pdfPageTimeoutS',
  'pdfMaxMemoryMb',
  'ocr',
  'ocrLangs',
  'ocrDpi',
  // OCR page ranges (tasks/ocr-split.ts)
  'ocrSplitMinPages',
  'ocrRangePages',
  // storage
  'dataDir',
  'cacheDir',
  'databaseUrl',
  'vectorStore',
  'chromaUrl',
  'keepUploads',
  'uploadDir',
  'documentsDir',
  'storageUrl',
  'storageS3PathStyle',
  'logLevel',
  'keepFailedUploadsH',
  // the hand-off to the LLM stage and the fleet-wide LLM limits
  ...REDIS_SETTINGS,
  'jobAttempts',
  'jobBackoffMs',
  'keepCompletedJobs',
  'keepFailedJobs',
  'llmConcurrency',
  ...LLM_SETTINGS,
] as const satisfies readonly (keyof Config)[];

export type TaskSettings = Pick<Config, (typeof TASK_SETTINGS)[number]>;

/** The tasks' slice of `config`. */
export function taskSettingsOf(config: Config): TaskSettings {
  return Object.fromEntries(TASK_SETTINGS.map((key) => [key, config[key]])) as TaskSettings;
}
