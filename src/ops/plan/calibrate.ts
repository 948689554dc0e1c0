/**
 * Calibration when there are no job records: run the pipeline on the example PDF in fresh child processes,
 * as a worker child would (its Node flags and malloc settings), and take each one's peak RSS and CPU seconds.
 */

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHILD_NODE_FLAGS, childEnv } from '../../fleet/pool/child-handle.ts';
import { CalibrationError } from '../errors.ts';
import type { JobSample } from './stats.ts';

const underTsx = import.meta.url.endsWith('.ts');
const CHILD = new URL(underTsx ? './calibrate-child.ts' : './calibrate-child.js', import.meta.url);
/** The example PDF shipped with ProfAI (also in the image). */
export const SAMPLE_PDF = fileURLToPath(new URL('../../../examples/sample.pdf', import.meta.url));

type ChildAnswer = { ok: true; peakRssMb: number; cpuSeconds: number } | { ok: false; error: string };

function runOnce(file: string, env: NodeJS.ProcessEnv): Promise<JobSample> {
  // A worker child's V8 flags and malloc settings: they change its peak RSS and the CPU of a cold first job.
  const execArgv = [...(underTsx ? ['--import', 'tsx'] : []), ...CHILD_NODE_FLAGS];
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
            answer?.error ??
              (stderr.trim().split('\n').pop() || `child ended (${signal ?? `exit code ${code}`})`),
          ),
        );
    });
  });
}

/**
 * Runs the pipeline on `file` `runs` times, each in a new child, one after another (so they do not compete).
 * @param runs - how many runs. @defaultValue 3
 */
export async function calibrate(
  opts: { file?: string; runs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<JobSample[]> {
  const samples: JobSample[] = [];
  for (let i = 0; i < (opts.runs ?? 3); i++)
    samples.push(await runOnce(opts.file ?? SAMPLE_PDF, opts.env ?? process.env));
  return samples;
}
