/**
 * Token counting for LLM budgets, with gpt-tokenizer's cl100k_base encoding. Current models use other
 * vocabularies (o200k_base, Llama's, Mistral's) whose counts differ by a few percent on prose, which the answer
 * budget's margin absorbs.
 *
 * The tables cost tens of MB of RSS (o200k's nearly twice cl100k's), so they load on first need: most
 * requests are far inside the context window, and a text of n UTF-8 bytes has at most n tokens (every cl100k
 * token is at least one byte), so {@link fitsTokens} settles them from their length alone. Only text that might
 * not fit, and an over-budget error's exact figure, pay for the tables.
 */
import { createRequire } from 'node:module';

type Counter = (text: string) => number;
let counter: Counter | null = null;

/** The cl100k counter, loaded (synchronously, through gpt-tokenizer's CommonJS build) on first call. */
function tables(): Counter {
  counter ??= (
    createRequire(import.meta.url)('gpt-tokenizer/encoding/cl100k_base') as { countTokens: Counter }
  ).countTokens;
  return counter;
}

/** Whether the tables are in memory (for tests). */
export function tokenTablesLoaded(): boolean {
  return counter !== null;
}

/** Tokens of `text` as the model would see them (exact; loads the tables). */
export function countModelTokens(text: string): number {
  return text.length === 0 ? 0 : tables()(text);
}

/** An upper bound of the tokens of `text` without the tables: its UTF-8 length. */
export function tokenBound(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Whether `texts` together have at most `limit` tokens: from their length when that settles it, else counted. */
export function fitsTokens(texts: readonly string[], limit: number): boolean {
  if (texts.reduce((n, t) => n + tokenBound(t), 0) <= limit) return true;
  return texts.reduce((n, t) => n + countModelTokens(t), 0) <= limit;
}

/**
 * Tokens of `text` for a rate-limit booking or a provider that reports no usage: exact when the tables are
 * loaded, else about 4 characters per token (English prose; never loads the tables).
 */
export function approxModelTokens(text: string): number {
  if (text.length === 0) return 0;
  return counter ? counter(text) : Math.ceil(text.length / 4);
}
