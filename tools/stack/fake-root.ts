import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { freePort } from '@guichet/platform-testing';
import { SERVICE_NAMES, findRepoRoot, type StackPorts } from './stack';

// Test support for stack.int-spec.ts and start.int-spec.ts: a copy of the repository layout whose
// dist/ holds tiny stand-ins for the services, migrations and seed. The stand-ins check the
// environment they are given and use it (database, NATS streams, SMTP, S3), so the stack is tested
// for real without depending on the services being written.

export const fakeService = `
const http = require('node:http');
const name = process.argv[2];
const env = process.env;
if (env.FAIL_SERVICE === name) { console.error(name + ': Invalid configuration: FAKE_SETTING is required'); process.exit(1); }
async function main() {
  if (env.SLOW_SERVICE === name) await new Promise((resolve) => setTimeout(resolve, 20000));
  if (name === 'gateway') {
    // Creates the run's streams as the bus library would, so stop() has something to delete.
    const { connect } = require('nats');
    const nc = await connect({ servers: env.NATS_URL });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: env.EVENTS_STREAM, subjects: [env.BUS_NAMESPACE + '.events.>'] });
    await jsm.streams.add({ name: env.EVENTS_STREAM + '_DLQ', subjects: [env.BUS_NAMESPACE + '.deadletter.>'] });
    await nc.close();
  }
  if (name === 'messaging') {
    const nodemailer = require('nodemailer');
    const transport = nodemailer.createTransport({ host: env.SMTP_HOST, port: Number(env.SMTP_PORT), ignoreTLS: true });
    await transport.sendMail({ from: env.MAIL_FROM, to: 'agent@example.gouv.fr', subject: 'messaging démarré', text: 'ok' });
  }
  if (name === 'documents') {
    const { Client } = require('minio');
    const s3 = new Client({ endPoint: env.S3_ENDPOINT, port: Number(env.S3_PORT), useSSL: env.S3_USE_SSL === 'true', accessKey: env.S3_ACCESS_KEY, secretKey: env.S3_SECRET_KEY, pathStyle: true });
    await s3.putObject('uploads', 'started-by-documents.txt', Buffer.from('ok'));
  }
  const respond = (req, res) => {
    if (req.url === '/health/ready' || req.url === '/health/live') { res.end('ok'); return; }
    if (req.url === '/env') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(env)); return; }
    res.statusCode = 404; res.end();
  };
  http.createServer(respond).listen(Number(name === 'gateway' ? env.PORT : env.HEALTH_PORT), '127.0.0.1');
  console.log(name + ' listening');
}
process.on('SIGTERM', () => { console.log(name + ' stopping'); process.exit(0); });
main().catch((error) => { console.error(error); process.exit(1); });
`;

export const fakeMigrate = `
const { Client } = require('pg');
(async () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS fake_migrated (at timestamptz DEFAULT now())');
  await client.query('INSERT INTO fake_migrated DEFAULT VALUES');
  await client.end();
  console.log('migrated');
})().catch((error) => { console.error(error); process.exit(1); });
`;

export const fakeSeed = `
require('node:fs').writeFileSync(process.env.DEMO_ACCOUNTS_FILE, JSON.stringify([
  { role: 'agent', email: 'agent@demo.guichet.local', password: 'agent-demo-1' },
  { role: 'usager', email: 'usager@demo.guichet.local', password: 'usager-demo-1' },
  { role: 'operator', email: 'operateur@demo.guichet.local', password: 'operateur-demo-1' },
]));
console.log('seeded');
`;

export function write(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

export async function randomPorts(): Promise<StackPorts> {
  const ports = await Promise.all(Array.from({ length: 11 }, () => freePort()));
  const [gateway, gatewayHealth, procedures, dossiers, messaging, experts, documents, exports, s3, smtp, smtpHttp] = ports as [
    number, number, number, number, number, number, number, number, number, number, number,
  ];
  return { gateway, gatewayHealth, procedures, dossiers, messaging, experts, documents, exports, s3, smtp, smtpHttp };
}

export function writeFakeService(root: string, name: string): void {
  write(join(root, `dist/apps/${name}/src/main.js`), `process.argv[2] = ${JSON.stringify(name)};\n${fakeService}`);
}

export interface FakeRoot {
  root: string;
  remove(): void;
}

/**
 * A fake repository under .tmp/ (so `require('pg')` and friends resolve to the real node_modules).
 * infra.mjs is copied, not linked: it locates the repository from its own path.
 */
export function createFakeRoot(name: string): FakeRoot {
  const repoRoot = findRepoRoot();
  const root = join(repoRoot, '.tmp', `${name}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  write(join(root, 'package.json'), JSON.stringify({ name: 'guichet', private: true }));
  for (const file of ['infra.mjs', 'embedded-postgres.mjs', 'start.mjs']) {
    mkdirSync(join(root, 'tools', 'stack'), { recursive: true });
    copyFileSync(join(repoRoot, 'tools', 'stack', file), join(root, 'tools', 'stack', file));
  }
  write(join(root, 'dist/tools/migrations/migrate.js'), fakeMigrate);
  write(join(root, 'dist/tools/seed/seed.js'), fakeSeed);
  for (const service of SERVICE_NAMES) writeFakeService(root, service);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Compiles the stack and the testing library into the fake root's dist/ as tools/build/build.mjs
 * would (SWC, CommonJS, @guichet/* rewritten), for start.mjs to load.
 */
export async function compileStackInto(root: string): Promise<void> {
  const { transformFile } = await import('@swc/core');
  const repoRoot = findRepoRoot();
  const { compilerOptions } = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const sources = [
    'tools/stack/stack.ts',
    // Every module of the testing library (not a fixed list, which goes stale when a module is added).
    ...readdirSync(join(repoRoot, 'libs/platform/testing/src'))
      .filter((file) => file.endsWith('.ts') && !/\.(spec|int-spec|d)\.ts$/.test(file))
      .map((file) => `libs/platform/testing/src/${file}`),
  ];
  for (const source of sources) {
    const { code } = await transformFile(join(repoRoot, source), {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        target: 'es2022',
        baseUrl: repoRoot,
        paths: compilerOptions.paths,
      },
      module: { type: 'commonjs', ignoreDynamic: true },
    });
    write(join(root, 'dist', relative(repoRoot, source).replace(/\.ts$/, '.js')), code);
  }
}
