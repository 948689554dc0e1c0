/**
 * Users and their keys. A key is `profai_` and 43 base64url characters (32 random bytes); only its SHA-256 is
 * stored, so a stolen database gives no key, and a presented key is found by the hash of what it is.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { NotFoundError } from '../domain/errors.ts';
import { checkRole, checkUserName, type Role, UserExistsError } from '../domain/users.ts';
import { isoTime } from './sql.ts';
import type { Sql } from './types.ts';

/** The recognisable start of every user key (secret scanners and people can tell one at a glance). */
export const KEY_PREFIX = 'profai_';

export interface User {
  id: string;
  name: string;
  role: Role;
  /** The key's first characters, to tell keys apart in a list. */
  keyHint: string;
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  key_hint: string;
  created_at: unknown;
  rotated_at: unknown;
  revoked_at: unknown;
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  name: r.name,
  role: r.role,
  keyHint: r.key_hint,
  createdAt: isoTime(r.created_at),
  rotatedAt: r.rotated_at ? isoTime(r.rotated_at) : null,
  revokedAt: r.revoked_at ? isoTime(r.revoked_at) : null,
});

const COLUMNS = 'id, name, role, key_hint, created_at, rotated_at, revoked_at';

/** SHA-256 of a key, hex: what is stored and looked up. */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

function newKey(): { key: string; hash: string; hint: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashKey(key), hint: `${key.slice(0, KEY_PREFIX.length + 4)}…` };
}

/** Adds a user; the key is returned once and never stored. @throws UserExistsError, InvalidUserError */
export async function addUser(db: Sql, name: string, role: string): Promise<{ user: User; key: string }> {
  checkUserName(name);
  const checkedRole = checkRole(role);
  const { key, hash, hint } = newKey();
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (id, name, role, key_hash, key_hint) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
    [randomUUID(), name, checkedRole, hash, hint],
  );
  if (!rows[0]) throw new UserExistsError(name);
  return { user: toUser(rows[0]), key };
}

/**
 * Users, oldest first.
 * @param opts.revoked - list revoked users too. @defaultValue false
 */
export async function listUsers(db: Sql, opts: { revoked?: boolean } = {}): Promise<User[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users ${opts.revoked ? '' : 'WHERE revoked_at IS NULL'} ORDER BY created_at, name`,
  );
  return rows.map(toUser);
}

/** The active user of this name (any case), or null. */
export async function findUserByName(db: Sql, name: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE lower(name) = lower($1) AND revoked_at IS NULL`,
    [name],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** The active user whose key this is, or null. */
export async function findUserByKey(db: Sql, key: string): Promise<User | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE key_hash = $1 AND revoked_at IS NULL`,
    [hashKey(key)],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

/** How many users can sign in. */
export async function countActiveUsers(db: Sql): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM users WHERE revoked_at IS NULL',
  );
  return rows[0]?.n ?? 0;
}

/** Revokes the active user of this name: their key stops working at once. @throws NotFoundError */
export async function revokeUser(db: Sql, name: string): Promise<User> {
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET revoked_at = now() WHERE lower(name) = lower($1) AND revoked_at IS NULL
     RETURNING ${COLUMNS}`,
    [name],
  );
  if (!rows[0]) throw new NotFoundError('user', name);
  return toUser(rows[0]);
}

/** A new key for the active user of this name; the old one stops working at once. @throws NotFoundError */
export async function rotateKey(db: Sql, name: string): Promise<{ user: User; key: string }> {
  const { key, hash, hint } = newKey();
  const { rows } = await db.query<UserRow>(
    `UPDATE users SET key_hash = $2, key_hint = $3, rotated_at = now()
      WHERE lower(name) = lower($1) AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [name, hash, hint],
  );
  if (!rows[0]) throw new NotFoundError('user', name);
  return { user: toUser(rows[0]), key };
}
