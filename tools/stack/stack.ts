import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { connect } from 'nats';
import {
  LocalS3Server,
  SmtpSink,
  dropDatabase,
  ensureDatabase,
  isPortOpen,
  runProcess,
  startProcess,
  waitForHttp,
  withDatabase,
  type LocalS3Endpoint,
  type ProcessHandle,
} from '@guichet/platform-testing';
import type * as InfraModule from './infra.mjs';

/**
 * The whole platform on one machine: PostgreSQL and NATS (reused or started), an S3 server and an
 * SMTP sink in this process, migrations, seed, then every service as its own process. Used by
 * `npm start` (mode dev) and by the e2e and browser test setups (mode test, own ports, own database
 * and event stream, all removed by stop()).
 */

export const SERVICE_NAMES = ['gateway', 'procedures', 'dossiers', 'messaging', 'experts', 'documents', 'exports'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type BackendServiceName = Exclude<ServiceName, 'gateway'>;

export interface StackPorts {
  /** Gateway HTTP (API + web app): PORT. */
  gateway: number;
  /** HEALTH_PORT given to the gateway too, in case its health server is separate from PORT. */
  gatewayHealth: number;
  procedures: number;
  dossiers: number;
  messaging: number;
  experts: number;
  documents: number;
  exports: number;
  s3: number;
  smtp: number;
  smtpHttp: number;
}

/** docs/architecture.md */
export const DEV_PORTS: StackPorts = {
  gateway: 3000,
  gatewayHealth: 3100,
  procedures: 3101,
  dossiers: 3102,
  messaging: 3103,
  experts: 3104,
  documents: 3105,
  exports: 3106,
  s3: 4568,
  smtp: 1025,
  smtpHttp: 8025,
};

/** e2e tests: beside a running `npm start`. */
export const TEST_PORTS: StackPorts = {
  gateway: 3900,
  procedures: 3901,
  dossiers: 3902,
  messaging: 3903,
  experts: 3904,
  documents: 3905,
  exports: 3906,
  gatewayHealth: 3907,
  s3: 4590,
  smtp: 1125,
  smtpHttp: 8125,
};

/** Browser tests: beside both of the above. */
export const BROWSER_PORTS: StackPorts = {
  gateway: 3950,
  procedures: 3951,
  dossiers: 3952,
  messaging: 3953,
  experts: 3954,
  documents: 3955,
  exports: 3956,
  gatewayHealth: 3957,
  s3: 4591,
  smtp: 1126,
  smtpHttp: 8126,
};

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  [key: string]: unknown;
}

