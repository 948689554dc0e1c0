/** `profai inspect ping|stats|active|registered`: ask the live workers, like `celery inspect`. */
import { type Command, Option } from 'commander';
import { run } from '../command-kit.ts';
import { redisOverrides } from './monitor.ts';

const ACTIONS = ['ping', 'stats', 'active', 'registered'] as const;

export function register(program: Command): void {
  program
    .command('inspect')
    .description('ask the live workers: ping, stats, active (tasks running now), registered (task names)')
    .addArgument(program.createArgument('<action>', 'what to ask').choices(ACTIONS as unknown as string[]))
    .option('--json', 'print JSON keyed by worker hostname')
    .addOption(
      new Option(
        '-d, --destination <workers>',
        'only these workers (comma-separated, e.g. worker1@host)',
      ).argParser((v) => v.split(',').map((s) => s.trim())),
    )
    .option('--redis <url>', 'Redis of the fleet (REDIS_URL)')
    .option('--prefix <prefix>', 'key prefix of the fleet (QUEUE_PREFIX)')
    .addHelpText('after', '\nExit codes: 0 answered, 1 no worker replied, 2 Redis unreachable.')
    .action(
      run(
        redisOverrides,
        async (
          config,
          action: (typeof ACTIONS)[number],
          opts: { json?: boolean; destination?: string[] },
        ) => {
          const { inspectCommand } = await import('../../ops/commands.ts');
          return inspectCommand(config, action, opts);
        },
      ),
    );
}
