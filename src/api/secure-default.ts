/**
 * Secure by default (as Redis's protected mode): the API listens on loopback unless told otherwise, and told to
 * listen anywhere else with no credential configured (no API_KEY, no user), it refuses to start.
 */
import { describeError, ProfaiError } from '../domain/errors.ts';

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export class NoCredentialError extends ProfaiError {
  constructor(host: string) {
    super(
      'no_credential',
      `HOST=${host} with no credential: anyone who reaches this address could read every course; set API_KEY (openssl rand -hex 32) or add a user (profai users add NAME --role admin), or listen on HOST=127.0.0.1`,
    );
  }
}

/**
 * @param activeUsers - how many users can sign in (asked only when needed).
 * @throws NoCredentialError when `host` is not loopback and neither API_KEY nor a user is there.
 */
export async function checkSecureDefault(
  config: { host: string; apiKey?: string | undefined },
  activeUsers: () => Promise<number>,
): Promise<void> {
  if (config.apiKey || isLoopback(config.host)) return;
  const count = await activeUsers().catch((err: unknown) => {
    throw new ProfaiError(
      'no_credential',
      `HOST=${config.host} with no API_KEY, and the database (where users are) does not answer, so whether a user exists is unknown: ${describeError(err)}`,
      { cause: err },
    );
  });
  if (count === 0) throw new NoCredentialError(config.host);
}
