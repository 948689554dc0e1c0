/**
 * The file stores of a process running tasks (a worker child for the PDF task, the supervisor for the hand-off to
 * the LLM stage): opened on first use, closed when the process retires. The S3 client loads only then.
 */
import type { Storage, StorageSettings } from '../files/index.ts';
import { UploadMissingError } from './errors.ts';

export interface LazyFiles {
  get(): Promise<Storage>;
  close(): Promise<void>;
}

export function lazyFiles(settings: StorageSettings): LazyFiles {
  let opened: Promise<Storage> | null = null;
  return {
    get: () =>
      (opened ??= import('../files/index.ts')
        .then(({ openStorage }) => openStorage(settings))
        .catch((err: unknown) => {
          opened = null;
          throw err;
        })),
    async close() {
      const current = opened;
      opened = null;
      await (await current?.catch(() => null))?.close();
    },
  };
}

/** A job's upload (`<sha256>.pdf` in the uploads store), read whole: the PDF engine needs its bytes. */
export async function readUpload(files: LazyFiles, sha256: string): Promise<Uint8Array> {
  const { pdfKey } = await import('../files/keys.ts');
  const { uploads } = await files.get();
  const bytes = await uploads.read(pdfKey(sha256));
  if (!bytes) throw new UploadMissingError(pdfKey(sha256), uploads.where);
  return bytes;
}
