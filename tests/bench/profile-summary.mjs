// Sums the self-time of a .cpuprofile per package (node_modules/<pkg>, our libs and apps, node's
// internals, GC, idle), and lists the heaviest functions.
//   node tests/bench/profile-summary.mjs <file.cpuprofile> [top functions, default 25]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let index = 0; index < profile.samples.length; index += 1) {
  const id = profile.samples[index];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[index] ?? 0));
}

export function packageOf(url, functionName) {
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)') return '(program)';
    return '(native)';
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const ours = /\/dist\/((?:apps|libs\/platform|libs\/shared|libs)\/[^/]+)/.exec(url);
  if (ours) return ours[1];
  return url;
}

const perPackage = new Map();
const perFunction = new Map();
let total = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  const { url, functionName, lineNumber } = node.callFrame;
  const pkg = packageOf(url, functionName);
  total += us;
  perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + us);
  const key = `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`;
  perFunction.set(key, (perFunction.get(key) ?? 0) + us);
}
const busy = total - (perPackage.get('(idle)') ?? 0);
const pct = (us) => ((100 * us) / busy).toFixed(1).padStart(5);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy`);
console.log('self time per package (% of busy):');
for (const [pkg, us] of [...perPackage].filter(([pkg]) => pkg !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`  ${pct(us)} %  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${pkg}`);
}
console.log('heaviest functions (self):');
for (const [key, us] of [...perFunction].filter(([key]) => !key.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25))) {
  console.log(`  ${pct(us)} %  ${key}`);
}
