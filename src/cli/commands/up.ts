/**
 * `profai up`: the whole service on one machine (API + N workers, and the embedded database when
 * DATABASE_URL is unset), and `profai serve-db`, the embedded database alone for processes started by hand.
 */
import type { Command } from 'commander';
import { int, none, positiveInt, run } from '../command-kit.ts';

export function register(program: Command): void {
  program
    .command('up')
    .description('start the API and N workers on this machine, logs prefixed; Ctrl-C stops them all')
    .option('--workers <n>', 'worker processes (WORKER_NUM 1..N)', positiveInt, 1)
    .option('--port <n>', 'API port (PORT)', positiveInt)
    .option('--concurrency <n>', 'child processes per worker (WORKER_CONCURRENCY)', positiveInt)
    .action(
      run(
        (opts) => ({ port: opts.port, concurrency: opts.concurrency }),
        async (config, opts: { workers: number; port?: number; concurrency?: number }) => {
          const { runUp } = await import('../up/up.ts');
          return runUp(config, opts);
        },
      ),
    );

  program
    .command('serve-db')
    .description('serve the embedded database (PROFAI_DATA_DIR) over the PostgreSQL protocol; prints its URL')
    .option('--port <n>', 'port to listen on (0: a free one)', int, 0)
    .action(
      run(none, async (config, opts: { port: number }) => {
        const { serveDatabase } = await import('../up/database.ts');
        return serveDatabase(config, opts.port);
      }),
    );
}
