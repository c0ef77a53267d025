// `npm test`: every tier in order, each counted, ending with one line "N passed, N failed".
//   lint, types, migrations: one test each (the command passes or not)
//   unit, int, e2e, browser: vitest projects, counted from their JSON reports
// `--only <tier>` (repeatable, or comma-separated) runs some tiers. PostgreSQL and NATS are started
// when needed and not running; whatever this run started is stopped at the end.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTypeScript, buildWeb, ensureInfra, root, run } from '../stack/infra.mjs';

const TIERS = ['lint', 'types', 'migrations', 'unit', 'int', 'e2e', 'browser'];

function parseArgs(argv) {
  const only = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--only') only.push(...(argv[++index] ?? '').split(','));
    else if (arg.startsWith('--only=')) only.push(...arg.slice('--only='.length).split(','));
    else if (arg === '--help' || arg === '-h') {
      console.log(`usage: node tools/test/run-all.mjs [--only <${TIERS.join('|')}>[,...]]`);
      process.exit(0);
    } else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  const unknown = only.filter((tier) => !TIERS.includes(tier));
  if (unknown.length) {
    console.error(`unknown tier: ${unknown.join(', ')} (tiers: ${TIERS.join(', ')})`);
    process.exit(2);
  }
  return only.length ? TIERS.filter((tier) => only.includes(tier)) : TIERS;
}

const tiers = parseArgs(process.argv.slice(2));
process.chdir(root);
mkdirSync(join(root, '.tmp'), { recursive: true });
const say = (message) => console.log(`\n[test] ${message}`);
const env = {
  ...process.env,
  NX_NO_CLOUD: 'true',
  NX_TELEMETRY: 'false',
  NX_DAEMON: 'false',
  VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
};

/** Runs a command with its output shown live and kept (the end of it) for inspection. */
function runTee(command, args, { extraEnv = {} } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['inherit', 'pipe', 'pipe'] });
    current = child;
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-256 * 1024);
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      keep(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      keep(chunk);
    });
    child.once('error', (error) => {
      current = undefined;
      resolveRun({ code: -1, output: `${output}\n${error.message}` });
    });
    child.once('close', (code, signal) => {
      current = undefined;
      resolveRun({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

let current;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    // The child (vitest, eslint, …) stops; its global teardown removes what it started.
    interrupted = true;
    current?.kill(signal);
  });
}

// Preparations, each done once and only for the tiers that need it.
const once = new Map();
function prepare(name, work) {
  if (!once.has(name)) once.set(name, work());
  return once.get(name);
}

let infra;
async function needInfra() {
  return prepare('infra', async () => {
    say('checking PostgreSQL and NATS');
    infra = await ensureInfra({ log: (message) => console.log(`[test] ${message}`) });
    Object.assign(env, infra.env);
    return true;
  });
}

async function needBuild() {
  return prepare('build', async () => {
    say('building (tools/build/build.mjs)');
    const code = await buildTypeScript({ env });
    if (code !== 0) throw new Error('the build failed (tools/build/build.mjs)');
    return true;
  });
}

async function needWeb() {
  return prepare('web', async () => {
    say('building the web app');
    const result = await buildWeb({ log: (message) => console.log(`[test] ${message}`), env });
    if (result === 'failed') throw new Error('the web app did not build (vite build apps/web)');
    return result;
  });
}

async function needChromium() {
  return prepare('chromium', async () => {
    if (existsSync('/usr/bin/chromium')) return true;
    say('installing Chromium (apt-get install -y chromium)');
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    if ((await run('apt-get', ['update'], { env: aptEnv })) !== 0 || (await run('apt-get', ['install', '-y', 'chromium'], { env: aptEnv })) !== 0) {
      throw new Error('could not install Chromium (apt-get install -y chromium; this needs root)');
    }
    return true;
  });
}

/** A command that counts as one test. */
async function single(command, args) {
  const { code } = await runTee(command, args);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `exit code ${code}` };
}

function readReport(file, startedAt) {
  try {
    if (statSync(file).mtimeMs < startedAt) return undefined;
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Test files vitest would run for a tier (`vitest list` loads no global setup and runs nothing). */
function listTestFiles(tier) {
  const listed = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'list', '--filesOnly', '--json', '--project', tier], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    const files = JSON.parse(listed.stdout.slice(listed.stdout.indexOf('[')));
    return Array.isArray(files) ? files.length : undefined;
  } catch {
    return undefined;
  }
}

