/** `profai up`'s secure default: refuses at start, as `profai api` does, to listen beyond loopback with no credential. */
import { checkSecureDefault } from '../../api/secure-default.ts';
import type { Config } from '../../config.ts';
import { describeError } from '../../domain/errors.ts';

/** The one-line reason `up` must not start, or null. Reads the database only when HOST is not loopback and API_KEY unset. */
export async function secureDefaultRefusal(
  config: Config,
  databaseUrl: string | undefined,
): Promise<string | null> {
  try {
    await checkSecureDefault(config, async () => {
      if (!databaseUrl) return 0;
      const [{ openPostgres }, { countActiveUsers }] = await Promise.all([
        import('../../store/postgres.ts'),
        import('../../store/users.ts'),
      ]);
      const db = await openPostgres(databaseUrl);
      try {
        return await countActiveUsers(db);
      } finally {
        await db.close();
      }
    });
    return null;
  } catch (err) {
    return describeError(err);
  }
}
