/**
 * Calibration when there are no job records: run the pipeline on the example PDF in fresh child processes,
 * as a worker child would (its Node flags and malloc settings), and take each one's peak RSS and CPU seconds.
 */

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv, childExecArgv } from '../../fleet/pool/child-handle.ts';
import { CalibrationError } from '../errors.ts';
import type { JobSample } from './stats.ts';

const underTsx = import.meta.url.endsWith('.ts');
const CHILD = new URL(underTsx ? './calibrate-child.ts' : './calibrate-child.js', import.meta.url);
/** The example PDF shipped with ProfAI (also in the image). */
export const SAMPLE_PDF = fileURLToPath(new URL('../../../examples/sample.pdf', import.meta.url));

type ChildAnswer = { ok: true; peakRssMb: number; cpuSeconds: number } | { ok: false; error: string };

/**
 * Why a child that crashed did: the last error line of its stderr (a heap out of memory is followed by a native
 * stack and Node's version, which say nothing), else its last line.
 */
function crashReason(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return [...lines].reverse().find((l) => /^(FATAL ERROR|[\w.]*Error\b)/.test(l)) ?? lines.at(-1);
}

function runOnce(file: string, env: NodeJS.ProcessEnv, heapMb: number): Promise<JobSample> {
  // A worker child's V8 flags (heap cap included) and malloc settings: they change its peak RSS and the CPU of a
  // cold first job.
  const execArgv = childExecArgv(underTsx ? ['--import', 'tsx'] : [], heapMb, CHILD);
  const child = fork(fileURLToPath(CHILD), [file], {
    execArgv,
    env: childEnv(env),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    let answer: ChildAnswer | undefined;
    child.on('message', (m) => {
      answer = m as ChildAnswer;
    });
    child.on('error', (err) => reject(new CalibrationError(err.message)));
    child.on('exit', (code, signal) => {
      if (answer?.ok) resolve({ peakRssMb: answer.peakRssMb, cpuSeconds: answer.cpuSeconds });
      else
        reject(
          new CalibrationError(
            answer?.error ?? (crashReason(stderr) || `child ended (${signal ?? `exit code ${code}`})`),
          ),
        );
    });
  });
}

/** Options of {@link calibrate}. */
export interface CalibrateOptions {
  /** The PDF to run. @defaultValue {@link SAMPLE_PDF} */
  file?: string;
  /** How many runs. @defaultValue 3 */
  runs?: number;
  /** The children's environment (before the malloc settings of {@link childEnv}). @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** CHILD_HEAP_MB: the V8 heap cap a worker child would have; 0 = Node's default. @defaultValue 0 */
  heapMb?: number;
}

/** Runs the pipeline on `file` `runs` times, each in a new child, one after another (so they do not compete). */
export async function calibrate(opts: CalibrateOptions = {}): Promise<JobSample[]> {
  const samples: JobSample[] = [];
  for (let i = 0; i < (opts.runs ?? 3); i++)
    samples.push(await runOnce(opts.file ?? SAMPLE_PDF, opts.env ?? process.env, opts.heapMb ?? 0));
  return samples;
}
