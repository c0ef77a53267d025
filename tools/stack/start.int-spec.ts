import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, isPortOpen, testInfra, waitFor } from '@guichet/platform-testing';
import { compileStackInto, createFakeRoot, randomPorts, write } from './fake-root';
import { findRepoRoot, type StackPorts } from './stack';

// `npm start` as a developer runs it, in a fake repository: node_modules present and up to date,
// a no-op build, stand-in services, and a dist/tools/stack/stack.js that points the development
// stack at a throwaway database and stream instead of the real "guichet" ones.
const repoRoot = findRepoRoot();
const fake = createFakeRoot('start-spec');
const suffix = `${process.pid}`;
const database = `guichet_startspec_${suffix}`;
const namespace = `startspec_${suffix}`;
const stream = `GUICHET_EVENTS_${namespace}`;

interface Run {
  child: ChildProcess;
  output(): string;
  exit: Promise<number | null>;
}

function startScript(ports: StackPorts, extraEnv: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [join(fake.root, 'tools/stack/start.mjs')], {
    cwd: fake.root,
    env: { ...process.env, GUICHET_STACK_PORTS: JSON.stringify(ports), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function allClosed(ports: StackPorts): Promise<boolean> {
  for (const port of Object.values(ports)) if (await isPortOpen(port)) return false;
  return true;
}

describe('npm start (tools/stack/start.mjs)', () => {
  beforeAll(async () => {
    symlinkSync(join(repoRoot, 'node_modules'), join(fake.root, 'node_modules'));
    // Older than node_modules/.package-lock.json: no reinstall.
    write(join(fake.root, 'package-lock.json'), '{}');
    utimesSync(join(fake.root, 'package-lock.json'), new Date('2000-01-01'), new Date('2000-01-01'));
    write(join(fake.root, 'tools/build/build.mjs'), "console.log('fake build');\n");
    await compileStackInto(fake.root);
    // The real stack module under another name, wrapped to use a throwaway database and stream.
    renameSync(join(fake.root, 'dist/tools/stack/stack.js'), join(fake.root, 'dist/tools/stack/real-stack.js'));
    write(
      join(fake.root, 'dist/tools/stack/stack.js'),
      `const real = require('./real-stack.js');
exports.startStack = (options) => real.startStack({ ...options, database: ${JSON.stringify(database)}, busNamespace: ${JSON.stringify(namespace)}, eventsStream: ${JSON.stringify(stream)} });
`,
    );
  });

  afterAll(async () => {
    await dropDatabase(testInfra().postgresUrl, database);
    const nc = await connect({ servers: testInfra().natsUrl });
    const jsm = await nc.jetstreamManager();
    for (const name of [stream, `${stream}_DLQ`]) await jsm.streams.delete(name).catch(() => false);
    await nc.close();
    fake.remove();
  });

  it('starts everything, prints URLs and demo accounts, refuses a second run, and stops cleanly on Ctrl-C', async () => {
    const ports = await randomPorts();
    const first = startScript(ports);
    try {
      await waitFor(() => first.output().includes('Press Ctrl-C to stop everything.'), {
        timeoutMs: 60_000,
        intervalMs: 100,
        description: 'npm start to be ready',
      }).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- output ---\n${first.output()}`);
      });
      const output = first.output();
      expect(output).toContain('fake build');
      expect(output).toContain('warning: apps/web/vite.config.ts does not exist yet');
      expect(output).toContain(`Web app and API     http://localhost:${ports.gateway}`);
      expect(output).toContain(`Mails (SMTP sink)   http://localhost:${ports.smtpHttp}`);
      expect(output).toContain(`S3 (s3rver)         http://127.0.0.1:${ports.s3}`);
      expect(output).toMatch(/agent\s+agent@demo\.guichet\.local\s+agent-demo-1/);
      expect(output).toContain('migrated');
      expect((await fetch(`http://127.0.0.1:${ports.gateway}/health/ready`)).status).toBe(200);

      const started = Date.now();
      const second = startScript(ports);
      expect(await second.exit).toBe(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(second.output()).toContain(`port ${ports.gateway} is already in use: is another "npm start" running?`);
    } finally {
      first.child.kill('SIGINT');
    }
    expect(await first.exit).toBe(0);
    expect(first.output()).toContain('[stack] stopped');
    expect(await allClosed(ports)).toBe(true);
  });

  it('cancels a start in progress on Ctrl-C and leaves nothing running', async () => {
    const ports = await randomPorts();
    // experts takes 20 s to listen: Ctrl-C arrives while the stack waits for it.
    const run = startScript(ports, { SLOW_SERVICE: 'experts' });
    await waitFor(() => run.output().includes('[stack] starting '), { timeoutMs: 60_000, description: 'services to be starting' });
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.output()).toContain('cancelling the start');
    await waitFor(() => allClosed(ports), { timeoutMs: 5_000, description: 'every port to be closed' });
  });
});
