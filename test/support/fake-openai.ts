/**
 * A real HTTP server on 127.0.0.1 that speaks enough of the OpenAI API (`POST /v1/chat/completions`,
 * `POST /v1/embeddings`) for ProfAI's LLM code, with scripted answers. By default it answers every ProfAI task
 * with a valid, grounded JSON object built from the chunk tags of the prompt (see {@link groundedAnswer});
 * tests replace the script to answer badly, slowly, or with errors. Every request is recorded with its arrival
 * time. Used by the tests and by bench/llm.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  path: string;
  body: Record<string, unknown>;
  /** System prompt, first user message (the task) and last user message (a repair) ('' for embeddings). */
  system: string;
  user: string;
  last: string;
  /** ms since epoch when the request arrived. */
  at: number;
}

/** What to answer: a chat `content`, a whole JSON body, or an error status; after `delayMs`. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  content?: string;
  json?: unknown;
  delayMs?: number;
}

export type Script = (req: FakeRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAI {
  /** Base URL to give as LLM_BASE_URL: `http://127.0.0.1:<port>/v1`. */
  url: string;
  requests: FakeRequest[];
  /** Chat requests only. */
  chats(): FakeRequest[];
  setScript(script: Script): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let data = '';
    req.on('data', (c: Buffer) => {
      data += c.toString();
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });

/** Options of {@link startFakeOpenAI}. */
export interface FakeOptions {
  /**
   * The `response_format` this provider insists on, as a strict server does: `json_schema` (with a name, an
   * object schema and `strict: true`), `json_object`, or `none` (a server that rejects the field). A chat request
   * that sends anything else gets a 400 `invalid_request_error`. @defaultValue any is accepted
   */
  responseFormat?: 'json_schema' | 'json_object' | 'none';
}

/** Why a request's response_format is not what `expected` wants, or null. */
export function responseFormatProblem(
  body: Record<string, unknown>,
  expected: FakeOptions['responseFormat'],
) {
  const format = body.response_format as
    | { type?: string; json_schema?: { name?: unknown; schema?: { type?: unknown }; strict?: unknown } }
    | undefined;
  if (expected === undefined) return null;
  if (expected === 'none')
    return format === undefined ? null : `response_format is not supported (got ${format.type})`;
  if (format?.type !== expected)
    return `response_format.type must be ${expected}, got ${format?.type ?? 'none'}`;
  if (expected === 'json_schema') {
    const js = format.json_schema;
    if (typeof js?.name !== 'string') return 'response_format.json_schema.name is required';
    if (js.schema?.type !== 'object') return 'response_format.json_schema.schema must be an object schema';
    if (js.strict !== true) return 'response_format.json_schema.strict must be true';
  }
  return null;
}

export async function startFakeOpenAI(
  script: Script = () => ({}),
  opts: FakeOptions = {},
): Promise<FakeOpenAI> {
  let current = script;
  const requests: FakeRequest[] = [];
  const server = createServer((req, res) => void handle(req, res));
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const at = Date.now();
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const path = (req.url ?? '').replace(/\?.*$/, '');
    const messages = (body.messages ?? []) as { role: string; content: unknown }[];
    const text = (m?: { content: unknown }) =>
      typeof m?.content === 'string' ? m.content : JSON.stringify(m?.content ?? '');
    const fake: FakeRequest = {
      path,
      body,
      system: text(messages.find((m) => m.role === 'system')),
      user: text(messages.find((m) => m.role === 'user')),
      last: text(messages.filter((m) => m.role === 'user').at(-1)),
      at,
    };
    const index = requests.push(fake) - 1;
    const formatProblem = path.endsWith('/chat/completions')
      ? responseFormatProblem(body, opts.responseFormat)
      : null;
    if (formatProblem) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: formatProblem, type: 'invalid_request_error' } }));
      return;
    }
    const reply = await current(fake, index);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    const status = reply.status ?? 200;
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
    if (status !== 200) {
      res.end(
        JSON.stringify(reply.json ?? { error: { message: `scripted ${status}`, type: 'server_error' } }),
      );
      return;
    }
    if (path.endsWith('/embeddings')) {
      res.end(JSON.stringify(reply.json ?? embeddingsBody(body)));
      return;
    }
    const content = reply.content ?? groundedAnswer(fake);
    res.end(JSON.stringify(reply.json ?? chatBody(content, fake)));
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chats: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
    setScript: (s) => {
      current = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function chatBody(content: string, req: FakeRequest) {
  return {
    id: `chatcmpl-${req.at}`,
    object: 'chat.completion',
    created: Math.floor(req.at / 1000),
    model: String(req.body.model ?? 'fake'),
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: {
      prompt_tokens: Math.ceil((req.system.length + req.user.length) / 4),
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: Math.ceil((req.system.length + req.user.length + content.length) / 4),
    },
  };
}

/** Deterministic 8-dimensional vectors from the text's characters. */
function embeddingsBody(body: Record<string, unknown>) {
  const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  const data = input.map((text, index) => {
    const v = new Array<number>(8).fill(0);
    for (let i = 0; i < text.length; i++) v[i % 8]! += text.charCodeAt(i) % 17;
    return { object: 'embedding', index, embedding: v.map((x) => x + 1) };
  });
  return { object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } };
}

