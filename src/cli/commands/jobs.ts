/** `profai jobs retry [ID…] [--failed] [--since DURATION] [--json]`: send failed jobs back to their queue. */
import type { Command } from 'commander';
import { duration, run } from '../command-kit.ts';
import type { RetryFlags } from '../jobs/retry.ts';
import { redisOverrides } from './monitor.ts';

export function register(program: Command): void {
  const jobs = program.command('jobs').description('act on the fleet’s jobs');
  jobs
    .command('retry')
    .description(
      'send failed jobs back to their queue with fresh attempts: the named ones, or every failed one',
    )
    .argument('[ids...]', 'job ids (as the API and `profai inspect` show them)')
    .option('--failed', 'every failed job')
    .option('--since <duration>', 'the jobs that failed within this long, e.g. 30m, 2h, 1d', duration)
    .option('--json', 'print one result per job as JSON')
    .option('--redis <url>', 'Redis of the fleet (REDIS_URL)')
    .option('--prefix <prefix>', 'key prefix of the fleet (QUEUE_PREFIX)')
    .addHelpText(
      'after',
      '\nExit codes: 0 every job retried (or none failed), 1 some could not be (unknown, not failed, upload gone), 2 Redis unreachable.',
    )
    .action((ids: string[], flags: RetryFlags, command: Command) => {
      if (ids.length > 0 && (flags.failed || flags.since !== undefined))
        command.error('profai: give job ids, or --failed / --since, not both');
      if (ids.length === 0 && !flags.failed && flags.since === undefined)
        command.error('profai: say which jobs to retry: ids, --failed, or --since DURATION');
      return retry(ids, flags, command);
    });
}

const retry = run(redisOverrides, async (config, ids: string[], flags: RetryFlags) => {
  const { retryCommand } = await import('../jobs/retry.ts');
  return retryCommand(config, ids, flags);
});
