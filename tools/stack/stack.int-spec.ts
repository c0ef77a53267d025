import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'nats';
import { Client as MinioClient } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseExists, isPortOpen, testInfra, waitFor } from '@guichet/platform-testing';
import { createFakeRoot, randomPorts, writeFakeService } from './fake-root';
import { startStack, type StackHandle, type StackPorts } from './stack';

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function streamNames(): Promise<string[]> {
  const nc = await connect({ servers: testInfra().natsUrl });
  try {
    const jsm = await nc.jetstreamManager();
    const names: string[] = [];
    for await (const info of jsm.streams.list()) names.push(info.config.name);
    return names;
  } finally {
    await nc.close();
  }
}

const quiet = (): void => undefined;

describe('startStack', () => {
  // The stack runs for real (PostgreSQL, NATS, processes, S3, SMTP) against stand-in services.
  const fake = createFakeRoot('stack-spec');
  const fakeRoot = fake.root;

  afterAll(() => fake.remove());

  describe('a test stack', () => {
    let stack: StackHandle;
    let ports: StackPorts;

    beforeAll(async () => {
      ports = await randomPorts();
      stack = await startStack({ mode: 'test', label: 'stackspec', root: fakeRoot, ports, log: quiet, readyTimeoutMs: 30_000 });
    });

    afterAll(() => stack?.stop());

    it('runs migrations in a fresh database, seeds, and reads the demo accounts', async () => {
      expect(stack.database.name).toMatch(/^guichet_stackspec_[0-9a-f]{8}$/);
      expect(stack.database.temporary).toBe(true);
      expect(await databaseExists(stack.database.serverUrl, stack.database.name)).toBe(true);
      expect(readFileSync(join(stack.logDir, 'migrate.log'), 'utf8')).toContain('migrated');
      expect(stack.demoAccounts.map((account) => account.role)).toEqual(['agent', 'usager', 'operator']);
    });

    it('gives every service the documented environment', async () => {
      const procedures = (await (await fetch(`http://127.0.0.1:${ports.procedures}/env`)).json()) as Record<string, string>;
      expect(procedures).toMatchObject({
        NODE_ENV: 'test',
        HEALTH_PORT: String(ports.procedures),
        DATABASE_URL: stack.database.url,
        NATS_URL: testInfra().natsUrl,
        EVENTS_STREAM: `GUICHET_EVENTS_stackspec_${stack.runId}`,
        BUS_NAMESPACE: `stackspec_${stack.runId}`,
        S3_ENDPOINT: '127.0.0.1',
        S3_PORT: String(ports.s3),
        S3_USE_SSL: 'false',
        S3_ACCESS_KEY: 'S3RVER',
        S3_SECRET_KEY: 'S3RVER',
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(ports.smtp),
      });
      expect(Object.keys(procedures).filter((key) => key.startsWith('VITEST'))).toEqual([]);
      const gateway = (await (await fetch(`${stack.urls.gateway}/env`)).json()) as Record<string, string>;
      expect(gateway.PORT).toBe(String(ports.gateway));
      expect(gateway.PUBLIC_URL).toBe(`http://127.0.0.1:${ports.gateway}`);
      expect(gateway.SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/);
      expect(gateway.WEB_DIST_DIR).toBe(join(fakeRoot, 'apps', 'web', 'dist'));
      expect(stack.urls.web).toBe(`http://127.0.0.1:${ports.gateway}`);
      expect(stack.urls.gateway).toBe(stack.urls.web);
    });

    it('wires SMTP and S3: a mail sent by a service arrives, an object it stored is there', async () => {
      await expect(stack.smtp.waitForMessage((mail) => mail.subject === 'messaging démarré', { timeoutMs: 5_000 })).resolves.toMatchObject({
        from: 'Guichet <ne-pas-repondre@guichet.local>',
      });
      const s3 = new MinioClient({ endPoint: '127.0.0.1', port: ports.s3, useSSL: false, pathStyle: true, accessKey: 'S3RVER', secretKey: 'S3RVER' });
      expect((await s3.statObject('uploads', 'started-by-documents.txt')).size).toBe(2);
    });

    it('kills, starts and restarts one service', async () => {
      const before = stack.status().find((service) => service.name === 'dossiers');
      expect(before?.running).toBe(true);
      await stack.killService('dossiers');
      expect(stack.status().find((service) => service.name === 'dossiers')?.running).toBe(false);
      expect(await isPortOpen(ports.dossiers)).toBe(false);

      await stack.startService('dossiers');
      const started = stack.status().find((service) => service.name === 'dossiers');
      expect(started?.running).toBe(true);
      expect(started?.pid).not.toBe(before?.pid);

      await stack.restartService('dossiers');
      const restarted = stack.status().find((service) => service.name === 'dossiers');
      expect(restarted?.pid).not.toBe(started?.pid);
      expect((await fetch(`http://127.0.0.1:${ports.dossiers}/health/ready`)).status).toBe(200);
      expect(readFileSync(join(stack.logDir, 'dossiers.log'), 'utf8')).toContain('dossiers stopping');
    });

    it('refuses a second stack on the same ports, at once', async () => {
      const started = Date.now();
      await expect(startStack({ mode: 'test', root: fakeRoot, ports, log: quiet })).rejects.toThrow(
        new RegExp(`port ${ports.gateway} \\(gateway\\).*already in use.*another "npm start"`),
      );
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('stops everything: processes, ports, database and streams', async () => {
      const pids = stack.status().map((service) => service.pid);
      expect(await streamNames()).toContain(stack.eventsStream);
      await stack.stop();
      await stack.stop();
      await waitFor(() => pids.every((pid) => !alive(pid)), { timeoutMs: 5_000, description: 'every service to exit' });
      for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
      expect(await databaseExists(stack.database.serverUrl, stack.database.name)).toBe(false);
      const streams = await streamNames();
      expect(streams).not.toContain(stack.eventsStream);
      expect(streams).not.toContain(`${stack.eventsStream}_DLQ`);
    });
  });

  it('fails with the service log when a service dies at boot, and leaves nothing behind', async () => {
    const ports = await randomPorts();
    const logs: string[] = [];
    const attempt = startStack({
      mode: 'test',
      label: 'stackfail',
      root: fakeRoot,
      ports,
      env: { FAIL_SERVICE: 'experts' },
      log: (line) => logs.push(line),
      readyTimeoutMs: 30_000,
    });
    await expect(attempt).rejects.toThrow(/experts exited \(code 1\)[\s\S]*FAKE_SETTING is required/);
    const database = /database (guichet_stackfail_[0-9a-f]{8})/.exec(logs.join('\n'))?.[1];
    expect(database).toBeDefined();
    expect(await databaseExists(testInfra().postgresUrl, database ?? '')).toBe(false);
    for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
  });

  it('says what is not built', async () => {
    const ports = await randomPorts();
    rmSync(join(fakeRoot, 'dist/apps/exports'), { recursive: true });
    try {
      await expect(startStack({ mode: 'test', root: fakeRoot, ports, log: quiet })).rejects.toThrow(/not built: dist\/apps\/exports\/src\/main\.js/);
    } finally {
      writeFakeService(fakeRoot, 'exports');
    }
  });

  it('stops a start in progress when aborted', async () => {
    const ports = await randomPorts();
    const controller = new AbortController();
    let database: string | undefined;
    const attempt = startStack({
      mode: 'test',
      label: 'stackabort',
      root: fakeRoot,
      ports,
      env: { SLOW_SERVICE: 'experts' },
      signal: controller.signal,
      log: (line) => {
        database ??= /database (guichet_stackabort_[0-9a-f]{8})/.exec(line)?.[1];
        // Abort while the services are starting, as Ctrl-C during `npm start` would.
        if (line.startsWith('starting ')) setTimeout(() => controller.abort(new Error('Ctrl-C')), 200);
      },
    });
    await expect(attempt).rejects.toThrow('Ctrl-C');
    for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
    expect(await databaseExists(testInfra().postgresUrl, database ?? '')).toBe(false);
  });
});