export interface StackOptions {
  /** Default 'test': a setup calling startStack() without options gets an isolated test stack. */
  mode?: 'dev' | 'test';
  /** Names the temporary database, bus namespace and log folder of a test stack (default "e2e"). */
  label?: string;
  /** Repository root (default: found from the current directory). */
  root?: string;
  ports?: Partial<StackPorts>;
  /** Default "guichet" (dev) or a fresh guichet_<label>_<random> (test), dropped by stop(). */
  database?: string;
  /** Default GUICHET_EVENTS (dev) or GUICHET_EVENTS_<namespace> (test), deleted by stop(). */
  eventsStream?: string;
  /** BUS_NAMESPACE prefixing every subject; default none (dev) or <label>_<random> (test). */
  busNamespace?: string;
  /** Which services to run (default all). */
  services?: readonly ServiceName[];
  /** Run the seed after the migrations (default true). */
  seed?: boolean;
  /** Default: a stable development value (dev) or a random one (test). */
  sessionSecret?: string;
  /** Where the S3 server keeps objects: default .tmp/s3 (dev, kept between runs) or a temporary folder (test). */
  s3Directory?: string;
  /** Default .tmp/logs (dev) or .tmp/logs/<label> (test). */
  logDir?: string;
  /** False: the SMTP sink counts e-mails without parsing them (benchmarks: see SmtpSinkStartOptions.parse). */
  parseEmails?: boolean;
  /** Extra environment for every service, the migrations and the seed. */
  env?: Record<string, string>;
  /** How long services get to become ready (default 120 s). */
  readyTimeoutMs?: number;
  /** Stop PostgreSQL/NATS on stop() if this stack had to start them (default true). */
  stopInfra?: boolean;
  /** Aborting cancels a start in progress (what was started is stopped). */
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface ServiceStatus {
  name: ServiceName;
  pid: number | undefined;
  running: boolean;
  logFile: string;
  readyUrl: string;
}

export interface StackHandle {
  mode: 'dev' | 'test';
  runId: string;
  root: string;
  ports: StackPorts;
  urls: {
    /** The web app and the API (PUBLIC_URL). */
    web: string;
    /** The gateway as this machine reaches it (127.0.0.1). */
    gateway: string;
    /** The page listing received mails. */
    mails: string;
    /** SmtpSink HTTP API base (GET/DELETE /api/messages). */
    mailsApi: string;
    s3: string;
    nats: string;
    /** Each service's health base URL (…/health/ready). */
    health: Record<ServiceName, string>;
  };
  database: { name: string; url: string; serverUrl: string; temporary: boolean };
  eventsStream: string;
  busNamespace: string | undefined;
  /** Environment shared by every service (without HEALTH_PORT/PORT). */
  env: Record<string, string>;
  /** Full environment of one service. */
  serviceEnv(name: ServiceName): Record<string, string>;
  demoAccounts: DemoAccount[];
  smtp: SmtpSink;
  s3: LocalS3Endpoint;
  logDir: string;
  status(): ServiceStatus[];
  startService(name: ServiceName): Promise<void>;
  /** SIGTERM (graceful), waiting for the exit. */
  stopService(name: ServiceName): Promise<void>;
  /** SIGKILL, as a crash would. */
  killService(name: ServiceName): Promise<void>;
  /** stopService then startService, waiting until ready again. */
  restartService(name: ServiceName): Promise<void>;
  /** Stops everything this stack started. Safe to call twice. */
  stop(): Promise<void>;
}

const DEV_SESSION_SECRET = 'guichet-local-development-session-secret-not-for-production';
/** The dossiers service's key for the tenants' register tokens (32 bytes, base64); the local database is kept between runs, so is the key. */
const DEV_LOOKUP_SECRETS_KEY = Buffer.from('guichet-local-dev-lookups-key-32').toString('base64');
const MAIL_FROM = 'Guichet <ne-pas-repondre@guichet.local>';

export function findRepoRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'guichet') return dir;
      } catch {
        // Not ours; keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no Guichet repository (package.json named "guichet") above ${start}`);
    dir = parent;
  }
}

async function loadInfra(root: string): Promise<typeof InfraModule> {
  // infra.mjs is plain JavaScript outside dist/ (npm start needs it before anything is built).
  return (await import(join(root, 'tools/stack/infra.mjs'))) as typeof InfraModule;
}

/** Ports among `ports` that something already listens on, with a message naming the likely culprit. */
export async function takenPorts(ports: StackPorts): Promise<string[]> {
  const checks = await Promise.all(
    (Object.entries(ports) as Array<[keyof StackPorts, number]>).map(async ([what, port]) => ((await isPortOpen(port)) ? `${port} (${what})` : undefined)),
  );
  return checks.filter((entry): entry is string => entry !== undefined);
}

function randomId(): string {
  return randomBytes(4).toString('hex');
}

function cleanEnv(): Record<string, string | undefined> {
  // Children inherit this process's environment; vitest's own variables must not leak into services.
  const removed: Record<string, undefined> = {};
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('VITEST') || key === 'TEST' || key.startsWith('TEST_')) removed[key] = undefined;
  }
  return removed;
}

