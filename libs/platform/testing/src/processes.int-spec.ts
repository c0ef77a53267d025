import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './net';
import { runProcess, startProcess, waitForHttp, type ProcessHandle } from './processes';
import { waitFor } from './wait';

// A tiny service: answers /health/ready with 200, logs, and exits cleanly on SIGTERM.
const server = `
const http = require('node:http');
const srv = http.createServer((req, res) => { res.statusCode = req.url === '/health/ready' ? 200 : 404; res.end(process.env.GREETING ?? ''); });
srv.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on', process.env.PORT));
process.on('SIGTERM', () => { console.log('got SIGTERM'); srv.close(() => process.exit(0)); });
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startProcess / waitForHttp', () => {
  let dir: string;
  const started: ProcessHandle[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'guichet-processes-'));
  });

  afterAll(async () => {
    await Promise.all(started.map((child) => child.kill()));
    await rm(dir, { recursive: true, force: true });
  });

  it('starts a process with extra env, logs its output, and stops it with SIGTERM', async () => {
    const port = await freePort();
    const child = startProcess({
      name: 'fake-service',
      command: process.execPath,
      args: ['-e', server],
      env: { PORT: String(port), GREETING: 'bonjour' },
      logFile: join(dir, 'fake-service.log'),
    });
    started.push(child);
    await waitForHttp(`http://127.0.0.1:${port}/health/ready`, { timeoutMs: 10_000, process: child });
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('bonjour');

    const exit = await child.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    await expect(child.exited).resolves.toEqual({ code: 0, signal: null });
    const log = readFileSync(child.logFile, 'utf8');
    expect(log).toContain(`listening on ${port}`);
    expect(log).toContain('got SIGTERM');
  });

  it('kills with SIGKILL, as a crash would', async () => {
    const child = startProcess({ name: 'sleeper', command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], logFile: join(dir, 'sleeper.log') });
    started.push(child);
    await expect(child.kill()).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const child = startProcess({
      name: 'stubborn',
      command: process.execPath,
      args: ['-e', "process.on('SIGTERM', () => console.log('ignored')); console.log('READY'.toLowerCase()); setInterval(() => {}, 1000)"],
      logFile: join(dir, 'stubborn.log'),
    });
    started.push(child);
    await waitFor(() => readFileSync(child.logFile, 'utf8').includes('\nready'), { timeoutMs: 5_000 });
    await expect(child.stop('SIGTERM', { timeoutMs: 200 })).resolves.toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('stops the processes a child spawned too (its process group)', async () => {
    const child = startProcess({
      name: 'parent',
      command: process.execPath,
      args: ['-e', "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); console.log('grandchild', c.pid); setInterval(() => {}, 1000)"],
      logFile: join(dir, 'parent.log'),
    });
    started.push(child);
    const grandchild = await waitFor(() => {
      const match = /grandchild (\d+)/.exec(readFileSync(child.logFile, 'utf8'));
      return match ? Number(match[1]) : undefined;
    }, { timeoutMs: 5_000 });
    expect(alive(grandchild)).toBe(true);
    await child.stop();
    await waitFor(() => !alive(grandchild), { timeoutMs: 5_000, description: 'the grandchild to exit' });
  });

  it('fails waitForHttp at once, with the log, when the process exits first', async () => {
    const child = startProcess({
      name: 'crasher',
      command: process.execPath,
      args: ['-e', "console.error('Invalid configuration: DATABASE_URL missing'); process.exit(3)"],
      logFile: join(dir, 'crasher.log'),
    });
    const port = await freePort();
    const started = Date.now();
    await expect(waitForHttp(`http://127.0.0.1:${port}/health/ready`, { timeoutMs: 20_000, process: child })).rejects.toThrow(
      /crasher exited \(code 3\)[\s\S]*DATABASE_URL missing/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('times out waitForHttp with the last status', async () => {
    const port = await freePort();
    await expect(waitForHttp(`http://127.0.0.1:${port}/health/ready`, { timeoutMs: 300 })).rejects.toThrow(/did not answer 200 within 300 ms/);
  });

  it('reports a command that cannot start', async () => {
    const child = startProcess({ name: 'missing', command: join(dir, 'no-such-binary'), logFile: join(dir, 'missing.log') });
    await expect(child.exited).resolves.toEqual({ code: -1, signal: null });
    expect(readFileSync(child.logFile, 'utf8')).toContain('could not start');
  });

  it('runs a command to completion and reports its failure with the log tail', async () => {
    const logFile = join(dir, 'migrate.log');
    await runProcess({ name: 'ok', command: process.execPath, args: ['-e', "console.log('done')"], logFile });
    expect(readFileSync(logFile, 'utf8')).toContain('done');
    await expect(
      runProcess({ name: 'migrate', command: process.execPath, args: ['-e', "console.error('relation already exists'); process.exit(1)"], logFile }),
    ).rejects.toThrow(/migrate failed \(exit code 1\)[\s\S]*relation already exists/);
  });

  it('writes under .tmp/logs/<name>.log of cwd by default', async () => {
    const child = startProcess({ name: 'default-log', command: process.execPath, args: ['-e', "console.log('hi')"], cwd: dir });
    await child.exited;
    expect(child.logFile).toBe(join(dir, '.tmp', 'logs', 'default-log.log'));
    expect(existsSync(child.logFile)).toBe(true);
  });
});
