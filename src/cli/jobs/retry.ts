/** The body of `profai jobs retry`: find the jobs, retry each, one line (or one JSON object) per job. */
import type { Config } from '../../config.ts';
import { withFleet } from '../../ops/commands.ts';
import { failedJobIds, type RetryAttempt, retryJobs } from '../../tasks/retry.ts';
import { printJson, printLine } from '../output.ts';
import { renderTable } from '../table.ts';

/** The flags of `profai jobs retry` (`since` in ms). */
export interface RetryFlags {
  failed?: boolean;
  since?: number;
  json?: boolean;
}

function lines(attempts: readonly RetryAttempt[]): string {
  const rows = attempts.map((a) =>
    a.ok
      ? [
          a.id,
          a.view.file ?? a.view.task,
          a.retried === a.id ? 'retried' : `retried its stage ${a.retried}`,
          a.view.state,
        ]
      : [a.id, '', `not retried: ${a.message}`, ''],
  );
  return renderTable(['job', 'what', 'result', 'state'], rows);
}

export function retryCommand(config: Config, ids: string[], flags: RetryFlags): Promise<number> {
  return withFleet(config, false, async (client) => {
    const since = flags.since === undefined ? undefined : Date.now() - flags.since;
    const wanted = ids.length > 0 ? ids : await failedJobIds(client, since);
    const { openStorage } = await import('../../files/index.ts');
    const storage = await openStorage(config);
    const attempts = await retryJobs(client, wanted, config, { uploads: storage.uploads }).finally(() =>
      storage.close(),
    );
    const retried = attempts.filter((a) => a.ok).length;
    if (flags.json) printJson(attempts);
    else if (attempts.length === 0) printLine('No failed jobs to retry.');
    else {
      printLine(lines(attempts));
      printLine(`${retried} of ${attempts.length} job${attempts.length === 1 ? '' : 's'} retried.`);
    }
    return retried === attempts.length ? 0 : 1;
  });
}