/** Chunk tags of a prompt: `[chunk <id> p.<page>]` and notes' `[chunks a, b p.<page>]`. */
export function chunkTags(prompt: string): { id: string; page: number }[] {
  const out: { id: string; page: number }[] = [];
  for (const m of prompt.matchAll(/\[chunk (\S+) p\.(\d+)/g)) out.push({ id: m[1]!, page: Number(m[2]) });
  for (const m of prompt.matchAll(/\[chunks ([^\]]+?) p\.(\d+)\]/g))
    for (const id of m[1]!.split(', ')) out.push({ id, page: Number(m[2]) });
  return out;
}

/** A valid, grounded answer to any ProfAI task, citing the prompt's own chunks. */
export function groundedAnswer(req: FakeRequest): string {
  const prompt = req.user;
  const tags = chunkTags(prompt);
  const first = tags[0] ?? { id: 'none', page: 1 };
  const task = /Task: (\w+)/.exec(prompt)?.[1];
  const name = /(?:Lesson|Module|Topic): (.+)/.exec(prompt)?.[1]?.trim() ?? 'the text';
  if (task === 'lesson_summary')
    return JSON.stringify({
      summary: tags.slice(0, 3).map((t, i) => ({
        text: `Point ${i + 1} of ${name} comes from chunk ${t.id}.`,
        citations: [{ page: t.page, chunkId: t.id }],
      })),
      keyTerms: ['term one', 'term two'],
    });
  if (task === 'module_outline')
    return JSON.stringify({
      objectives: [`Explain ${name}.`, `Summarise the lessons of ${name}.`],
      keyTerms: ['module term'],
      chunkIds: [first.id],
    });
  if (task === 'course_outline')
    return JSON.stringify({
      title: `Course: ${/Document: (.+)/.exec(prompt)?.[1] ?? 'document'}`,
      description: 'A course grounded in the document.',
      keyTerms: ['course term'],
      chunkIds: [first.id],
    });
  if (task === 'quiz_questions') {
    const n = Number(/Write (\d+) quiz/.exec(prompt)?.[1] ?? 1);
    return JSON.stringify({
      questions: Array.from({ length: n }, (_, i) => {
        const t = tags[i % Math.max(1, tags.length)] ?? first;
        return i % 2 === 0
          ? {
              kind: 'multiple_choice',
              prompt: `Question ${i + 1} on ${name} (${t.id})?`,
              options: ['alpha', 'beta', 'gamma', 'delta'],
              answerIndex: i % 4,
              explanation: `Chunk ${t.id} says so.`,
              sourcePage: t.page,
              chunkId: t.id,
            }
          : {
              kind: 'true_false',
              prompt: `Statement ${i + 1} on ${name} (${t.id}).`,
              answer: i % 3 === 0,
              explanation: `Chunk ${t.id} says so.`,
              sourcePage: t.page,
              chunkId: t.id,
            };
      }),
    });
  }
  return '{}';
}
