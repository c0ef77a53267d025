// CPU profiles of the processes a stack starts (`--cpu-prof` is refused inside NODE_OPTIONS, a
// preload is not): NODE_OPTIONS="--import <abs path>/tests/bench/profile-preload.mjs" PROFILE_DIR=…
// SIGWINCH, not SIGUSR2: NestJS's enableShutdownHooks() closes the application on SIGUSR2. Each odd SIGWINCH starts the profiler, each even one stops it and writes
// PROFILE_DIR/<service>-<pid>-<n>.cpuprofile; `node tests/bench/profile-summary.mjs <file>` sums self-time per package.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.PROFILE_DIR;
const script = process.argv[1] ?? '';
// Only the stack's services (dist/apps/<name>/src/main.js), not migrations, seed or npm itself.
const match = /apps[/\\]([^/\\]+)[/\\]src[/\\]main\.js$/.exec(script);
if (dir && match) {
  const name = match[1];
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 200 }));
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      session.post('Profiler.start');
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      written += 1;
      const file = join(dir, `${name}-${process.pid}-${written}.cpuprofile`);
      writeFileSync(file, JSON.stringify(result.profile));
      writeFileSync(`${file}.done`, '');
    });
  });
}
