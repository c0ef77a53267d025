import type { Readable } from 'node:stream';
import { Client, type ClientOptions } from 'minio';
import type { S3Config } from '@guichet/platform-config';
import { attachmentDisposition } from './content-disposition';

export interface PresignedUrl {
  url: string;
  method: 'GET' | 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

export interface ObjectStat {
  size: number;
}

/** S3 accepts parts of 5 MiB and more (the last one excepted); 8 MiB keeps memory low and parts few. */
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

export interface ObjectStorageOptions {
  /** Part size of streamed uploads (tests lower it to S3's 5 MiB minimum). */
  partBytes?: number;
}

/**
 * A service's access to S3 (MinIO in production, s3rver locally), typed by the service's bucket
 * names. Server-side calls go to S3_ENDPOINT; presigned URLs are signed for S3_PUBLIC_URL when set,
 * because the signature covers the host the browser will use.
 */
export class ObjectStorage<Bucket extends string = string> {
  private readonly client: Client;
  private readonly publicClient: Client;
  private readonly partBytes: number;

  constructor(config: S3Config, options: ObjectStorageOptions = {}) {
    const common = { accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, region: config.S3_REGION, pathStyle: true };
    this.client = new Client({ ...common, endPoint: config.S3_ENDPOINT, port: config.S3_PORT, useSSL: config.S3_USE_SSL });
    this.publicClient = config.S3_PUBLIC_URL ? new Client({ ...common, ...publicEndpoint(config.S3_PUBLIC_URL) }) : this.client;
    this.partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  }

  /** Creates the buckets that do not exist yet; another replica creating one at the same time is fine. */
  async ensureBuckets(names: readonly Bucket[]): Promise<void> {
    for (const name of names) {
      if (await this.client.bucketExists(name)) continue;
      try {
        await this.client.makeBucket(name);
      } catch (error) {
        const code = s3ErrorCode(error);
        if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
      }
    }
  }

  async presignPut(bucket: Bucket, key: string, expirySeconds: number, contentType: string): Promise<PresignedUrl> {
    const url = await this.publicClient.presignedPutObject(bucket, key, expirySeconds);
    return { url, method: 'PUT', headers: { 'Content-Type': contentType }, expiresAt: expiresAt(expirySeconds) };
  }

  /** A GET that downloads under `fileName` with the given type, whatever the object's metadata says. */
  async presignGet(bucket: Bucket, key: string, expirySeconds: number, fileName: string, contentType: string): Promise<PresignedUrl> {
    const url = await this.publicClient.presignedGetObject(bucket, key, expirySeconds, {
      'response-content-disposition': attachmentDisposition(fileName),
      'response-content-type': contentType,
    });
    return { url, method: 'GET', headers: {}, expiresAt: expiresAt(expirySeconds) };
  }

  /** The object's size, or `undefined` when there is no such object. */
  async stat(bucket: Bucket, key: string): Promise<ObjectStat | undefined> {
    try {
      const stat = await this.client.statObject(bucket, key);
      return { size: stat.size };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Up to `length` first bytes of an object (fewer when it is shorter). */
  async readHead(bucket: Bucket, key: string, length: number): Promise<Buffer> {
    const stream = await this.client.getPartialObject(bucket, key, 0, length);
    return readAtMost(stream, length);
  }

  /** The whole object, refusing more than `maxBytes` (images embedded in a PDF, never user-sized data). */
  async readSmall(bucket: Bucket, key: string, maxBytes: number): Promise<Buffer | undefined> {
    const stat = await this.stat(bucket, key);
    if (!stat || stat.size > maxBytes) return undefined;
    return readAtMost(await this.client.getObject(bucket, key), maxBytes);
  }

  async put(bucket: Bucket, key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.putObject(bucket, key, body, body.length, { 'Content-Type': contentType });
  }

  /**
   * Uploads a stream of unknown length as it is produced, holding at most one part in memory: a
   * single PUT when it all fits in one part, else a multipart upload. (minio's putObject does the
   * multipart part too, but first lists the bucket's unfinished uploads to resume one, which s3rver
   * does not implement and which we never want: a retried upload writes its object anew.)
   */
  async uploadStream(bucket: Bucket, key: string, body: Readable, contentType: string): Promise<{ size: number }> {
    const headers = { 'Content-Type': contentType };
    const parts: { part: number; etag: string }[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    let uploadId: string | undefined;
    const sendPart = async (): Promise<void> => {
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      uploadId ??= await this.client.initiateNewMultipartUpload(bucket, key, headers);
      const part = parts.length + 1;
      const { etag } = await this.client.uploadPart({ bucketName: bucket, objectName: key, uploadID: uploadId, partNumber: part, headers: { 'Content-Length': chunk.length } }, chunk);
      parts.push({ part, etag });
    };
    try {
      for await (const data of body as AsyncIterable<Buffer | string>) {
        const chunk = typeof data === 'string' ? Buffer.from(data) : data;
        pending.push(chunk);
        pendingBytes += chunk.length;
        total += chunk.length;
        if (pendingBytes >= this.partBytes) await sendPart();
      }
      if (uploadId === undefined) {
        await this.client.putObject(bucket, key, Buffer.concat(pending, pendingBytes), pendingBytes, headers);
      } else {
        if (pendingBytes > 0) await sendPart();
        await this.client.completeMultipartUpload(bucket, key, uploadId, parts);
      }
      return { size: total };
    } catch (error) {
      // The producer must stop too; an unfinished multipart upload is dropped (best effort, S3 also expires them).
      body.destroy(error instanceof Error ? error : new Error(String(error)));
      if (uploadId !== undefined) await this.client.abortMultipartUpload(bucket, key, uploadId).catch(() => undefined);
      throw error;
    }
  }

  /** Deleting a missing object is not an error (S3 semantics), so this is safe to repeat. */
  async remove(bucket: Bucket, key: string): Promise<void> {
    await this.client.removeObject(bucket, key);
  }
}

function expiresAt(expirySeconds: number): string {
  return new Date(Date.now() + expirySeconds * 1000).toISOString();
}

/** The S3 error code minio puts on its errors (`NoSuchKey`…), if any. */
export function s3ErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function isNotFound(error: unknown): boolean {
  const code = s3ErrorCode(error);
  return code === 'NotFound' || code === 'NoSuchKey';
}

async function readAtMost(stream: Readable, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.length;
    if (total >= length) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, length);
}

/** `https://s3.example.fr` → the client options that make presigned URLs point there. */
export function publicEndpoint(publicUrl: string): Pick<ClientOptions, 'endPoint' | 'port' | 'useSSL'> {
  const url = new URL(publicUrl);
  if (url.pathname !== '/' && url.pathname !== '') {
    // A path prefix would change what is signed; S3 behind a sub-path is not supported.
    throw new Error(`S3_PUBLIC_URL must not have a path (got ${publicUrl})`);
  }
  const useSSL = url.protocol === 'https:';
  return { endPoint: url.hostname, port: url.port ? Number(url.port) : useSSL ? 443 : 80, useSSL };
}
