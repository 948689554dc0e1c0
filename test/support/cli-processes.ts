/**
 * End-to-end harness: the real `profai` CLI as processes (`node --import tsx src/cli/main.ts …`), talked to
 * over HTTP like a user would, on the machine's Redis and PostgreSQL and a test-started Chroma.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JobView } from '../../src/fleet/views.ts';
import { renderPdf } from './make-pdf.ts';
import { pollUntil } from './wait.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
export const SAMPLE_PDF = fileURLToPath(new URL('../../examples/sample.pdf', import.meta.url));

export { sleep } from './wait.ts';

/** A `profai` process and what it printed. */
export interface CliProcess {
  proc: ChildProcess;
  pid: number;
  /** stdout and stderr lines so far, in arrival order. */
  lines: string[];
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True while the process runs. */
  running(): boolean;
}

/**
 * Starts `profai <args>` with `env` on top of ours. Variables set to `undefined` in `env` are removed.
 */
export function spawnProfai(args: string[], env: Record<string, string | undefined>): CliProcess {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: merged as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = () => {
    let buffer = '';
    return (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        for (const w of waiters.filter((w) => w.pattern.test(line))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    };
  };
  proc.stdout!.on('data', onData());
  proc.stderr!.on('data', onData());
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLine = (pattern: RegExp, timeoutMs = 90_000) => {
    const seen = lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no line ${pattern} in ${timeoutMs} ms from profai ${args.join(' ')}:\n${lines.slice(-40).join('\n')}`,
            ),
          ),
        timeoutMs,
      );
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(
          new Error(
            `profai ${args.join(' ')} exited (${code ?? signal}) before ${pattern}:\n${lines.slice(-40).join('\n')}`,
          ),
        );
      });
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  };
  return {
    proc,
    pid: proc.pid!,
    lines,
    waitForLine,
    exited,
    running: () => proc.exitCode === null && proc.signalCode === null,
  };
}

/** SIGKILLs what still runs (tests stop processes properly when that is what they test). */
export async function killAll(procs: readonly CliProcess[]): Promise<void> {
  for (const p of procs) if (p.running()) p.proc.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
}

/** Polls `fn` until it returns a non-null value. */
export function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined>,
  timeoutMs = 60_000,
  intervalMs?: number,
): Promise<T> {
  return pollUntil(what, fn, timeoutMs, intervalMs);
}

/**
 * How often a test asks the API for a job: as a client would, not every 50 ms. Two waiters polling at 50 ms on a
 * slow host passed the API's REQUESTS_PER_MINUTE (1,200 a key) and got 429s.
 */
const API_POLL_MS = 250;

/** A file to upload. */
export interface Upload {
  name: string;
  bytes: Uint8Array;
}

export function sampleUpload(): Upload {
  return { name: 'sample.pdf', bytes: new Uint8Array(readFileSync(SAMPLE_PDF)) };
}

/**
 * The API_KEY the end-to-end tests give the APIs they start (keys on, as deployed); every request of the helpers
 * below carries it (an API with no credential configured ignores it).
 */
export const E2E_API_KEY = `e2e-${randomBytes(12).toString('hex')}`;
const signedIn = { authorization: `Bearer ${E2E_API_KEY}` };

/** `POST /api/pdfs` with every file in one multipart request; returns the jobs. */
export async function uploadPdfs(
  baseUrl: string,
  files: readonly Upload[],
  password?: string,
): Promise<{ id: string; file: string }[]> {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([f.bytes], { type: 'application/pdf' }), f.name);
  if (password) form.append('password', password);
  const res = await fetch(`${baseUrl}/api/pdfs`, { method: 'POST', body: form, headers: signedIn });
  const body = (await res.json()) as { jobs: { id: string; file: string }[] };
  if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${JSON.stringify(body)}`);
  return body.jobs;
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: signedIn });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until the job is completed or failed (`GET /api/jobs/:id`). */
export function waitForJob(baseUrl: string, id: string, timeoutMs = 120_000): Promise<JobView> {
  return waitFor(
    `job ${id} to finish`,
    async () => {
      const view = await getJson<JobView>(`${baseUrl}/api/jobs/${id}`);
      return view.state === 'completed' || view.state === 'failed' ? view : null;
    },
    timeoutMs,
    API_POLL_MS,
  );
}

const TOPICS = [
  ['Photosynthesis', 'chlorophyll absorbs light and plants store the energy as glucose in their leaves'],
  ['Plate tectonics', 'continental plates drift on the mantle and collide to raise mountain ranges'],
  ['Cell division', 'mitosis copies the chromosomes so that each daughter cell receives a full set'],
  ['Thermodynamics', 'energy is conserved while entropy of an isolated system never decreases'],
  ['Supply and demand', 'prices rise when demand exceeds supply and fall when goods are plentiful'],
  ['Graph algorithms', 'breadth-first search visits vertices in order of their distance from the source'],
] as const;

/**
 * A lecture-notes PDF of `pages` pages, one chapter per page with a heading and paragraphs, whose text
 * includes `marker` (so every marker gives a different document).
 */
export function makeLecturePdf(marker: string, pages = 4): Promise<Uint8Array> {
  return renderPdf(
    (doc) => {
      for (let p = 0; p < pages; p++) {
        const [topic, fact] = TOPICS[p % TOPICS.length]!;
        doc.addPage();
        doc
          .font('Helvetica-Bold')
          .fontSize(20)
          .text(`Chapter ${p + 1}: ${topic}`, 72, 72);
        doc.font('Helvetica').fontSize(11);
        for (let k = 0; k < 6; k++) {
          doc.text(
            `${topic} (${marker}, part ${k + 1}). In this section we explain how ${fact}. ` +
              `Students should be able to describe why ${fact}, and give an example. `.repeat(3),
            { width: 468 },
          );
          doc.moveDown();
        }
      }
    },
    { info: { Title: `Lecture notes ${marker}`, CreationDate: new Date(0) } },
  );
}

/** Direct children of `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  return [pid, ...childPids(pid).flatMap(processTree)];
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
