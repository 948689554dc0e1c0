import { Redis } from 'ioredis';
import { queueRedis, redisAt } from '../src/fleet/redis.ts';
import { startSentinelGroup } from './support/redis-ha.ts';

const g = await startSentinelGroup();
const variant = process.argv[2];
try {
  const hp = g.sentinels.map((s) => ({ host: '127.0.0.1', port: Number(s.split(':')[1]) }));
  const r =
    variant === 'plain'
      ? new Redis({ sentinels: hp, name: g.name, maxRetriesPerRequest: null })
      : variant === 'fd'
        ? new Redis({ sentinels: hp, name: g.name, maxRetriesPerRequest: null, failoverDetector: true })
        : queueRedis({ ...redisAt('redis://x/0'), redisSentinels: g.sentinels, redisSentinelMaster: g.name });
  r.on('error', (e) => console.log('err', e.message.slice(0, 80)));
  r.on('ready', () => console.log('ready'));
  await r.set('a', '1');
  const old = await g.killMaster();
  const t = Date.now();
  const n = await g.waitForNewMaster(old);
  console.log('new master', n, Date.now() - t);
  const v = await Promise.race([r.get('a'), new Promise((res) => setTimeout(() => res('TIMEOUT'), 10000))]);
  console.log('get a', v, Date.now() - t, r.status);
  r.disconnect();
} finally {
  await g.stop();
}
