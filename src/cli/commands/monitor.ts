/** `profai monitor`: the fleet's workers and queues, once or refreshed in place. */
import { type Command, InvalidArgumentError } from 'commander';
import { run } from '../command-kit.ts';

/** Seconds, at least 0.2. */
export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.2) throw new InvalidArgumentError('expected a number of seconds ≥ 0.2');
  return n;
}

/**
 * `--redis URL` and `--prefix P` override REDIS_URL and QUEUE_PREFIX (shared with `profai inspect`); a URL given
 * means that one Redis, whatever REDIS_SENTINELS or REDIS_CLUSTER_NODES say.
 */
export const redisOverrides = (opts: Record<string, unknown>) => ({
  redisUrl: opts.redis,
  queuePrefix: opts.prefix,
  ...(opts.redis ? { redisSentinels: [], redisClusterNodes: [] } : {}),
});

export function register(program: Command): void {
  program
    .command('monitor')
    .description('show workers (pool, concurrency, active tasks, RSS, CPU, done, recycled) and queue depths')
    .option('--watch', 'refresh in place until Ctrl-C')
    .option('--interval <seconds>', 'seconds between refreshes with --watch', seconds, 2)
    .option('--json', 'print a JSON snapshot (with --watch: one JSON line per refresh)')
    .option('--redis <url>', 'Redis of the fleet (REDIS_URL)')
    .option('--prefix <prefix>', 'key prefix of the fleet (QUEUE_PREFIX)')
    .addHelpText('after', '\nExit codes: 0 shown, 2 Redis unreachable.')
    .action(
      run(redisOverrides, async (config, opts: { watch?: boolean; interval: number; json?: boolean }) => {
        const { monitorCommand } = await import('../../ops/commands.ts');
        return monitorCommand(config, opts);
      }),
    );
}