export async function startStack(options: StackOptions = {}): Promise<StackHandle> {
  const mode = options.mode ?? 'test';
  const test = mode === 'test';
  const log = options.log ?? ((message: string) => console.log(`[stack] ${message}`));
  const signal = options.signal;
  const root = options.root ?? findRepoRoot();
  const runId = randomId();
  const label = options.label ?? 'e2e';
  if (!/^[a-z][a-z0-9_]*$/.test(label)) throw new Error(`invalid stack label "${label}"`);
  const ports: StackPorts = { ...(test ? TEST_PORTS : DEV_PORTS), ...options.ports };
  const services = [...(options.services ?? SERVICE_NAMES)];
  const databaseName = options.database ?? (test ? `guichet_${label}_${runId}` : 'guichet');
  const temporaryDatabase = options.database === undefined && test;
  const busNamespace = options.busNamespace ?? (test ? `${label}_${runId}` : undefined);
  const eventsStream = options.eventsStream ?? (busNamespace ? `GUICHET_EVENTS_${busNamespace}` : 'GUICHET_EVENTS');
  const temporaryStream = options.eventsStream === undefined && test;
  const logDir = resolve(root, options.logDir ?? (test ? join('.tmp', 'logs', label) : join('.tmp', 'logs')));
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const demoAccountsFile = test ? join(root, '.tmp', 'runs', `${label}-${runId}`, 'demo-accounts.json') : join(root, '.tmp', 'demo-accounts.json');

  // Fail before starting anything: a second `npm start` must say so at once, not half-start.
  const taken = await takenPorts(ports);
  if (taken.length) {
    const hint = taken.some((entry) => entry.startsWith(`${ports.gateway} `))
      ? ` Port ${ports.gateway} is taken: is another "npm start" (or test stack) already running?`
      : '';
    throw new Error(`cannot start the stack: port ${taken.join(', ')} already in use.${hint}`);
  }

  const missing = [
    'dist/tools/migrations/migrate.js',
    ...(options.seed === false ? [] : ['dist/tools/seed/seed.js']),
    ...services.map((name) => `dist/apps/${name}/src/main.js`),
  ].filter((file) => !existsSync(join(root, file)));
  if (missing.length) {
    throw new Error(
      `cannot start the stack, not built: ${missing.join(', ')}. Run "npm run build" (each comes from the .ts file of the same path, e.g. apps/gateway/src/main.ts).`,
    );
  }
  const undo: Array<{ what: string; run: () => Promise<void> }> = [];
  const cleanup = async (): Promise<void> => {
    while (undo.length) {
      const step = undo.pop();
      if (!step) break;
      try {
        await step.run();
      } catch (error) {
        log(`warning: could not ${step.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const processes = new Map<ServiceName, ProcessHandle>();
  const expectedExit = new Set<ProcessHandle>();
  let stopping = false;

  try {
    signal?.throwIfAborted();
    const infraModule = await loadInfra(root);
    const infra = await infraModule.ensureInfra({ log });
    if (options.stopInfra !== false) undo.push({ what: 'stop PostgreSQL/NATS', run: () => infra.stop() });
    log(`PostgreSQL: ${infra.postgres.how === 'running' ? 'reused' : infra.postgres.how}, NATS: ${infra.nats.how === 'running' ? 'reused' : infra.nats.how}`);
    const serverUrl = infra.postgres.url;
    const natsUrl = infra.nats.url;
    signal?.throwIfAborted();

    const created = await ensureDatabase(serverUrl, databaseName);
    if (temporaryDatabase) undo.push({ what: `drop database ${databaseName}`, run: () => dropDatabase(serverUrl, databaseName) });
    log(`database ${databaseName}: ${created ? 'created' : 'exists'}`);
    const databaseUrl = withDatabase(serverUrl, databaseName);

    if (temporaryStream) {
      undo.push({ what: `delete the streams of ${eventsStream}`, run: async () => void (await deleteStreams(natsUrl, eventsStream, busNamespace, log)) });
    }

    const s3 = new LocalS3Server();
    const s3Endpoint = await s3.start({
      port: ports.s3,
      host: '127.0.0.1',
      ...(options.s3Directory ? { directory: resolve(root, options.s3Directory) } : test ? {} : { directory: join(root, '.tmp', 's3') }),
    });
    undo.push({ what: 'stop the S3 server', run: () => s3.stop() });

    const smtp = new SmtpSink();
    await smtp.start({ smtpPort: ports.smtp, httpPort: ports.smtpHttp, host: '127.0.0.1', ...(options.parseEmails === false ? { parse: false } : {}) });
    undo.push({ what: 'stop the SMTP sink', run: () => smtp.stop() });
    signal?.throwIfAborted();

    // Tests use the exact address the browser and clients use, so cookies and links always match.
    const publicUrl = test ? `http://127.0.0.1:${ports.gateway}` : `http://localhost:${ports.gateway}`;
    const env: Record<string, string> = {
      NODE_ENV: test ? 'test' : 'development',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      NATS_URL: natsUrl,
      DATABASE_URL: databaseUrl,
      EVENTS_STREAM: eventsStream,
      ...(busNamespace ? { BUS_NAMESPACE: busNamespace } : {}),
      PUBLIC_URL: publicUrl,
      S3_ENDPOINT: s3Endpoint.host,
      S3_PORT: String(s3Endpoint.port),
      S3_USE_SSL: 'false',
      S3_ACCESS_KEY: s3Endpoint.accessKey,
      S3_SECRET_KEY: s3Endpoint.secretKey,
      S3_REGION: s3Endpoint.region,
      S3_PUBLIC_URL: s3Endpoint.url,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.smtpPort),
      MAIL_FROM,
      // The dossiers service's external registers (README, "Configuration"): test stacks point them
      // at a closed local port, refused at once, so lookups answer "unavailable" without the internet
      // and without waiting; a test may point them at a double through `options.env`.
      // Tenants' register addresses on this machine (test doubles) pass the private-address guard
      // only through LOOKUP_ALLOWED_HOSTS; their tokens are encrypted under LOOKUP_SECRETS_KEY.
      ...(test
        ? { API_ENTREPRISE_URL: 'http://127.0.0.1:9', API_ADRESSE_URL: 'http://127.0.0.1:9', LOOKUP_TIMEOUT_MS: '1000', LOOKUP_ALLOWED_HOSTS: '127.0.0.1,localhost' }
        : {}),
      LOOKUP_SECRETS_KEY: test ? randomBytes(32).toString('base64') : DEV_LOOKUP_SECRETS_KEY,
      ...options.env,
    };
    const sessionSecret = options.sessionSecret ?? (test ? randomBytes(32).toString('hex') : DEV_SESSION_SECRET);
    const serviceEnv = (name: ServiceName): Record<string, string> =>
      name === 'gateway'
        ? {
            ...env,
            PORT: String(ports.gateway),
            HEALTH_PORT: String(ports.gatewayHealth),
            SESSION_SECRET: sessionSecret,
            WEB_DIST_DIR: join(root, 'apps', 'web', 'dist'),
          }
        : { ...env, HEALTH_PORT: String(ports[name]) };
    const readyUrl = (name: ServiceName): string =>
      name === 'gateway' ? `http://127.0.0.1:${ports.gateway}/health/ready` : `http://127.0.0.1:${ports[name]}/health/ready`;

    // Fresh logs per start: appending across runs makes the last failure hard to find.
    mkdirSync(logDir, { recursive: true });
    for (const name of [...services, 'migrate', 'seed']) rmSync(join(logDir, `${name}.log`), { force: true });

    log('running migrations');
    await runProcess({
      name: 'migrate',
      command: process.execPath,
      args: [join(root, 'dist/tools/migrations/migrate.js')],
      cwd: root,
      env: { ...cleanEnv(), ...env },
      logFile: join(logDir, 'migrate.log'),
      echo: !test,
      ...(signal ? { signal } : {}),
    });

    const launch = (name: ServiceName): ProcessHandle => {
      const child = startProcess({
        name,
        command: process.execPath,
        args: ['--enable-source-maps', join(root, `dist/apps/${name}/src/main.js`)],
        cwd: root,
        env: { ...cleanEnv(), ...serviceEnv(name) },
        logFile: join(logDir, `${name}.log`),
      });
      processes.set(name, child);
      void child.exited.then(({ code, signal: exitSignal }) => {
        if (stopping || expectedExit.has(child)) return;
        log(`warning: ${name} exited unexpectedly (${exitSignal ?? `code ${code}`}); last lines of ${child.logFile}:\n${child.logTail(20)}`);
      });
      return child;
    };
    const stopChild = async (child: ProcessHandle, how: 'SIGTERM' | 'SIGKILL'): Promise<void> => {
      expectedExit.add(child);
      if (how === 'SIGKILL') await child.kill();
      else await child.stop('SIGTERM', { timeoutMs: 15_000 });
    };
    const stopServices = async (): Promise<void> => {
      // The gateway first, so it stops taking requests before the services behind it go.
      const gateway = processes.get('gateway');
      if (gateway) await stopChild(gateway, 'SIGTERM');
      await Promise.all([...processes.entries()].filter(([name]) => name !== 'gateway').map(([, child]) => stopChild(child, 'SIGTERM')));
    };
    undo.push({ what: 'stop the services', run: stopServices });

    log(`starting ${services.join(', ')}`);
    for (const name of services) launch(name);
    const backend = services.filter((name) => name !== 'gateway');
    const waitReady = (name: ServiceName): Promise<void> => {
      const child = processes.get(name);
      return waitForHttp(readyUrl(name), {
        timeoutMs: readyTimeoutMs,
        intervalMs: 200,
        ...(child ? { process: child } : {}),
        ...(signal ? { signal } : {}),
      });
    };
    await Promise.all(backend.map(waitReady));
    // The gateway's readiness asks every service over the bus, so it comes last.
    if (services.includes('gateway')) await waitReady('gateway');
    log('all services are ready');
    // The seed goes through the gateway's HTTP API like any client, so it runs once everything is up.
    let demoAccounts: DemoAccount[] = [];
    if (options.seed !== false) {
      log('seeding');
      rmSync(demoAccountsFile, { force: true });
      mkdirSync(dirname(demoAccountsFile), { recursive: true });
      if (test) undo.push({ what: 'remove the run folder', run: async () => rmSync(dirname(demoAccountsFile), { recursive: true, force: true }) });
      await runProcess({
        name: 'seed',
        command: process.execPath,
        args: [join(root, 'dist/tools/seed/seed.js')],
        cwd: root,
        env: { ...cleanEnv(), ...env, GATEWAY_URL: `http://127.0.0.1:${ports.gateway}`, DEMO_ACCOUNTS_FILE: demoAccountsFile },
        logFile: join(logDir, 'seed.log'),
        echo: !test,
        ...(signal ? { signal } : {}),
      });
      demoAccounts = readDemoAccounts(demoAccountsFile, log);
    }


    const health = Object.fromEntries(SERVICE_NAMES.map((name) => [name, readyUrl(name).replace(/\/health\/ready$/, '')])) as Record<ServiceName, string>;
    const undoSteps = undo;
    let stopped: Promise<void> | undefined;

    const requireKnown = (name: ServiceName): void => {
      if (!services.includes(name)) throw new Error(`${name} is not part of this stack (services: ${services.join(', ')})`);
    };
    const handle: StackHandle = {
      mode,
      runId,
      root,
      ports,
      urls: {
        web: publicUrl,
        gateway: `http://127.0.0.1:${ports.gateway}`,
        mails: `http://localhost:${smtp.httpPort}`,
        mailsApi: smtp.httpUrl,
        s3: s3Endpoint.url,
        nats: natsUrl,
        health,
      },
      database: { name: databaseName, url: databaseUrl, serverUrl, temporary: temporaryDatabase },
      eventsStream,
      busNamespace,
      env,
      serviceEnv,
      demoAccounts,
      smtp,
      s3: s3Endpoint,
      logDir,
      status: () =>
        services.map((name) => {
          const child = processes.get(name);
          return { name, pid: child?.pid, running: Boolean(child && !child.exitInfo), logFile: join(logDir, `${name}.log`), readyUrl: readyUrl(name) };
        }),
      async startService(name) {
        requireKnown(name);
        const current = processes.get(name);
        if (current && !current.exitInfo) throw new Error(`${name} is already running (pid ${current.pid})`);
        launch(name);
        await waitReady(name);
      },
      async stopService(name) {
        requireKnown(name);
        const child = processes.get(name);
        if (child) await stopChild(child, 'SIGTERM');
      },
      async killService(name) {
        requireKnown(name);
        const child = processes.get(name);
        if (child) await stopChild(child, 'SIGKILL');
      },
      async restartService(name) {
        await handle.stopService(name);
        await handle.startService(name);
      },
      stop() {
        stopping = true;
        stopped ??= (async () => {
          log('stopping');
          while (undoSteps.length) {
            const step = undoSteps.pop();
            if (!step) break;
            try {
              await step.run();
            } catch (error) {
              log(`warning: could not ${step.what}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
          log('stopped');
        })();
        return stopped;
      },
    };
    return handle;
  } catch (error) {
    stopping = true;
    if (undo.length) log(signal?.aborted ? 'start cancelled: stopping what was started' : 'start failed: stopping what was started');
    await cleanup();
    throw error;
  }
}

function readDemoAccounts(file: string, log: (message: string) => void): DemoAccount[] {
  if (!existsSync(file)) {
    log(`note: the seed wrote no ${file}; demo accounts are in its output`);
    return [];
  }
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(parsed)) throw new Error('not an array');
    return parsed.filter(
      (entry): entry is DemoAccount =>
        typeof entry === 'object' && entry !== null && typeof (entry as DemoAccount).email === 'string' && typeof (entry as DemoAccount).password === 'string',
    );
  } catch (error) {
    log(`warning: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** Deletes a test run's JetStream streams: the events stream, its derived ones (DLQ), and any stream on the namespace's subjects. */
export async function deleteStreams(natsUrl: string, eventsStream: string, busNamespace: string | undefined, log: (message: string) => void): Promise<string[]> {
  const nc = await connect({ servers: natsUrl, timeout: 5_000, reconnect: false });
  try {
    const jsm = await nc.jetstreamManager();
    const deleted: string[] = [];
    for await (const info of jsm.streams.list()) {
      const name = info.config.name;
      const subjects = info.config.subjects ?? [];
      const ours =
        name === eventsStream ||
        name.startsWith(`${eventsStream}_`) ||
        (busNamespace !== undefined && subjects.length > 0 && subjects.every((subject) => subject.startsWith(`${busNamespace}.`)));
      if (!ours) continue;
      await jsm.streams.delete(name);
      deleted.push(name);
    }
    if (deleted.length) log(`deleted streams ${deleted.join(', ')}`);
    return deleted;
  } finally {
    await nc.close();
  }
}
