/**
 * `profai users add NAME --role ROLE | list | revoke NAME | rotate NAME`: the people who use the API, each with a
 * role and a key of their own. A key is printed once, when made; only its hash is stored.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Config } from '../../config.ts';
import { ROLES } from '../../domain/users.ts';
import { none, run } from '../command-kit.ts';

export function register(program: Command): void {
  const users = program
    .command('users')
    .description('the people who use the API: a key each, with a role (teacher, operator, admin)');
  users
    .command('add')
    .description('add a user and print their new key (shown this once)')
    .argument('<name>', 'a name people recognise, e.g. alice or alice@school.example')
    .addOption(new Option('--role <role>', 'what they reach').choices(ROLES).makeOptionMandatory())
    .option('--json', 'print the user and key as JSON')
    .action(
      withDb(async (db, name: string, opts: { role: string; json?: boolean }) => {
        const { addUser } = await import('../../store/users.ts');
        const { user, key } = await addUser(db, name, opts.role);
        await userAudit(db, user, 'added');
        return printKey(user, key, opts.json, 'added');
      }),
    );
  users
    .command('list')
    .description('list users: name, role, the start of their key, when made; --all: revoked ones too')
    .option('--all', 'revoked users too')
    .option('--json', 'print JSON')
    .action(
      withDb(async (db, opts: { all?: boolean; json?: boolean }) => {
        const [{ listUsers }, { printJson, printLine }, { renderTable }] = await Promise.all([
          import('../../store/users.ts'),
          import('../output.ts'),
          import('../table.ts'),
        ]);
        const list = await listUsers(db, { revoked: opts.all === true });
        if (opts.json) printJson(list);
        else if (list.length === 0)
          printLine('No users yet. Add one with: profai users add NAME --role teacher|operator|admin');
        else
          printLine(
            renderTable(
              ['name', 'role', 'key', 'created', 'revoked'],
              list.map((u) => [u.name, u.role, u.keyHint, u.createdAt, u.revokedAt ?? '']),
            ),
          );
        return 0;
      }),
    );
  users
    .command('own')
    .description(
      'make a user an owner of courses: the named ones, or --unowned: every course no user owns yet',
    )
    .argument('<name>')
    .argument('[courses...]', 'course ids (an id prefix or the document id works too)')
    .option('--unowned', 'every course no user owns (made before users existed, or with API_KEY)')
    .action(
      withDb(async (db, name: string, courses: string[], opts: { unowned?: boolean }) => {
        const [{ findUserByName, giveCourses }, { printLine }, { NotFoundError }, { InvalidUserError }] =
          await Promise.all([
            import('../../store/index.ts'),
            import('../output.ts'),
            import('../../domain/errors.ts'),
            import('../../domain/users.ts'),
          ]);
        if (courses.length > 0 === (opts.unowned === true))
          throw new InvalidUserError('name the courses, or give --unowned (not both)');
        const user = await findUserByName(db, name);
        if (!user) throw new NotFoundError('user', name);
        const given = await giveCourses(db, user.id, opts.unowned ? 'unowned' : courses);
        if (given.length > 0) await userAudit(db, user, 'owns', { courses: given });
        printLine(
          given.length === 0
            ? `${user.name} owned them already`
            : `${user.name} now owns ${given.length} more course(s): ${given.join(', ')}`,
        );
        return 0;
      }),
    );
  users
    .command('revoke')
    .description('revoke a user: their key stops working at once (their courses stay)')
    .argument('<name>')
    .action(
      withDb(async (db, name: string) => {
        const [{ revokeUser }, { printLine }] = await Promise.all([
          import('../../store/users.ts'),
          import('../output.ts'),
        ]);
        const user = await revokeUser(db, name);
        await userAudit(db, user, 'revoked');
        printLine(`${user.name} (${user.role}) revoked: their key no longer works`);
        return 0;
      }),
    );
  users
    .command('rotate')
    .description('give a user a new key (printed once); the old one stops working at once')
    .argument('<name>')
    .option('--json', 'print the user and key as JSON')
    .action(
      withDb(async (db, name: string, opts: { json?: boolean }) => {
        const { rotateKey } = await import('../../store/users.ts');
        const { user, key } = await rotateKey(db, name);
        await userAudit(db, user, 'rotated');
        return printKey(user, key, opts.json, 'has a new key');
      }),
    );
}

type Db = import('../../store/types.ts').Database;

/** Records a change of `profai users` in the audit trail (as the machine's user). */
async function userAudit(
  db: Db,
  user: { id: string; name: string; role: string },
  change: string,
  more: Record<string, unknown> = {},
): Promise<void> {
  const { auditByCli } = await import('../audit-cli.ts');
  await auditByCli(db, 'user', {
    kind: 'user',
    id: user.id,
    detail: { name: user.name, role: user.role, change, ...more },
  });
}

/** A command body run on the opened database (closed after). */
function withDb<A extends unknown[]>(body: (db: Db, ...args: A) => Promise<number>) {
  return run(none, async (config: Config, ...given: never[]) => {
    const args = given as unknown as A;
    const { openDatabase } = await import('../../store/index.ts');
    const db = await openDatabase(config);
    try {
      return await body(db, ...args);
    } finally {
      await db.close();
    }
  });
}

async function printKey(
  user: { name: string; role: string },
  key: string,
  json: boolean | undefined,
  what: string,
): Promise<number> {
  const { printJson, printLine } = await import('../output.ts');
  if (json) printJson({ user, key });
  else {
    process.stderr.write(
      `${user.name} (${user.role}) ${what}. The key, shown this once (it signs in to the web app and the API as ${user.name}):\n`,
    );
    printLine(key);
  }
  return 0;
}
