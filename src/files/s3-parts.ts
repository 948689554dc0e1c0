/**
 * A stream of unknown length written to S3 in parts through one buffer of {@link PART_BYTES}, reused for every
 * part: the next bytes are read only once the part before is stored, so an upload of any size holds one part in
 * memory. (The SDK's own uploader, `@aws-sdk/lib-storage`, allocates each part anew and concatenates its chunks:
 * five 100 MB uploads at once took the API from 134 to 252 MB; with this, see `npm run bench:uploads`.) A stream
 * shorter than a part is one PutObject; a failed multipart upload is aborted on the server, as far as it lets us.
 */

import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

/** Size of one part: S3's smallest (every part but the last must be at least 5 MiB). */
export const PART_BYTES = 5 * 1024 * 1024;

export interface ObjectParams {
  Bucket: string;
  Key: string;
  ContentType: string;
}

export async function putStream(
  client: S3Client,
  params: ObjectParams,
  body: Readable,
  signal?: AbortSignal,
): Promise<void> {
  const { Bucket, Key } = params;
  const options = signal ? { abortSignal: signal } : {};
  const part = Buffer.allocUnsafe(PART_BYTES);
  const parts: { ETag: string | undefined; PartNumber: number }[] = [];
  let uploadId: string | undefined;
  let filled = 0;
  const send = async (bytes: Buffer) => {
    uploadId ??= (await client.send(new CreateMultipartUploadCommand(params), options)).UploadId;
    const PartNumber = parts.length + 1;
    const command = new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body: bytes });
    parts.push({ ETag: (await client.send(command, options)).ETag, PartNumber });
  };
  // A source that waits for bytes would not notice the abort: it is ended with its reason.
  const abort = () => body.destroy(signal?.reason);
  signal?.addEventListener('abort', abort, { once: true });
  try {
    signal?.throwIfAborted();
    for await (const chunk of body as AsyncIterable<Buffer>) {
      for (let offset = 0; offset < chunk.length; ) {
        const copied = chunk.copy(part, filled, offset);
        filled += copied;
        offset += copied;
        if (filled === PART_BYTES) {
          await send(part);
          filled = 0;
        }
      }
    }
    if (!uploadId) {
      await client.send(new PutObjectCommand({ ...params, Body: part.subarray(0, filled) }), options);
      return;
    }
    if (filled > 0) await send(part.subarray(0, filled));
    const done = new CompleteMultipartUploadCommand({
      Bucket,
      Key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts },
    });
    await client.send(done, options);
  } catch (err) {
    if (uploadId)
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId })).catch(() => {});
    throw err;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}
