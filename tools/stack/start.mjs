// `npm start`: the whole platform on this machine, from a fresh clone. Installs what is missing,
// builds, then runs dist/tools/stack/stack.js (PostgreSQL/NATS reused or started, S3 server, SMTP
// sink, migrations, seed, every service) and prints where things are. Ctrl-C stops what it started.
// Plain Node with no dependency: it must run before node_modules exists.
/* global AbortController */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTypeScript, buildWeb, isPortOpen, root, run } from './infra.mjs';

const say = (message) => console.log(`[start] ${message}`);
const fail = (message) => {
  console.error(`[start] ${message}`);
  process.exit(1);
};

process.chdir(root);
Object.assign(process.env, { NX_NO_CLOUD: 'true', NX_TELEMETRY: 'false', NX_DAEMON: 'false' });

// GUICHET_STACK_PORTS (JSON, e.g. {"gateway":3300,...}) moves the stack to other ports; tests use it.
const portOverrides = process.env.GUICHET_STACK_PORTS ? JSON.parse(process.env.GUICHET_STACK_PORTS) : undefined;
const gatewayPort = portOverrides?.gateway ?? 3000;

// A second `npm start` must fail at once and clearly, before reinstalling or rebuilding under the
// running one.
if (await isPortOpen(gatewayPort)) {
  fail(`port ${gatewayPort} is already in use: is another "npm start" running? Stop it (Ctrl-C in its terminal) or free the port.`);
}

let interrupted = false;
let stack;
let starting;
const controller = new AbortController();

async function shutdown(signal) {
  if (interrupted) {
    // Second Ctrl-C: do not wait any longer. Exit hooks SIGKILL the services still running.
    say(`${signal} again: exiting now`);
    process.exit(130);
  }
  interrupted = true;
  if (stack) {
    say(`${signal}: stopping`);
    await stack.stop();
    process.exit(0);
  }
  if (starting) {
    say(`${signal}: cancelling the start`);
    controller.abort(new Error(`interrupted by ${signal}`));
    return;
  }
  // Installing or building: the child got the same Ctrl-C from the terminal and stops by itself.
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

function needsInstall() {
  const modules = join(root, 'node_modules');
  if (!existsSync(modules)) return 'node_modules is missing';
  const lock = join(root, 'package-lock.json');
  const installed = join(modules, '.package-lock.json');
  if (existsSync(lock) && (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs)) {
    return 'package-lock.json changed since the last install';
  }
  return undefined;
}

const installReason = needsInstall();
if (installReason) {
  const command = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install';
  say(`${installReason}: npm ${command}`);
  if ((await run('npm', [command])) !== 0) fail(`npm ${command} failed`);
}
if (interrupted) process.exit(0);

say('building (tools/build/build.mjs)');
if ((await buildTypeScript()) !== 0) fail('the build failed');
if (interrupted) process.exit(0);

const web = await buildWeb({ log: say });
if (web === 'failed') say('warning: the web app did not build; the gateway serves the previous build, if any');
if (interrupted) process.exit(0);

const stackModule = await import(pathToFileURL(join(root, 'dist/tools/stack/stack.js')).href);
const { startStack } = stackModule.default ?? stackModule;

try {
  starting = startStack({
    mode: 'dev',
    signal: controller.signal,
    ...(portOverrides ? { ports: portOverrides } : {}),
    log: (message) => console.log(`[stack] ${message}`),
  });
  stack = await starting;
} catch (error) {
  if (interrupted) process.exit(0);
  fail(error instanceof Error ? error.message : String(error));
}
if (interrupted) {
  await stack.stop();
  process.exit(0);
}

const { urls, ports, database, s3, demoAccounts, logDir } = stack;
const redact = (url) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
const lines = [
  '',
  'Guichet is running.',
  '',
  `  Web app and API     ${urls.web}`,
  `  Mails (SMTP sink)   ${urls.mails}   (SMTP on 127.0.0.1:${ports.smtp}, JSON at ${urls.mails}/api/messages)`,
  `  S3 (s3rver)         ${urls.s3}   (keys ${s3.accessKey} / ${s3.secretKey}; buckets ${s3.buckets.join(', ')})`,
  `  PostgreSQL          ${redact(database.url)}`,
  `  NATS                ${urls.nats}`,
  `  Logs                ${relative(root, logDir) || '.'}/<service>.log`,
  '',
];
if (demoAccounts.length) {
  lines.push('  Demo accounts:');
  const roleWidth = Math.max(...demoAccounts.map((account) => String(account.role).length));
  const emailWidth = Math.max(...demoAccounts.map((account) => String(account.email).length));
  for (const account of demoAccounts) {
    lines.push(`    ${String(account.role).padEnd(roleWidth)}  ${String(account.email).padEnd(emailWidth)}  ${account.password}`);
  }
} else {
  lines.push('  Demo accounts: see the seed output above.');
}
lines.push('', 'Press Ctrl-C to stop everything.', '');
console.log(lines.join('\n'));
