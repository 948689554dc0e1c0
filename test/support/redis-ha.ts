/**
 * Redis that fails over, as real processes in a temp dir on free ports: a master with a replica watched by three
 * Sentinels (`redis-server --sentinel`), and a Redis Cluster (`redis-cli --cluster create`). Each `stop()` kills
 * what it started (by PID) and removes the folder.
 */

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from './chroma.ts';
import { pollUntil, sleep } from './wait.ts';

const run = promisify(execFile);

/** One redis-server (or sentinel) process. */
interface Node {
  port: number;
  proc: ChildProcess;
}

function alive(p: ChildProcess): boolean {
  return p.exitCode === null && p.signalCode === null;
}

async function kill(p: ChildProcess): Promise<void> {
  if (!alive(p)) return;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
}

/** redis-cli against 127.0.0.1:port, its output trimmed. */
export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout.trim();
}

/** Starts `redis-server [conf] --port P ARGS` in `dir`; resolves once it answers PING. */
async function startServer(dir: string, args: string[], port?: number, conf?: string): Promise<Node> {
  const p = port ?? (await freePort());
  const proc = spawn('redis-server', [...(conf ? [conf] : []), '--port', String(p), ...args], {
    cwd: dir,
    stdio: 'ignore',
  });
  await pollUntil(
    `redis on port ${p} to answer`,
    async () => ((await redisCli(p, 'PING').catch(() => '')) === 'PONG' ? true : null),
    10_000,
  );
  return { port: p, proc };
}

/** No persistence; a replica's first sync streams at once (diskless, no delay waiting for more replicas). */
const SERVER_ARGS = [
  '--bind',
  '127.0.0.1',
  '--save',
  '',
  '--appendonly',
  'no',
  '--repl-diskless-sync',
  'yes',
  '--repl-diskless-sync-delay',
  '0',
];

/** True once the replica on `port` has finished its first sync and follows its master. */
async function replicaInSync(port: number): Promise<boolean> {
  return /master_link_status:up/.test(await redisCli(port, 'INFO', 'replication').catch(() => ''));
}

