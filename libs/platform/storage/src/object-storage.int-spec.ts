import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ConfigSchema } from '@guichet/platform-config';
import { LocalS3Server, type LocalS3Endpoint } from '@guichet/platform-testing';
import { ObjectStorage } from './object-storage';
import { s3ClientFor, s3EnvFor } from './testing';

// Integration against s3rver (the local stand-in for MinIO), through the same minio client.

const MiB = 1024 * 1024;

// The config a service would load from the environment that points it at `s3`.
const configFor = (s3: LocalS3Endpoint, publicUrl?: string) => s3ConfigSchema.parse(s3EnvFor(s3, publicUrl));

describe('ObjectStorage.uploadStream', () => {
  const server = new LocalS3Server();
  let s3: LocalS3Endpoint;
  let storage: ObjectStorage<'exports'>;

  beforeAll(async () => {
    s3 = await server.start({ buckets: ['exports'] });
    storage = new ObjectStorage(configFor(s3), { partBytes: 5 * MiB });
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

describe('ObjectStorage', () => {
  const server = new LocalS3Server();
  let s3: LocalS3Endpoint;
  let publicHost: string;
  let storage: ObjectStorage<'files' | 'other'>;

  beforeAll(async () => {
    s3 = await server.start({ buckets: [] });
    publicHost = `localhost:${String(s3.port)}`;
    storage = new ObjectStorage(configFor(s3, `http://${publicHost}`));
    await storage.ensureBuckets(['files', 'other']);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('creates missing buckets, and creating them again is harmless', async () => {
    const client = s3ClientFor(s3);
    expect(await client.bucketExists('files')).toBe(true);
    expect(await client.bucketExists('other')).toBe(true);
    await expect(storage.ensureBuckets(['files', 'other'])).resolves.toBeUndefined();
  });

  it('presigns a PUT for the public host, which stores what the browser sends', async () => {
    const put = await storage.presignPut('files', 'a/upload.txt', 60, 'text/plain');
    expect(new URL(put.url).host).toBe(publicHost);
    expect(put).toMatchObject({ method: 'PUT', headers: { 'Content-Type': 'text/plain' } });
    expect(Date.parse(put.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    const response = await fetch(put.url, { method: 'PUT', headers: put.headers, body: 'bonjour' });
    expect(response.status).toBe(200);
    expect(await storage.stat('files', 'a/upload.txt')).toEqual({ size: 7 });
  });

  it('presigns a GET for the public host that downloads under the given name and type', async () => {
    await storage.put('files', 'b/doc.bin', Buffer.from('%PDF-1.7'), 'application/octet-stream');
    const get = await storage.presignGet('files', 'b/doc.bin', 60, 'Décision.pdf', 'application/pdf');
    expect(new URL(get.url).host).toBe(publicHost);
    expect(get).toMatchObject({ method: 'GET', headers: {} });
    const response = await fetch(get.url);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Decision.pdf"; filename*=UTF-8''D%C3%A9cision.pdf`);
    expect(await response.text()).toBe('%PDF-1.7');
  });

  it('answers no stat for a missing object', async () => {
    expect(await storage.stat('files', 'missing')).toBeUndefined();
  });

  it('reads the head of an object, or all of it when it is shorter', async () => {
    await storage.put('files', 'c/head.txt', Buffer.from('0123456789'), 'text/plain');
    expect((await storage.readHead('files', 'c/head.txt', 4)).toString()).toBe('0123');
    expect((await storage.readHead('files', 'c/head.txt', 100)).toString()).toBe('0123456789');
  });

  it('reads a small object whole, and refuses a larger or missing one', async () => {
    await storage.put('files', 'd/small.txt', Buffer.from('petit'), 'text/plain');
    expect((await storage.readSmall('files', 'd/small.txt', 5))?.toString()).toBe('petit');
    expect(await storage.readSmall('files', 'd/small.txt', 4)).toBeUndefined();
    expect(await storage.readSmall('files', 'd/missing.txt', 100)).toBeUndefined();
  });

  it('removes an object, and removing it again is not an error', async () => {
    await storage.put('other', 'e/gone.txt', Buffer.from('x'), 'text/plain');
    await storage.remove('other', 'e/gone.txt');
    expect(await storage.stat('other', 'e/gone.txt')).toBeUndefined();
    await expect(storage.remove('other', 'e/gone.txt')).resolves.toBeUndefined();
  });
});
