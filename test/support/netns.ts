/**
 * Simulated hosts on one machine: a Linux network namespace per host, each joined by a veth pair to a bridge in
 * a `hub` namespace, which is itself a host (the services'). Every address is inside these namespaces (a random
 * 10.x.y.0/24 on the test's own links): no traffic leaves them, and none reaches the machine's own network. A
 * host's link can be cut (its veth end on the bridge set down), as a cable pulled out. Needs root (`ip netns`);
 * {@link netnsUnavailable} says why not otherwise.
 *
 *   const hosts = createHosts(['api', 'w1', 'w2']);   // + 'hub'
 *   hosts.spawn('w1', process.execPath, [...], { env });
 *   hosts.cut('w2'); … hosts.remove();
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';

export interface Hosts {
  /** `hub` (the services) and the names given. */
  names: string[];
  addressOf(host: string): string;
  /** The namespace of a host, for `ip netns exec`. */
  netnsOf(host: string): string;
  /** Starts `command` inside the host's namespace, in a process group of its own (see {@link killGroup}). */
  spawn(
    host: string,
    command: string,
    args: string[],
    opts: { env: NodeJS.ProcessEnv; cwd?: string },
  ): ChildProcess;
  /** Runs a command inside the host's namespace and returns its output. */
  run(host: string, command: string, args: string[]): string;
  /** Takes the host's link down: nothing reaches it, nothing leaves it. */
  cut(host: string): void;
  /** Deletes every namespace (and so every link). */
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' }).toString();

/** Why namespaces cannot be made here, or null when they can. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'network namespaces need root (`ip netns add`)';
  const probe = `pf-probe-${randomBytes(3).toString('hex')}`;
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return null;
  } catch (err) {
    return `ip netns is not permitted here: ${(err as Error).message.split('\n')[0]}`;
  }
}

export function createHosts(hostNames: string[]): Hosts {
  const tag = randomBytes(2).toString('hex');
  const subnet = `10.${randomInt(200, 250)}.${randomInt(1, 254)}`;
  const names = ['hub', ...hostNames];
  const netnsOf = (host: string) => `pf${tag}-${host}`;
  const index = (host: string) => {
    const i = names.indexOf(host);
    if (i < 0) throw new Error(`no host ${host}`);
    return i;
  };
  const addressOf = (host: string) => `${subnet}.${index(host) + 1}`;
  const bridgeEnd = (host: string) => `vb${tag}${index(host)}`;
  const made: string[] = [];
  const remove = () => {
    for (const ns of made.reverse()) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // gone already
      }
    }
    made.length = 0;
  };
  try {
    const hub = netnsOf('hub');
    ip('netns', 'add', hub);
    made.push(hub);
    ip('-n', hub, 'link', 'set', 'lo', 'up');
    ip('-n', hub, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', hub, 'addr', 'add', `${addressOf('hub')}/24`, 'dev', 'br0');
    ip('-n', hub, 'link', 'set', 'br0', 'up');
    for (const host of hostNames) {
      const ns = netnsOf(host);
      ip('netns', 'add', ns);
      made.push(ns);
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      const inHost = `vh${tag}${index(host)}`;
      // Made inside the host's namespace, the other end moved to the hub's: never an interface of the machine's.
      ip('-n', ns, 'link', 'add', inHost, 'type', 'veth', 'peer', 'name', bridgeEnd(host), 'netns', hub);
      ip('-n', ns, 'addr', 'add', `${addressOf(host)}/24`, 'dev', inHost);
      ip('-n', ns, 'link', 'set', inHost, 'up');
      ip('-n', hub, 'link', 'set', bridgeEnd(host), 'master', 'br0');
      ip('-n', hub, 'link', 'set', bridgeEnd(host), 'up');
    }
  } catch (err) {
    remove();
    throw err;
  }
  return {
    names,
    addressOf,
    netnsOf,
    spawn: (host, command, args, opts) =>
      spawn('ip', ['netns', 'exec', netnsOf(host), command, ...args], {
        env: opts.env,
        cwd: opts.cwd,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    run: (host, command, args) =>
      execFileSync('ip', ['netns', 'exec', netnsOf(host), command, ...args], { stdio: 'pipe' }).toString(),
    cut: (host) => ip('-n', netnsOf('hub'), 'link', 'set', bridgeEnd(host), 'down'),
    remove,
  };
}

/** SIGKILLs a process started by {@link Hosts.spawn} and everything in its group (a worker's children too). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone already
  }
}
