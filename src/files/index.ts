/**
 * Opens the deployment's {@link Storage} from its settings: two folders by default, two prefixes of a bucket with
 * STORAGE_URL. The S3 adapter (and the AWS SDK, a few MB of code) loads only when STORAGE_URL is set.
 */
import { join, resolve } from 'node:path';
import type { Config } from '../config.ts';
import { FolderStore } from './folder.ts';
import type { Storage } from './interfaces.ts';

export type { FileInfo, FileStore, Storage } from './interfaces.ts';

/** The settings that say where files are. */
export type StorageSettings = Pick<
  Config,
  'storageUrl' | 'storageS3PathStyle' | 'uploadDir' | 'documentsDir' | 'dataDir'
>;

/** DOCUMENTS_DIR, or `documents/` in PROFAI_DATA_DIR when it is unset. */
export function documentsDirOf(config: Pick<Config, 'documentsDir' | 'dataDir'>): string {
  return config.documentsDir ?? join(config.dataDir, 'documents');
}

/** `s3://bucket/a/b` → bucket `bucket`, prefix `a/b/` (empty for the bucket's root). */
export function parseStorageUrl(url: string): { bucket: string; prefix: string } {
  const { host, pathname } = new URL(url);
  const path = pathname.replace(/^\/+|\/+$/g, '');
  return { bucket: host, prefix: path ? `${path}/` : '' };
}

/** Where files are, in one line (`profai doctor`, start-up logs): `s3://bucket/prefix/` or the two folders. */
export function describeStorage(settings: StorageSettings): string {
  return settings.storageUrl ?? `${resolve(settings.uploadDir)}, ${resolve(documentsDirOf(settings))}`;
}

export async function openStorage(settings: StorageSettings): Promise<Storage> {
  if (!settings.storageUrl)
    return {
      kind: 'folder',
      uploads: new FolderStore(resolve(settings.uploadDir)),
      documents: new FolderStore(resolve(documentsDirOf(settings))),
      close: async () => {},
    };
  const { bucket, prefix } = parseStorageUrl(settings.storageUrl);
  const { s3Client, S3Store } = await import('./s3.ts');
  const client = await s3Client({ pathStyle: settings.storageS3PathStyle });
  return {
    kind: 's3',
    uploads: new S3Store(client, bucket, `${prefix}uploads/`),
    documents: new S3Store(client, bucket, `${prefix}documents/`),
    close: async () => client.destroy(),
  };
}
