/**
 * How a request holds the model to its answer's JSON Schema (LLM_STRUCTURED_OUTPUT): provider-side structured
 * output where the provider supports it, JSON mode, or the schema in the prompt alone. Every answer is
 * validated and repaired the same way whatever the mode (client.ts).
 */

/** What is sent: `response_format: json_schema` (strict), `response_format: json_object`, or nothing. */
export type StructuredMode = 'json_schema' | 'json_object' | 'prompt';

/** The setting: a mode, or `auto` to choose one from the provider's address. */
export type StructuredSetting = StructuredMode | 'auto';

/**
 * Providers whose OpenAI-compatible endpoint enforces `response_format: { type: 'json_schema' }`: by host, or by
 * the port the local servers listen on by default (Ollama 11434, vLLM 8000, LM Studio 1234).
 */
const SCHEMA_HOSTS =
  /(?:^|\.)(?:openai\.com|openai\.azure\.com|groq\.com|mistral\.ai|openrouter\.ai|together\.xyz|together\.ai|fireworks\.ai|deepseek\.com)$/iu;
const SCHEMA_PORTS = new Set(['11434', '8000', '1234']);

const MODES: readonly string[] = ['json_schema', 'json_object', 'prompt'] satisfies StructuredMode[];

/** The mode for a setting (validated by the settings table: a mode or `auto`) and a base URL. */
export function structuredMode(setting: StructuredSetting | string, baseUrl: string): StructuredMode {
  if (MODES.includes(setting)) return setting as StructuredMode;
  try {
    const url = new URL(baseUrl);
    if (SCHEMA_HOSTS.test(url.hostname) || /ollama|vllm|lmstudio/iu.test(url.hostname)) return 'json_schema';
    if (SCHEMA_PORTS.has(url.port)) return 'json_schema';
  } catch {
    // An unreadable URL fails at the first request with its own error; JSON mode is the safe guess meanwhile.
  }
  return 'json_object';
}
