/** `profai audit [--since 1d] [--json]`: who uploaded, edited, exported, shared, deleted or replayed what. */
import { type Command, InvalidArgumentError } from 'commander';
import { parseSince, SINCE_HELP } from '../../lib/since.ts';
import { none, positiveInt, run } from '../command-kit.ts';

const since = (value: string): Date => {
  const at = parseSince(value);
  if (!at) throw new InvalidArgumentError(`expected ${SINCE_HELP}`);
  return at;
};

export function register(program: Command): void {
  program
    .command('audit')
    .description(
      'the audit trail: who uploaded, edited, exported, shared, deleted or replayed what, newest first',
    )
    .option('--since <when>', `from when: ${SINCE_HELP}`, since)
    .option('--limit <n>', 'at most this many', positiveInt, 1000)
    .option('--json', 'print JSON')
    .action(
      run(none, async (config, opts: { since?: Date; limit: number; json?: boolean }) => {
        const { auditCommand } = await import('../courses/audit.ts');
        return auditCommand(config, { ...opts, since: opts.since ?? since('1d') });
      }),
    );
}