export interface SentinelGroup {
  name: string;
  /** `127.0.0.1:port` of each Sentinel, as REDIS_SENTINELS takes them. */
  sentinels: string[];
  /** Environment for a worker or client on this group: REDIS_SENTINELS and REDIS_SENTINEL_MASTER. */
  env: Record<string, string>;
  /** Port of the master the Sentinels name now. */
  masterPort(): Promise<number>;
  /** SIGKILLs the current master; resolves with its port. */
  killMaster(): Promise<number>;
  /** Waits until the Sentinels name a master other than `oldPort`; resolves with its port. */
  waitForNewMaster(oldPort: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A master, one replica and three Sentinels (quorum 2) that declare the master down after `downAfterMs`.
 * Resolves once every Sentinel knows the replica and the two other Sentinels, so that a failover can happen.
 * @param opts.downAfterMs - @defaultValue 1000
 */
/**
 * Sentinel's failover timeout here. A Sentinel that lost a leader election (votes split between the three) tries
 * again only after twice this: at Redis's example 10 s, a split first vote promoted the replica ~21 s after the kill,
 * past the 20 s the tests wait (a CI run of stop 39 failed so). At 5 s a second election comes ~11 s after the kill;
 * a failover of one replica on this host takes well under that.
 */
const FAILOVER_TIMEOUT_MS = 5000;

export async function startSentinelGroup(opts: { downAfterMs?: number } = {}): Promise<SentinelGroup> {
  const name = 'profai-test';
  const dir = await mkdtemp(join(tmpdir(), 'profai-sentinel-'));
  const nodes: Node[] = [];
  const servers = new Map<number, Node>();
  try {
    const master = await startServer(dir, SERVER_ARGS);
    const replica = await startServer(dir, [...SERVER_ARGS, '--replicaof', '127.0.0.1', String(master.port)]);
    for (const n of [master, replica]) {
      nodes.push(n);
      servers.set(n.port, n);
    }
    const sentinelPorts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(dir, `sentinel-${port}.conf`);
      await writeFile(
        conf,
        [
          `bind 127.0.0.1`,
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${master.port} 2`,
          `sentinel down-after-milliseconds ${name} ${opts.downAfterMs ?? 1000}`,
          `sentinel failover-timeout ${name} ${FAILOVER_TIMEOUT_MS}`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      nodes.push(await startServer(dir, ['--sentinel'], port, conf));
      sentinelPorts.push(port);
    }
    const sentinel = (i: number, ...args: string[]) => redisCli(sentinelPorts[i]!, 'SENTINEL', ...args);
    await pollUntil(
      'the replica to sync and the Sentinels to know it and each other',
      async () => {
        if (!(await replicaInSync(replica.port))) return null;
        for (let i = 0; i < 3; i++) {
          const replicas = await sentinel(i, 'REPLICAS', name);
          const peers = (await sentinel(i, 'SENTINELS', name)).split('\n').filter((l) => l === 'name');
          if (!replicas.includes(String(replica.port)) || peers.length < 2) return null;
        }
        return true;
      },
      20_000,
    );
    const masterPort = async () => {
      for (let i = 0; i < 3; i++) {
        const addr = await sentinel(i, 'GET-MASTER-ADDR-BY-NAME', name).catch(() => '');
        const port = Number(addr.split('\n')[1]);
        if (port) return port;
      }
      throw new Error('no Sentinel names a master');
    };
    return {
      name,
      sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`),
      env: {
        REDIS_SENTINELS: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
        REDIS_SENTINEL_MASTER: name,
      },
      masterPort,
      async killMaster() {
        const port = await masterPort();
        const node = servers.get(port);
        if (!node) throw new Error(`master on port ${port} is not one of ours`);
        await kill(node.proc);
        return port;
      },
      // Room for one split election and its retry (see FAILOVER_TIMEOUT_MS).
      waitForNewMaster: (oldPort, timeoutMs = 4 * FAILOVER_TIMEOUT_MS + 10_000) =>
        pollUntil(
          'the Sentinels to promote the replica',
          async () => {
            const port = await masterPort().catch(() => 0);
            if (!port || port === oldPort) return null;
            // Promoted: it takes writes.
            return /role:master/.test(await redisCli(port, 'INFO', 'replication').catch(() => ''))
              ? port
              : null;
          },
          timeoutMs,
        ),
      stop: () => stopAll(nodes, dir),
    };
  } catch (err) {
    await stopAll(nodes, dir);
    throw err;
  }
}

/** A free port whose cluster bus port (port + 10000) is free and valid too. */
async function clusterPort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    if ((await portFree(port)) && (await portFree(port + 10000))) return port;
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function stopAll(nodes: readonly Node[], dir: string): Promise<void> {
  await Promise.all(nodes.map((n) => kill(n.proc)));
  await rm(dir, { recursive: true, force: true });
}

export interface RedisClusterHandle {
  /** `127.0.0.1:port` of each master, as REDIS_CLUSTER_NODES takes them. */
  nodes: string[];
  env: Record<string, string>;
  /** Port of the master serving `key`'s slot now. */
  masterOf(key: string): Promise<number>;
  /** SIGKILLs the master serving `key`'s slot; resolves with its port. */
  killMasterOf(key: string): Promise<number>;
  /** Waits until another node serves `key`'s slot and the cluster is ok again; resolves with its port. */
  waitForNewMasterOf(key: string, oldPort: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A Redis Cluster of three masters (`replicas` replicas each) whose nodes count a peer as failed after
 * `nodeTimeoutMs`. Resolves once every node says `cluster_state:ok`.
 * @param opts.replicas - @defaultValue 0
 * @param opts.nodeTimeoutMs - @defaultValue 1000
 */
export async function startRedisCluster(
  opts: { replicas?: number; nodeTimeoutMs?: number } = {},
): Promise<RedisClusterHandle> {
  const dir = await mkdtemp(join(tmpdir(), 'profai-cluster-'));
  const nodes: Node[] = [];
  const replicas = opts.replicas ?? 0;
  try {
    for (let i = 0; i < 3 * (1 + replicas); i++) {
      const port = await clusterPort();
      nodes.push(
        await startServer(
          dir,
          [
            ...SERVER_ARGS,
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            String(opts.nodeTimeoutMs ?? 1000),
            // A replica takes over however long ago it last heard from its master.
            '--cluster-replica-validity-factor',
            '0',
          ],
          port,
        ),
      );
    }
    const addrs = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...addrs,
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    const ok = async (ports: number[]) => {
      for (const p of ports) {
        if (!/cluster_state:ok/.test(await redisCli(p, 'CLUSTER', 'INFO').catch(() => ''))) return null;
        // A replica still syncing cannot take over yet.
        const replication = await redisCli(p, 'INFO', 'replication').catch(() => '');
        if (/role:slave/.test(replication) && !(await replicaInSync(p))) return null;
      }
      return true;
    };
    const live = () => nodes.filter((n) => alive(n.proc)).map((n) => n.port);
    await pollUntil('the cluster to be ok', () => ok(live()), 20_000);
    const masterOf = async (key: string) => {
      const slot = Number(await redisCli(live()[0]!, 'CLUSTER', 'KEYSLOT', key));
      const probe = new Redis(live()[0]!, '127.0.0.1', { lazyConnect: true });
      try {
        await probe.connect();
        const ranges = await probe.cluster('SLOTS');
        const owner = ranges.find(([from, to]) => slot >= from && slot <= to)?.[2];
        if (!owner) throw new Error(`no node serves slot ${slot}`);
        return owner[1];
      } finally {
        probe.disconnect();
      }
    };
    const masters = nodes.slice(0, 3).map((n) => `127.0.0.1:${n.port}`);
    return {
      nodes: masters,
      env: { REDIS_CLUSTER_NODES: masters.join(',') },
      masterOf,
      async killMasterOf(key) {
        const port = await masterOf(key);
        const node = nodes.find((n) => n.port === port);
        if (!node) throw new Error(`master on port ${port} is not one of ours`);
        await kill(node.proc);
        return port;
      },
      waitForNewMasterOf: (key, oldPort, timeoutMs = 20_000) =>
        pollUntil(
          `another node to serve ${key}`,
          async () => {
            if (!(await ok(live()))) return null;
            const port = await masterOf(key).catch(() => oldPort);
            return port === oldPort ? null : port;
          },
          timeoutMs,
        ),
      stop: () => stopAll(nodes, dir),
    };
  } catch (err) {
    await stopAll(nodes, dir);
    throw err;
  }
}

export { sleep };
