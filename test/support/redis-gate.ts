/**
 * A TCP gate in front of the machine's Redis that lets its first `passFirst` connections through and holds every
 * later one (accepted, never answered: ioredis waits for its ready check) until {@link RedisGate.open}. A worker
 * behind it connects (its shared connection), then hangs in BullMQ's `waitUntilReady` (the Workers' blocking
 * connections): a test can make things happen while a worker is getting ready.
 */
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

export interface RedisGate {
  /** `redis://127.0.0.1:PORT/0` */
  url: string;
  /** Connections held so far. */
  held(): number;
  /** Forwards the held connections, and every later one. */
  open(): void;
  close(): Promise<void>;
}

export async function startRedisGate(
  passFirst: number,
  target = { host: '127.0.0.1', port: 6379 },
): Promise<RedisGate> {
  const sockets: Socket[] = [];
  const waiting: Socket[] = [];
  let accepted = 0;
  let opened = false;
  const forward = (socket: Socket) => {
    const upstream = connect(target.port, target.host);
    sockets.push(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    socket.pipe(upstream).pipe(socket);
  };
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    if (opened || accepted++ < passFirst) forward(socket);
    else waiting.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const gate: RedisGate = {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}/0`,
    held: () => waiting.length,
    open() {
      opened = true;
      for (const socket of waiting.splice(0)) forward(socket);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return gate;
}
