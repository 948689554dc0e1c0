/**
 * An OpenAI-compatible embedder (`/embeddings`), as the {@link Embedder} of the pipeline. Its vector space is
 * `openai:<model>`, so its vectors never mix with the offline hashing embedder's.
 */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { embedMany } from 'ai';
import type { Embedder } from '../domain/generators.ts';
import { LlmProviderError } from './errors.ts';
import { TOKENS_HEADER } from './fetch.ts';
import { type RetryPolicy, withRetries } from './retry.ts';
import { approxModelTokens } from './token-count.ts';

export interface OpenAIEmbedderOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Expected dimension; unset: taken from the first answer. */
  dimension?: number;
  /** LLM_TIMEOUT_S, LLM_MAX_RETRIES, LLM_RETRY_BASE_MS: the chat calls' policy (retry.ts). */
  retry: RetryPolicy;
  /** The HTTP client (the rate-limited one of llm/fetch.ts in a fleet). @defaultValue global fetch */
  fetch?: typeof fetch;
}

/**
 * Tokens an embeddings request books against LLM_TPM: estimated, so that a worker child embedding a PDF does not
 * load the tokenizer's tables (tens of MB) for it.
 */
const bookedTokens = (texts: readonly string[]) => texts.reduce((n, t) => n + approxModelTokens(t), 0);

export class OpenAIEmbedder implements Embedder {
  readonly name: string;
  #dimension: number;
  readonly #model;

  constructor(private readonly o: OpenAIEmbedderOptions) {
    this.name = `openai:${o.model}`;
    this.#dimension = o.dimension ?? 0;
    const provider = createOpenAICompatible({
      name: 'profai-embeddings',
      baseURL: o.baseUrl,
      ...(o.apiKey ? { apiKey: o.apiKey } : {}),
      ...(o.fetch ? { fetch: o.fetch } : {}),
    });
    this.#model = provider.embeddingModel(o.model);
  }

  /** EMBEDDINGS_DIM, or the length of the first vector received (0 before any). */
  get dimension(): number {
    return this.#dimension;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { embeddings } = await withRetries('embeddings provider', this.o.retry, () =>
      embedMany({
        model: this.#model,
        values: [...texts],
        maxRetries: 0,
        // Read (and removed) by the guarded fetch, which books them against LLM_TPM.
        ...(this.o.fetch ? { headers: { [TOKENS_HEADER]: String(bookedTokens(texts)) } } : {}),
        abortSignal: AbortSignal.timeout(this.o.retry.timeoutS * 1000),
      }),
    );
    return embeddings.map((e) => this.normalised(e));
  }

  private normalised(values: readonly number[]): Float32Array {
    if (this.#dimension === 0) this.#dimension = values.length;
    if (values.length !== this.#dimension)
      throw new LlmProviderError(
        `embeddings provider: got ${values.length} dimensions, expected ${this.#dimension} (EMBEDDINGS_DIM)`,
        true,
      );
    const v = Float32Array.from(values);
    const norm = Math.hypot(...v) || 1;
    for (let i = 0; i < v.length; i++) v[i]! /= norm;
    return v;
  }
}
