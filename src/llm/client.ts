/**
 * One structured LLM call done right: the request is asked for a JSON object of a zod schema (the schema goes
 * in the prompt, as JSON Schema, so it works where `response_format: json_schema` does not), counted against
 * the context window, cached by request hash, rate-limited fleet-wide and timed out (by the provider's fetch,
 * fetch.ts), retried on 429/5xx honouring
 * Retry-After, validated (JSON, schema, grounding check), repaired ONCE by re-asking with the validation error,
 * and its token use recorded.
 */
import { generateText, type LanguageModel, type ModelMessage, NoObjectGeneratedError, Output } from 'ai';
import { z } from 'zod';
import type { CachedAnswer, ResponseCache } from './cache.ts';
import { LlmContextError, LlmInvalidOutputError } from './errors.ts';
import { TOKENS_HEADER } from './fetch.ts';
import { withRetries } from './retry.ts';
import type { StructuredMode } from './structured.ts';
import { approxModelTokens, countModelTokens, fitsTokens } from './token-count.ts';

/** The knobs of {@link LlmClient} (config names without the `llm` prefix). */
export interface LlmClientSettings {
  timeoutS: number;
  maxRetries: number;
  retryBaseMs: number;
  contextTokens: number;
  maxOutputTokens: number;
  /** What the request carries of the schema (see structured.ts). @defaultValue 'json_object' */
  structuredOutput?: StructuredMode;
}

export interface LlmClientOptions {
  model: LanguageModel;
  /** Model id and base URL: part of the cache key. */
  modelId: string;
  baseUrl: string;
  settings: LlmClientSettings;
  cache?: ResponseCache;
  /** Called after every answer (live or cached) with its tokens. */
  onUsage?: (call: { inputTokens: number; outputTokens: number; cached: boolean }) => Promise<void> | void;
  /** Aborts waits and requests (worker shutdown). */
  signal?: AbortSignal;
}

/** One structured request. `check` returns why a schema-valid answer is still wrong (e.g. a bad citation). */
export interface ObjectRequest<T> {
  /** Names the call in errors: `lesson summary "Intro"`. */
  task: string;
  system: string;
  prompt: string;
  schema: z.ZodType<T>;
  check?: (value: T) => string | null;
  seed?: number;
}

/** Tokens kept free besides the answer: message framing differs between providers. */
const FRAMING_TOKENS = 64;

/** System prompts built per schema (the JSON Schema is the costly part). */
const SYSTEMS = new WeakMap<z.ZodType, Map<string, string>>();

type Verdict<T> = { ok: true; value: T } | { ok: false; reason: string };

export class LlmClient {
  constructor(private readonly o: LlmClientOptions) {}

  /** Tokens a prompt (system + user) may have: the context minus the answer budget and framing. */
  get inputBudget(): number {
    return this.o.settings.contextTokens - this.o.settings.maxOutputTokens - FRAMING_TOKENS;
  }

