/** The slice of the settings the model's side reads (light to import: no SDK behind it). */
import type { Config } from '../config.ts';

/** The settings the model's side reads: every LLM_* and EMBEDDINGS_* one, the offline hasher's, the prefix. */
export const LLM_SETTINGS = [
  'llmBaseUrl',
  'llmApiKey',
  'llmModel',
  'llmContextTokens',
  'llmMaxOutputTokens',
  'llmCallsPerJob',
  'llmRpm',
  'llmTpm',
  'llmRateWindowMs',
  'llmTimeoutS',
  'llmMaxRetries',
  'llmRetryBaseMs',
  'llmFallback',
  'llmCacheTtlS',
  'llmStructuredOutput',
  'llmPriceInputPerMtok',
  'llmPriceOutputPerMtok',
  'embeddingsBaseUrl',
  'embeddingsApiKey',
  'embeddingsModel',
  'embeddingsDim',
  'hashEmbeddingDim',
  'queuePrefix',
] as const satisfies readonly (keyof Config)[];

export type LlmSettings = Pick<Config, (typeof LLM_SETTINGS)[number]>;
