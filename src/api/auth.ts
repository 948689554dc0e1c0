/**
 * Who is asking (authentication): sets `request.principal` from the key a request carries, as
 * `Authorization: Bearer KEY` or `X-API-Key: KEY`: a user's key (`profai users add`) is that user, API_KEY is
 * {@link LEGACY_ADMIN}. Whether the principal may call the route is authorize.ts's business.
 *
 * Open mode: with no credential configured at all (no API_KEY and no active user) on a loopback HOST, requests
 * need no key and act as the admin (`profai up` on a laptop); the principal stays unset. As soon as a user
 * is added the running API asks for keys (the count is read again every {@link USERS_RECHECK_MS}). On any other
 * address there is no open mode: startApi refuses to start without a credential (secure-default.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { countActiveUsers, findUserByKey } from '../store/index.ts';
import type { Database } from '../store/types.ts';
import type { AuthFailureLimit } from './auth-limit.ts';
import { ApiError } from './errors.ts';
import { LEGACY_ADMIN, type Principal } from './principal.ts';
import { isLoopback } from './secure-default.ts';

/** How long the answer to "are there users?" is trusted in open mode. */
export const USERS_RECHECK_MS = 2000;

/** The key a request carries, if any. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
  return match?.[1];
}

/**
 * Compares in constant time. Both sides are hashed first so that neither the length nor a common
 * prefix of the expected key shows in the timing.
 */
export function keyMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Tells who a key is, and whether keys are needed at all. */
export class Authenticator {
  private usersKnown: { count: number; at: number } | undefined;

  constructor(
    private readonly config: Pick<Config, 'apiKey' | 'host'>,
    private readonly db: Database,
  ) {}

  /** The principal of `key`, or null when it is nobody's. */
  async principalOf(key: string): Promise<Principal | null> {
    if (this.config.apiKey && keyMatches(key, this.config.apiKey)) return LEGACY_ADMIN;
    const user = await findUserByKey(this.db, key);
    return user ? { id: user.id, name: user.name, role: user.role } : null;
  }

  /** True when requests need no key (no credential configured, loopback only). */
  async open(): Promise<boolean> {
    if (this.config.apiKey || !isLoopback(this.config.host)) return false;
    const known = this.usersKnown;
    if (known && Date.now() - known.at < USERS_RECHECK_MS) return known.count === 0;
    try {
      const count = await countActiveUsers(this.db);
      this.usersKnown = { count, at: Date.now() };
      return count === 0;
    } catch (err) {
      // The database is briefly away: the last answer holds (uploads are taken during an outage).
      if (known) return known.count === 0;
      throw err;
    }
  }
}

/**
 * Sets `request.principal` on every request to a route that is not public (`isPublic`); 401 without a key
 * (outside open mode) or with one that is nobody's. With `failures` (auth-limit.ts), an address past its wrong
 * keys' limit is refused (429) before its key is looked at, and each wrong key is counted.
 */
export function installAuth(
  app: FastifyInstance,
  auth: Authenticator,
  isPublic: (request: FastifyRequest) => boolean,
  failures?: AuthFailureLimit | null,
): void {
  app.addHook('onRequest', async (request) => {
    if (isPublic(request)) return;
    const key = presentedKey(request);
    if (await auth.open()) return;
    if (key === undefined)
      throw new ApiError(
        401,
        'unauthorized',
        'API key required: send `Authorization: Bearer KEY` or `X-API-Key: KEY`',
      );
    await failures?.check(request);
    const principal = await auth.principalOf(key);
    if (!principal) {
      await failures?.failed(request);
      throw new ApiError(401, 'unauthorized', 'API key is not valid');
    }
    failures?.recheck(request);
    request.principal = principal;
  });
}
