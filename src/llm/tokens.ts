/**
 * Token counting for LLM budgets, with gpt-tokenizer (o200k_base, the encoding of current OpenAI models; other
 * models' tokenizers differ by a few percent, which the answer budget's margin absorbs).
 */
import { countTokens as count } from 'gpt-tokenizer';

/** Tokens of `text` as the model would see them. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : count(text);
}
