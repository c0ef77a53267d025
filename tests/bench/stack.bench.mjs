// npm run bench:stack — how long `npm start` takes to serve /health/ready, and the memory of the
// whole stack at rest (every process `npm start` started, summed RSS, peak over a few samples).
// Baseline measured in the same run: the RSS of a bare Node.js process, times the number of
// Node processes in the stack, so the figure shows what the services add over Node itself.
// Needs the ports of `npm start` free (it is `npm start`, not a copy of it).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const root = new URL('../..', import.meta.url).pathname;
const readyUrl = 'http://127.0.0.1:3000/health/ready';

function rssKb(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Every process of a process group and of the groups its children made (services run in their own). */
function treeOf(rootPid) {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm }));
  const found = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of table) {
      if (found.has(row.ppid) && !found.has(row.pid)) {
        found.add(row.pid);
        grew = true;
      }
    }
  }
  return table.filter((row) => found.has(row.pid));
}

async function bareNodeRssKb() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(1000);
  const kb = rssKb(child.pid);
  child.kill('SIGKILL');
  return kb;
}

try {
  await fetch('http://127.0.0.1:3000/health/live');
  console.error('port 3000 answers: stop the running stack first');
  process.exit(1);
} catch {
  // free, as wanted
}

const baselineKb = await bareNodeRssKb();
const started = performance.now();
const stack = spawn('npm', ['start'], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
let output = '';
stack.stdout.on('data', (chunk) => (output += chunk));
stack.stderr.on('data', (chunk) => (output += chunk));

let readyMs;
const deadline = Date.now() + 300_000;
while (readyMs === undefined) {
  if (Date.now() > deadline || stack.exitCode !== null) {
    console.error(output.slice(-3000));
    throw new Error('the stack did not become ready');
  }
  try {
    if ((await fetch(readyUrl)).status === 200) readyMs = performance.now() - started;
  } catch {
    // not yet
  }
  if (readyMs === undefined) await sleep(100);
}
// At rest: after the seed has finished and nothing is asked of the stack.
while (!output.includes('Press Ctrl-C')) await sleep(200);
await sleep(3000);
let peakKb = 0;
let nodeProcesses = 0;
let gatewayKb = 0;
for (let sample = 0; sample < 10; sample += 1) {
  const processes = treeOf(stack.pid);
  const total = processes.reduce((sum, row) => sum + rssKb(row.pid), 0);
  if (total > peakKb) {
    peakKb = total;
    nodeProcesses = processes.filter((row) => row.comm === 'node').length;
    gatewayKb = processes.filter((row) => row.comm === 'node').map((row) => ({ row, cmd: readFileSync(`/proc/${row.pid}/cmdline`, 'utf8') })).filter(({ cmd }) => cmd.includes('apps/gateway')).reduce((sum, { row }) => sum + rssKb(row.pid), 0);
  }
  await sleep(500);
}
const before = treeOf(stack.pid).map((row) => row.pid);
process.kill(-stack.pid, 'SIGINT');
await new Promise((resolve) => stack.once('exit', resolve));
await sleep(1000);
const leftover = before.filter((pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}).length;

const mb = (kb) => (kb / 1024).toFixed(0);
console.log(`node processes in the stack: ${nodeProcesses}; bare Node.js process: ${mb(baselineKb)} MB`);
console.log(
  `ready_s=${(readyMs / 1000).toFixed(1)} rest_rss_total_mb=${mb(peakKb)} rest_rss_gateway_mb=${mb(gatewayKb)} node_processes=${nodeProcesses} baseline_bare_node_mb=${mb(baselineKb)} baseline_x_processes_mb=${mb(baselineKb * nodeProcesses)} leftover_processes=${leftover}`,
);
