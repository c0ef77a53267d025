// npm run bench:routing — builds, then runs the routing benchmark compiled from
// tools/bench/routing.bench.ts (5,000 groups, 2,000 dossiers routed over the bus; see that file).
// Needs PostgreSQL on 127.0.0.1:5432 and NATS on 127.0.0.1:4222, as the integration tests do.
import { createRequire } from 'node:module';
import { build } from '../../tools/build/build.mjs';

await build({ quiet: true });
createRequire(import.meta.url)('../../dist/tools/bench/routing.bench.js');
