import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where integration tests find PostgreSQL and NATS. `npm test` exports TEST_POSTGRES_URL and
 * TEST_NATS_URL when it had to start them elsewhere than the usual ports.
 */
export function testInfra(env: NodeJS.ProcessEnv = process.env): { postgresUrl: string; natsUrl: string } {
  return {
    postgresUrl: env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function identifier(name: string): string {
  // Names come from code, not users; refusing anything unusual keeps quoting trivial.
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name "${name}"`);
  return `"${name}"`;
}

async function withClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return withClient(serverUrl, async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (result.rowCount ?? 0) > 0;
  });
}

/** Creates the database unless it exists; true when it was created. */
export function ensureDatabase(serverUrl: string, name: string): Promise<boolean> {
  return withClient(serverUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if ((exists.rowCount ?? 0) > 0) return false;
    try {
      await client.query(`CREATE DATABASE ${identifier(name)}`);
      return true;
    } catch (error) {
      // Another process created it between the check and here.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
  });
}

/** Drops the database, disconnecting whoever still uses it. */
export function dropDatabase(serverUrl: string, name: string): Promise<void> {
  return withClient(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`);
  });
}

export interface TempDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database for one test run. */
export async function createTempDatabase(prefix = 'guichet_test', serverUrl = testInfra().postgresUrl): Promise<TempDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${identifier(name)}`));
  return { name, url: withDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
