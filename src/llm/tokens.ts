/**
 * Token counting for LLM budgets, with gpt-tokenizer's cl100k_base encoding. Current models use other
 * vocabularies (o200k_base, Llama's, Mistral's) whose counts differ by a few percent on prose, which the answer
 * budget's margin absorbs; cl100k's tables cost the supervisor about 40 MB where o200k's cost 70.
 */
import { countTokens as count } from 'gpt-tokenizer/encoding/cl100k_base';

/** Tokens of `text` as the model would see them. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : count(text);
}
