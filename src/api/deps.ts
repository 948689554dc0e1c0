/** What the API is built from: opened by `startApi`, or by a test against real services. */
import type { Config } from '../config.ts';
import type { FleetClient } from '../fleet/queues.ts';
import type { Database, VectorStore } from '../store/types.ts';

export interface ApiDeps {
  config: Config;
  db: Database;
  vectors: VectorStore;
  fleet: FleetClient;
  /** Resolves when Redis answers PING; rejects otherwise (health check). */
  redisPing(): Promise<void>;
  /** Longest a queue call may take while answering a request (then 503). @defaultValue 5000 */
  queueTimeoutMs?: number;
  /** Where the request log (pino JSON lines, LOG_LEVEL) goes. @defaultValue standard output */
  logStream?: { write(line: string): unknown };
}
