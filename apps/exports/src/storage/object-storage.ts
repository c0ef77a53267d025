import type { Readable } from 'node:stream';
import { Client, type ClientOptions } from 'minio';
import type { S3Config } from '@guichet/platform-config';

export const buckets = { exports: 'exports' } as const;
export type BucketName = (typeof buckets)[keyof typeof buckets];

export interface PresignedUrl {
  url: string;
  method: 'GET' | 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/** S3 accepts parts of 5 MiB and more (the last one excepted); 8 MiB keeps memory low and parts few. */
export const DEFAULT_PART_BYTES = 8 * 1024 * 1024;

/**
 * The exports service's access to S3 (MinIO in production, s3rver locally). Server-side calls go to
 * S3_ENDPOINT; presigned URLs are signed for S3_PUBLIC_URL when set, the host browsers use.
 */
export class ExportStorage {
  private readonly client: Client;
  private readonly publicClient: Client;

  constructor(
    config: S3Config,
    private readonly partBytes = DEFAULT_PART_BYTES,
  ) {
    const common = { accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY, region: config.S3_REGION, pathStyle: true };
    this.client = new Client({ ...common, endPoint: config.S3_ENDPOINT, port: config.S3_PORT, useSSL: config.S3_USE_SSL });
    this.publicClient = config.S3_PUBLIC_URL ? new Client({ ...common, ...publicEndpoint(config.S3_PUBLIC_URL) }) : this.client;
  }

  /** Creates the buckets that do not exist yet; another replica creating one at the same time is fine. */
  async ensureBuckets(names: readonly string[]): Promise<void> {
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

  async presignGet(bucket: BucketName, key: string, expirySeconds: number, fileName: string, contentType: string): Promise<PresignedUrl> {
    const url = await this.publicClient.presignedGetObject(bucket, key, expirySeconds, {
      'response-content-disposition': attachmentDisposition(fileName),
      'response-content-type': contentType,
    });
    return { url, method: 'GET', headers: {}, expiresAt: new Date(Date.now() + expirySeconds * 1000).toISOString() };
  }

  /**
   * Uploads a stream of unknown length as it is produced, holding at most one part in memory: a
   * single PUT when it all fits in one part, else a multipart upload. (minio's putObject does the
   * multipart part too, but first lists the bucket's unfinished uploads to resume one, which s3rver
   * does not implement and which we never want: a retried export writes its object anew.)
   */
  async uploadStream(bucket: BucketName, key: string, body: Readable, contentType: string): Promise<{ size: number }> {
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
}

/** The S3 error code minio puts on its errors (`NoSuchKey`…), if any. */
export function s3ErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** `attachment` with an ASCII fallback name and the exact UTF-8 one (RFC 6266, RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const cleaned = fileName.replace(/[\r\n\\/]+/g, ' ').trim() || 'export';
  const fallback = cleaned
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["%;]/g, '_');
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
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
