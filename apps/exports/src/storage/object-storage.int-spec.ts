import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalS3Server, type LocalS3Endpoint } from '@guichet/platform-testing';
import { ExportStorage } from './object-storage';

// Integration against s3rver: the streaming upload the export worker relies on.

const MiB = 1024 * 1024;

describe('ExportStorage.uploadStream', () => {
  const server = new LocalS3Server();
  let s3: LocalS3Endpoint;
  let storage: ExportStorage;

  beforeAll(async () => {
    s3 = await server.start({ buckets: ['exports'] });
    storage = new ExportStorage(
      { S3_ENDPOINT: s3.host, S3_PORT: s3.port, S3_USE_SSL: false, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey, S3_REGION: s3.region },
      5 * MiB,
    );
  });

  afterAll(async () => {
    await server.stop();
  });

  const download = async (key: string) => {
    const link = await storage.presignGet('exports', key, 60, 'x.csv', 'text/csv');
    return Buffer.from(await (await fetch(link.url)).arrayBuffer());
  };

  it('uploads a stream larger than a part as a multipart upload, produced chunk by chunk', async () => {
    const body = new PassThrough();
    const upload = storage.uploadStream('exports', 'big.csv', body, 'text/csv');
    const hash = createHash('sha256');
    for (let i = 0; i < 12; i += 1) {
      const chunk = randomBytes(MiB);
      hash.update(chunk);
      if (!body.write(chunk)) await new Promise((resolve) => body.once('drain', resolve));
    }
    body.end();
    expect(await upload).toEqual({ size: 12 * MiB });
    const stored = await download('big.csv');
    expect(stored.length).toBe(12 * MiB);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(hash.digest('hex'));
  });

  it('uploads a small stream in one request', async () => {
    const body = new PassThrough();
    const upload = storage.uploadStream('exports', 'small.csv', body, 'text/csv');
    body.end('a;b\r\n');
    expect(await upload).toEqual({ size: 5 });
    expect((await download('small.csv')).toString()).toBe('a;b\r\n');
  });

  it('fails, storing nothing, when the producer fails', async () => {
    const body = new PassThrough();
    const upload = storage.uploadStream('exports', 'broken.csv', body, 'text/csv');
    body.write(randomBytes(6 * MiB));
    body.destroy(new Error('page failed'));
    await expect(upload).rejects.toThrow('page failed');
    const link = await storage.presignGet('exports', 'broken.csv', 60, 'x.csv', 'text/csv');
    expect((await fetch(link.url)).status).toBe(404);
  });
});
