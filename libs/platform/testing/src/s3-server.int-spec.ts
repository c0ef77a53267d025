import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalS3Server } from './s3-server';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('LocalS3Server', () => {
  const server = new LocalS3Server();
  let client: Client;

  beforeAll(async () => {
    const endpoint = await server.start({ port: 0 });
    client = new Client({
      endPoint: endpoint.host,
      port: endpoint.port,
      useSSL: false,
      pathStyle: true,
      accessKey: endpoint.accessKey,
      secretKey: endpoint.secretKey,
      region: endpoint.region,
    });
  });

  afterAll(() => server.stop());

  it('creates the default buckets', async () => {
    const names = (await client.listBuckets()).map((bucket) => bucket.name).sort();
    expect(names).toEqual(['attestations', 'exports', 'uploads']);
  });

  it('stores an object and gives it back', async () => {
    const content = Buffer.from('Pièce justificative — Amélie');
    await client.putObject('uploads', 'tenant-1/dossier-42/piece.txt', content, content.length, { 'Content-Type': 'text/plain; charset=utf-8' });

    const stat = await client.statObject('uploads', 'tenant-1/dossier-42/piece.txt');
    expect(stat.size).toBe(content.length);
    const read = await readAll(await client.getObject('uploads', 'tenant-1/dossier-42/piece.txt'));
    expect(read.equals(content)).toBe(true);
  });

  it('lets a browser upload cross-origin with a presigned PUT', async () => {
    const url = await client.presignedPutObject('uploads', 'browser/upload.bin', 60);
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');

    const put = await fetch(url, { method: 'PUT', body: 'octets', headers: { origin: 'http://localhost:3000', 'content-type': 'application/octet-stream' } });
    expect(put.status).toBe(200);
    expect((await readAll(await client.getObject('uploads', 'browser/upload.bin'))).toString()).toBe('octets');
  });

  it('takes a bucket list and a directory, and keeps that directory on stop', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'guichet-s3-test-'));
    const other = new LocalS3Server();
    try {
      const endpoint = await other.start({ directory, buckets: ['only-this'] });
      expect(endpoint.buckets).toEqual(['only-this']);
      const otherClient = new Client({ endPoint: endpoint.host, port: endpoint.port, useSSL: false, pathStyle: true, accessKey: 'S3RVER', secretKey: 'S3RVER' });
      expect((await otherClient.listBuckets()).map((b) => b.name)).toEqual(['only-this']);
      await other.stop();
      expect(existsSync(join(directory, 'only-this'))).toBe(true);
    } finally {
      await other.stop();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('removes its temporary directory on stop', async () => {
    const other = new LocalS3Server();
    const { directory } = await other.start();
    expect(existsSync(directory)).toBe(true);
    await other.stop();
    expect(existsSync(directory)).toBe(false);
  });

  it('reports a taken port instead of crashing', async () => {
    const other = new LocalS3Server();
    await expect(other.start({ port: server.endpoint.port })).rejects.toThrow(/already in use/);
  });
});