async function vitest(tier) {
  const reportFile = join(root, '.tmp', `vitest-${tier}.json`);
  rmSync(reportFile, { force: true });
  const startedAt = Date.now();
  const { code, output } = await runTee(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', tier, '--reporter=default', '--reporter=json', `--outputFile.json=${relative(root, reportFile)}`],
    // The browser setup would build the web app again; it is built above.
    { extraEnv: tier === 'browser' ? { BROWSER_SKIP_WEB_BUILD: '1' } : {} },
  );
  const report = readReport(reportFile, startedAt);
  // vitest also says "No test files found" when its global setup fails to load: trust it only
  // when listing the files agrees.
  if (/No test files found/.test(output) && (report?.numTotalTests ?? 0) === 0 && listTestFiles(tier) === 0) {
    return { passed: 0, failed: 0, note: 'no test files' };
  }
  if (!report) return { passed: 0, failed: 1, note: `vitest crashed (exit code ${code}, no report)` };
  const passed = report.numPassedTests ?? 0;
  const failed = report.numFailedTests ?? 0;
  // A file that cannot load, an unhandled error or a failing global setup fails no single test
  // but fails the run: count it once.
  if (code !== 0 && failed === 0) {
    return { passed, failed: 1, note: `vitest exited with code ${code} (${report.numFailedTestSuites ?? 0} failed suites, or errors outside tests)` };
  }
  return { passed, failed, ...(report.numPendingTests || report.numTodoTests ? { note: `${(report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)} skipped` } : {}) };
}

async function lint() {
  // The module-boundaries rule needs Nx's project graph; computing it first makes the rule apply.
  spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: root, env, stdio: 'ignore' });
  return single(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '.', '--max-warnings=0']);
}

async function types() {
  return single(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
}

async function migrations() {
  await needBuild();
  const check = join(root, 'dist/tools/migrations/check.js');
  if (!existsSync(check)) return { passed: 0, failed: 0, note: 'no tools/migrations/check.ts yet' };
  await needInfra();
  // check.js gets an empty database of its own in DATABASE_URL (and the server in TEST_POSTGRES_URL).
  const testing = await import(pathToFileURL(join(root, 'dist/libs/platform/testing/src/index.js')).href);
  const { createTempDatabase } = testing.default ?? testing;
  const database = await createTempDatabase('guichet_migrations_check', env.TEST_POSTGRES_URL);
  try {
    const { code } = await runTee(process.execPath, [check], { extraEnv: { DATABASE_URL: database.url } });
    return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `exit code ${code}` };
  } finally {
    await database.drop();
  }
}

/** Prepares (infra, builds) only when the tier has test files: an empty tier costs nothing. */
function vitestTier(tier, ...preparations) {
  return async () => {
    if (listTestFiles(tier) === 0) return { passed: 0, failed: 0, note: 'no test files' };
    for (const preparation of preparations) await preparation();
    return vitest(tier);
  };
}

const runners = {
  lint,
  types,
  migrations,
  unit: vitestTier('unit'),
  int: vitestTier('int', needInfra),
  e2e: vitestTier('e2e', needInfra, needBuild, needWeb),
  browser: vitestTier('browser', needInfra, needBuild, needWeb, needChromium),
};

const results = [];
const started = Date.now();
for (const tier of tiers) {
  if (interrupted) break;
  say(`${tier}`);
  const tierStarted = Date.now();
  let result;
  try {
    result = await runners[tier]();
  } catch (error) {
    console.error(`[test] ${tier}: ${error instanceof Error ? error.message : String(error)}`);
    result = { passed: 0, failed: 1, note: error instanceof Error ? error.message : String(error) };
  }
  results.push({ tier, ...result, seconds: (Date.now() - tierStarted) / 1000 });
}

if (infra) {
  try {
    await infra.stop();
  } catch (error) {
    console.error(`[test] could not stop PostgreSQL/NATS: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0) + (interrupted ? 1 : 0);
console.log('\nSummary');
for (const result of results) {
  const mark = result.failed ? 'FAIL' : result.passed ? 'ok  ' : '--  ';
  const counts = `${String(result.passed).padStart(4)} ok ${String(result.failed).padStart(4)} ko`;
  console.log(`  ${mark} ${result.tier.padEnd(11)} ${counts}  ${result.seconds.toFixed(1).padStart(6)} s${result.note ? `  (${result.note})` : ''}`);
}
if (interrupted) console.log('  interrupted: counted as one failure');
console.log(`  total time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
