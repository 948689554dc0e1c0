/**
 * How a worker checks that a dependency answers again, by the names the stores' errors give it
 * (src/store/postgres.ts, src/store/vectors/chroma.ts, src/files/errors.ts, src/llm/errors.ts). Each probe is one cheap request with a
 * short time limit, made only while the worker waits.
 */
import type { Dependency } from '../domain/errors.ts';
import type { StorageSettings } from '../files/index.ts';
import { withTimeout } from '../lib/time.ts';
import type { TaskSettings } from './settings.ts';

const PROBE_TIMEOUT_MS = 3000;

const timedOut = () => new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`);

/** Resolves when an HTTP GET of `url` gets any answer below 500 (the service is up, whatever it thinks of us). */
async function answers(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  await response.body?.cancel();
  if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
}

export function dependencyProbes(
  settings: Pick<TaskSettings, 'databaseUrl' | 'vectorStore' | 'chromaUrl' | 'llmBaseUrl'> & StorageSettings,
): Partial<Record<Dependency, () => Promise<void>>> {
  const { databaseUrl, llmBaseUrl } = settings;
  // Chroma is waited for only where it holds the vectors.
  const chromaUrl = settings.vectorStore === 'chroma' ? settings.chromaUrl : undefined;
  return {
    // The uploads store: its folder, or its bucket (the S3 client loads only while a worker waits for it).
    storage: async () => {
      const { openStorage } = await import('../files/index.ts');
      const storage = await openStorage(settings);
      try {
        await withTimeout(storage.uploads.ping(), PROBE_TIMEOUT_MS, timedOut);
      } finally {
        await storage.close();
      }
    },
    ...(databaseUrl
      ? {
          postgres: async () => {
            const pg = (await import('pg')).default;
            const { poolConfig } = await import('../store/postgres.ts');
            const client = new pg.Client({
              ...poolConfig(databaseUrl),
              connectionTimeoutMillis: PROBE_TIMEOUT_MS,
            });
            client.on('error', () => {});
            try {
              await withTimeout(
                client.connect().then(() => client.query('select 1')),
                PROBE_TIMEOUT_MS,
                timedOut,
              );
            } finally {
              await client.end().catch(() => {});
            }
          },
        }
      : {}),
    ...(chromaUrl ? { chroma: () => answers(new URL('/api/v2/heartbeat', chromaUrl).href) } : {}),
    ...(llmBaseUrl ? { llm: () => answers(`${llmBaseUrl.replace(/\/$/, '')}/models`) } : {}),
  };
}
