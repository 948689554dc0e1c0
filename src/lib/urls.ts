/** Service URLs as they may be shown: in logs, start-up lines and `profai config`, never with a password. */

/** The URL with its password replaced by `***` (`redis://:secret@host` → `redis://:***@host`). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/([^@/]*)@/, '//***@');
  }
}

/** `redis://host:port/db` with defaults filled in and any password redacted, for `Connected to …`. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname.replace(/^\//, '') || '0';
    const auth = u.username || u.password ? `${u.username}${u.password ? ':***' : ''}@` : '';
    return `${u.protocol}//${auth}${u.hostname}:${u.port || '6379'}/${db}`;
  } catch {
    return redactUrl(url);
  }
}

/** `redis://host:port` (the database shown when not 0), password hidden: for one-line errors. */
export function redisAddress(url: string): string {
  return describeRedisUrl(url).replace(/\/0$/, '');
}

/** Where Redis is, as the settings say (config.ts's REDIS_* settings). */
export interface RedisWhere {
  redisUrl: string;
  redisSentinels: readonly string[];
  redisSentinelMaster: string;
  redisClusterNodes: readonly string[];
}

/**
 * How ProfAI reaches Redis, password hidden: `redis://host:6379/0`, `Redis master mymaster of Sentinels a:26379,…`,
 * `Redis Cluster a:7000,…`. With `short`, a URL's database is left out when it is 0 (for one-line errors).
 */
export function describeRedis(where: RedisWhere | string, opts: { short?: boolean } = {}): string {
  if (typeof where === 'string') return opts.short ? redisAddress(where) : describeRedisUrl(where);
  if (where.redisClusterNodes.length > 0) return `Redis Cluster ${where.redisClusterNodes.join(',')}`;
  if (where.redisSentinels.length > 0)
    return `Redis master ${where.redisSentinelMaster} of Sentinels ${where.redisSentinels.join(',')}`;
  return describeRedis(where.redisUrl, opts);
}
