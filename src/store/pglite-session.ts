/**
 * The queue that shares PGlite's one session among the socket server's clients, replacing the one that ships
 * with `@electric-sql/pglite-socket` 0.2.17. That one runs each wire message on its own and keeps a client's
 * turn only inside an explicit transaction, so the messages of one extended-protocol query
 * (Parse, Bind, Describe, Execute, Sync: every `pg` query with parameters) of two clients interleave: one
 * client's Bind meets the other's statement (`portal "" does not exist`, `unnamed prepared statement does
 * not exist`, or a wrong result), and a failed message stalls its queue for good. Measured with five workers
 * of `profai up`: lost jobs and a hung client.
 *
 * Here a client keeps the session from its first message until its batch ends (a Sync or a simple Query) and,
 * while a transaction is open, until it ends. A client that leaves mid-batch or mid-transaction is cleaned up
 * after (Sync, then ROLLBACK) before anyone else runs.
 */
import type { PGlite } from '@electric-sql/pglite';

/** Extended-protocol messages after which the same client must continue (up to its Sync). */
const MID_BATCH = new Set(['P', 'B', 'D', 'E', 'C', 'H']);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

interface Entry {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
}

/** The surface `PGLiteSocketHandler` calls on its server's `queryQueue`. */
export class SessionQueue {
  #queue: Entry[] = [];
  #processing = false;
  /** The client whose batch or transaction is in progress: only its messages may run. */
  #owner: number | null = null;
  #midBatch = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ handlerId, message, onData, resolve, reject });
      void this.#process();
    });
  }

  getQueueLength(): number {
    return this.#queue.length;
  }

  /** The client disconnected: its waiting messages will never be answered. */
  clearQueueForHandler(handlerId: number): void {
    this.#queue = this.#queue.filter((e) => {
      if (e.handlerId !== handlerId) return true;
      e.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** The client disconnected: end what it left open so the next client starts from a clean session. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.#owner !== handlerId) return;
    if (this.#midBatch) {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(SYNC, { onRawData: () => {} }));
    }
    // exec takes PGlite's query lock itself: calling it inside runExclusive would wait forever.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.#owner = null;
    this.#midBatch = false;
    await this.#process();
  }

  #next(): Entry | undefined {
    const i = this.#owner === null ? 0 : this.#queue.findIndex((e) => e.handlerId === this.#owner);
    return i === -1 ? undefined : this.#queue.splice(i, 1)[0];
  }

  async #process(): Promise<void> {
    if (this.#processing) return;
    this.#processing = true;
    try {
      for (let entry = this.#next(); entry; entry = this.#next()) {
        const e = entry;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(e.message, {
              onRawData: (data) => {
                bytes += data.length;
                e.onData(data);
              },
            }),
          );
          e.resolve(bytes);
        } catch (err) {
          e.reject(err);
        }
        this.#midBatch = MID_BATCH.has(String.fromCharCode(e.message[0] ?? 0));
        this.#owner = this.#midBatch || this.db.isInTransaction() ? e.handlerId : null;
      }
    } finally {
      this.#processing = false;
    }
  }
}
