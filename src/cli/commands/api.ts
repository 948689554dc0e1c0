/** `profai api`: the HTTP API on HOST:PORT (see src/api/server.ts). Stops on SIGTERM/SIGINT. */
import type { Command } from 'commander';
import { positiveInt, run } from '../command-kit.ts';
import { exitWhenIdle, stopWhenParentLeaves } from '../up/lifecycle.ts';

/** The address to show: a wildcard bind is reached through loopback on this machine. */
export function displayUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//localhost:');
}

export function register(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API (needs DATABASE_URL and Redis; `profai up` starts everything)')
    .option('--port <n>', 'port to listen on (PORT)', positiveInt)
    .option('--host <address>', 'address to listen on (HOST)')
    .action(
      run(
        (opts) => ({ port: opts.port, host: opts.host }),
        async (config) => {
          const { startApi } = await import('../../api/server.ts');
          const api = await startApi(config);
          const url = displayUrl(api.url);
          process.stdout.write(`ProfAI API listening on ${url}\nWeb app: ${url}/\nAPI docs: ${url}/docs\n`);
          await new Promise<void>((resolve) => {
            process.once('SIGTERM', resolve);
            process.once('SIGINT', resolve);
            stopWhenParentLeaves(resolve);
          });
          await api.close();
          exitWhenIdle(0);
          return 0;
        },
      ),
    );
}
