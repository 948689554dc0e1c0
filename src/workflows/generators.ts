/**
 * Which generators and embedder a run uses, decided in one place: the model's (LLM_BASE_URL, EMBEDDINGS_*) when
 * configured, else the offline ones the pipeline defaults to. The AI SDK loads only when a model is configured.
 */
import type { Cluster, Redis } from 'ioredis';
import { type Config, usesEmbeddingsApi } from '../config.ts';
import type { CourseGenerator, Embedder, EmbeddingSpace, QuizGenerator } from '../domain/generators.ts';
import type { LlmRuntime, LlmSettings } from '../llm/index.ts';
import { HASH_EMBEDDER_NAME, HashEmbedder } from '../pipeline/embed.ts';

/**
 * The CPU stage's embedder: the embeddings API's when EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL are set (its
 * calls under the fleet-wide rate limit when `redis` is given), else none (the pipeline's offline hasher).
 */
export async function configuredEmbedder(
  config: LlmSettings,
  redis?: Redis | Cluster,
): Promise<{ embedder?: Embedder }> {
  if (!usesEmbeddingsApi(config)) return {};
  const { createEmbedder } = await import('../llm/index.ts');
  return { embedder: createEmbedder(config, redis) };
}

/**
 * The embedder that makes the vectors of `space`: the offline hasher at its dimension, or the embeddings API
 * when `space` is its configured model's; null when neither is. The AI SDK loads only in the second case.
 */
export async function embedderForSpace(config: LlmSettings, space: EmbeddingSpace): Promise<Embedder | null> {
  if (space.name === HASH_EMBEDDER_NAME) return new HashEmbedder(space.dimension);
  if (!usesEmbeddingsApi(config)) return null;
  const llm = await import('../llm/index.ts');
  return llm.embedderForSpace(config, space);
}

/** True when courses and quizzes come from the model (LLM_BASE_URL is set). */
export const usesModel = (config: Pick<Config, 'llmBaseUrl'>): boolean => Boolean(config.llmBaseUrl);

/**
 * The model's course and quiz generators when LLM_BASE_URL is set (wrapped with the offline fallback under
 * LLM_FALLBACK=offline), else none (the pipeline's offline generators).
 */
export async function configuredGenerators(
  config: LlmSettings,
  runtime: LlmRuntime = {},
): Promise<{ courseGenerator?: CourseGenerator; quizGenerator?: QuizGenerator }> {
  if (!usesModel(config)) return {};
  const { createLlmGenerators } = await import('../llm/index.ts');
  return createLlmGenerators(config, runtime);
}
