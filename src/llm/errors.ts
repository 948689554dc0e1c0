/**
 * Failures of the LLM provider, each with a stable `code`. Provider trouble that may pass (429, 5xx, timeouts,
 * network) is transient: the job is retried later, and the response cache makes the retry cheap. An answer the
 * model got wrong twice, or a request the provider refuses (401, 400), is permanent.
 */
import { ProfaiError } from '../domain/errors.ts';

/** LLM_BASE_URL is set without what it needs (LLM_MODEL…). */
export class LlmConfigError extends ProfaiError {
  constructor(message: string) {
    super('llm_config', message);
  }
}

/** The provider kept failing (after retries) or refused the request; `message` carries its reason. */
export class LlmProviderError extends ProfaiError {
  constructor(
    message: string,
    permanent: boolean,
    /** HTTP status of the last answer, when there was one. */
    readonly status?: number,
    cause?: unknown,
  ) {
    // A provider that keeps failing for now (network, 5xx, 429) is an outage to wait out; one that refused is not.
    super('llm_provider', message, {
      permanent,
      cause,
      ...(permanent ? {} : { dependency: 'llm' as const }),
    });
  }
}

/** A request took longer than LLM_TIMEOUT_S (on every attempt). */
export class LlmTimeoutError extends ProfaiError {
  constructor(seconds: number, attempts: number, cause?: unknown) {
    super('llm_timeout', `LLM provider: no answer within ${seconds} s (${attempts} attempt(s))`, {
      cause,
      dependency: 'llm',
    });
  }
}

/** The model's answer broke the schema or the grounding rules, and so did its repaired answer. */
export class LlmInvalidOutputError extends ProfaiError {
  constructor(task: string, reason: string) {
    super('llm_invalid_output', `LLM ${task}: the answer was rejected twice: ${reason}`);
  }
}

/** Even the smallest request for a task does not fit in LLM_CONTEXT_TOKENS. */
export class LlmContextError extends ProfaiError {
  constructor(task: string, tokens: number, limit: number) {
    super(
      'llm_context_overflow',
      `LLM ${task}: the smallest prompt has ${tokens} tokens, over the ${limit}-token budget (LLM_CONTEXT_TOKENS)`,
    );
  }
}

/** True for the errors a fallback to the offline generator may replace. */
export function isLlmError(err: unknown): boolean {
  return (
    err instanceof LlmProviderError ||
    err instanceof LlmTimeoutError ||
    err instanceof LlmInvalidOutputError ||
    err instanceof LlmContextError
  );
}