  /** The system prompt actually sent for `schema`: instructions + JSON Schema. */
  systemFor(system: string, schema: z.ZodType): string {
    const bySystem = SYSTEMS.get(schema) ?? new Map<string, string>();
    SYSTEMS.set(schema, bySystem);
    let text = bySystem.get(system);
    if (text === undefined) {
      const json = JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }));
      text = `${system}\n\nAnswer with ONE JSON object and nothing else (no prose, no code fences), valid against this JSON Schema:\n${json}`;
      bySystem.set(system, text);
    }
    return text;
  }

  /** Tokens of a request as it would be sent (exact: loads the tokenizer's tables). */
  promptTokens(system: string, prompt: string, schema: z.ZodType): number {
    return countModelTokens(this.systemFor(system, schema)) + countModelTokens(prompt);
  }

  /** Whether a request fits {@link inputBudget}; settled without the tokenizer's tables when it clearly does. */
  fits(system: string, prompt: string, schema: z.ZodType, extra: readonly string[] = []): boolean {
    return fitsTokens([this.systemFor(system, schema), prompt, ...extra], this.inputBudget);
  }

  /**
   * Asks, validates, repairs once, caches.
   * @throws LlmInvalidOutputError when the answer and its repair are both rejected.
   * @throws LlmProviderError / LlmTimeoutError when the provider keeps failing.
   * @throws LlmContextError when the request does not fit the context window.
   */
  async object<T>(req: ObjectRequest<T>): Promise<T> {
    const system = this.systemFor(req.system, req.schema);
    if (!this.fits(req.system, req.prompt, req.schema))
      throw new LlmContextError(
        req.task,
        this.promptTokens(req.system, req.prompt, req.schema),
        this.inputBudget,
      );
    // Booked against LLM_TPM and reported when the provider reports no usage.
    const tokens = approxModelTokens(system) + approxModelTokens(req.prompt);
    const messages: ModelMessage[] = [{ role: 'user', content: req.prompt }];
    const key = this.o.cache?.keyOf(this.requestOf(system, messages, req.seed));
    const cached = key ? await this.o.cache?.get(key) : null;
    if (cached) {
      const verdict = this.judge(cached.text, req);
      if (verdict.ok) {
        await this.o.onUsage?.({ inputTokens: 0, outputTokens: 0, cached: true });
        return verdict.value;
      }
    }
    const first = await this.complete(system, messages, tokens, req);
    let verdict = this.judge(first.text, req);
    let accepted = first;
    if (!verdict.ok) {
      const repair: ModelMessage[] = [
        ...messages,
        { role: 'assistant', content: first.text },
        {
          role: 'user',
          content: `Your answer was rejected: ${verdict.reason}\nAnswer again with ONE corrected JSON object that follows the schema and cites only the chunk ids given above.`,
        },
      ];
      const retry = repair.slice(1).map((m) => String(m.content));
      if (!this.fits(req.system, req.prompt, req.schema, retry))
        throw new LlmInvalidOutputError(req.task, verdict.reason);
      accepted = await this.complete(system, repair, tokens + approxModelTokens(retry.join('\n')), req);
      verdict = this.judge(accepted.text, req);
      if (!verdict.ok) throw new LlmInvalidOutputError(req.task, verdict.reason);
    }
    // Stored under the FIRST request's key: a retried job asks that request and gets the accepted answer.
    if (key) await this.o.cache?.set(key, accepted).catch(() => {});
    return verdict.value;
  }

  private requestOf(system: string, messages: ModelMessage[], seed: number | undefined) {
    return {
      system,
      baseUrl: this.o.baseUrl,
      model: this.o.modelId,
      maxOutputTokens: this.o.settings.maxOutputTokens,
      seed: seed ?? null,
      messages,
    };
  }

  /** Parses and validates an answer: JSON, then the schema, then the request's own check. */
  private judge<T>(text: string, req: ObjectRequest<T>): Verdict<T> {
    let json: unknown;
    try {
      json = JSON.parse(stripFences(text));
    } catch (err) {
      return { ok: false, reason: `the answer is not valid JSON (${(err as Error).message.split('\n')[0]})` };
    }
    const parsed = req.schema.safeParse(json);
    if (!parsed.success) {
      const lines = z.prettifyError(parsed.error).split('\n').slice(0, 6).join(' ');
      return { ok: false, reason: `the answer does not match the schema: ${lines}` };
    }
    const problem = req.check?.(parsed.data) ?? null;
    return problem ? { ok: false, reason: problem } : { ok: true, value: parsed.data };
  }

  /** One request with rate limit, timeout and retries (retry.ts); returns the raw text and its usage. */
  private async complete<T>(
    system: string,
    messages: ModelMessage[],
    inputTokens: number,
    req: ObjectRequest<T>,
  ): Promise<CachedAnswer> {
    const policy = { ...this.o.settings, ...(this.o.signal ? { signal: this.o.signal } : {}) };
    const answer = await withRetries('LLM provider', policy, () =>
      this.ask(system, messages, inputTokens, req.seed, req.schema),
    );
    await this.o.onUsage?.({ ...answer, cached: false });
    return answer;
  }

  private async ask(
    system: string,
    messages: ModelMessage[],
    inputTokens: number,
    seed: number | undefined,
    schema: z.ZodType,
  ): Promise<CachedAnswer> {
    try {
      const result = await generateText({
        model: this.o.model,
        system,
        messages,
        // The schema always travels in the system prompt (see systemFor); the provider is also held to it
        // (json_schema), asked for JSON (json_object), or left alone (prompt), per LLM_STRUCTURED_OUTPUT.
        ...outputOption(this.o.settings.structuredOutput ?? 'json_object', schema),
        maxOutputTokens: this.o.settings.maxOutputTokens,
        temperature: 0,
        ...(seed === undefined ? {} : { seed }),
        maxRetries: 0,
        // The rate-limit slot and the timeout are taken in the provider's fetch (see fetch.ts).
        headers: { [TOKENS_HEADER]: String(inputTokens + this.o.settings.maxOutputTokens) },
        ...(this.o.signal ? { abortSignal: this.o.signal } : {}),
      });
      return {
        text: result.text,
        inputTokens: result.usage.inputTokens ?? inputTokens,
        outputTokens: result.usage.outputTokens ?? approxModelTokens(result.text),
      };
    } catch (err) {
      // The answer arrived but is not JSON: that is for the repair step to handle, not a provider failure.
      if (NoObjectGeneratedError.isInstance(err) && err.text !== undefined)
        return {
          text: err.text,
          inputTokens: err.usage?.inputTokens ?? inputTokens,
          outputTokens: err.usage?.outputTokens ?? approxModelTokens(err.text),
        };
      throw err;
    }
  }
}

/** The AI SDK output of a mode: a JSON Schema response format, JSON mode, or plain text. */
function outputOption(mode: StructuredMode, schema: z.ZodType) {
  if (mode === 'json_schema') return { output: Output.object({ schema }) };
  if (mode === 'json_object') return { output: Output.json() };
  return {};
}

/** A model that wraps JSON in a Markdown fence is forgiven the fence. */
function stripFences(text: string): string {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  return m ? m[1]! : text.trim();
}
