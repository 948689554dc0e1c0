/**
 * A PostgreSQL cluster of a test's own (Debian's initdb and pg_ctl on a free port), for tests that take the
 * database away and bring it back. initdb refuses to run as root, so as root it runs as the `postgres` user.
 *
 *   const pg = await startPgCluster();   // pg.url = postgres://postgres@127.0.0.1:PORT/postgres
 *   await pg.halt(); … await pg.restart();
 *   await pg.stop();                      // stops it and removes its files
 */
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './chroma.ts';

const BIN = (() => {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  return version ? join(root, version, 'bin') : '';
})();

export interface PgCluster {
  url: string;
  port: number;
  /** The folder of its Unix socket: reachable from outside its namespace (`{ host: socketDir, port }`). */
  socketDir: string;
  /** Stops the server (fast shutdown), keeping its data: an outage. */
  halt(): Promise<void>;
  /** Starts it again on the same port and data (after `halt` or `kill`). */
  restart(): Promise<void>;
  /** SIGKILLs the whole server (postmaster and every backend), as a crash would; `restart` recovers it. */
  kill(): Promise<void>;
  /** Stops it and removes its files. */
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary as the user that owns the cluster (inside network namespace `netns`, when given). */
function run(binary: string, args: string[], netns?: string): void {
  const command = join(BIN, binary);
  const asUser = asRoot ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
  const [file, ...rest] = netns ? ['ip', 'netns', 'exec', netns, ...asUser] : asUser;
  execFileSync(file!, rest, { stdio: 'pipe' });
}

/** Where a cluster listens: its own network namespace and address (a simulated host), or 127.0.0.1. */
export interface PgClusterOptions {
  netns?: string;
  address?: string;
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startPgCluster(opts: PgClusterOptions = {}): Promise<PgCluster> {
  if (!BIN)
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)',
    );
  const dir = mkdtempSync(join(tmpdir(), 'profai-pg-'));
  const data = join(dir, 'data');
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const address = opts.address ?? '127.0.0.1';
  // Other simulated hosts connect over their links: trusted, as 127.0.0.1 is (the namespace is the test's own).
  if (opts.address) appendFileSync(join(data, 'pg_hba.conf'), 'host all all 0.0.0.0/0 trust\n');
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=${address} -c fsync=off`;
  const restart = async () =>
    run('pg_ctl', ['-D', data, '-o', options, '-w', '-l', join(dir, 'log'), 'start'], opts.netns);
  const halt = async () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], opts.netns);
  const kill = async () => {
    const pidFile = join(data, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    for (const pid of [postmaster, ...descendants(postmaster)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    while (isAlive(postmaster)) await new Promise((r) => setTimeout(r, 20));
    // What a crashed server leaves behind and a new one would refuse to start over.
    rmSync(pidFile, { force: true });
    rmSync(join(dir, `.s.PGSQL.${port}.lock`), { force: true });
  };
  await restart();
  return {
    url: `postgres://postgres@${address}:${port}/postgres`,
    port,
    socketDir: dir,
    halt,
    restart,
    kill,
    async stop() {
      await halt().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
