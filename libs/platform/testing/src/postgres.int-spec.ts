import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { createTempDatabase, databaseExists, dropDatabase, ensureDatabase, testInfra, withDatabase } from './postgres';

describe('database helpers', () => {
  const { postgresUrl } = testInfra();

  it('creates a fresh database, reachable at its URL, and drops it even while connected', async () => {
    const temp = await createTempDatabase('guichet_helpers');
    expect(temp.name).toMatch(/^guichet_helpers_[0-9a-f]{8}$/);
    const client = new Client({ connectionString: temp.url });
    // The forced drop below terminates this connection on purpose.
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
      expect(rows[0]?.db).toBe(temp.name);
      await temp.drop();
    } finally {
      await client.end().catch(() => undefined);
    }
    expect(await databaseExists(postgresUrl, temp.name)).toBe(false);
  });

  it('ensureDatabase creates once and then reuses', async () => {
    const name = `guichet_ensure_${Date.now()}`;
    try {
      expect(await ensureDatabase(postgresUrl, name)).toBe(true);
      expect(await ensureDatabase(postgresUrl, name)).toBe(false);
    } finally {
      await dropDatabase(postgresUrl, name);
    }
  });

  it('refuses odd names rather than quoting them', async () => {
    await expect(ensureDatabase(postgresUrl, 'x"; DROP DATABASE postgres; --')).rejects.toThrow(/invalid database name/);
  });

  it('rewrites only the database of a URL', () => {
    expect(withDatabase('postgres://postgres:secret@127.0.0.1:5433/postgres?sslmode=disable', 'guichet')).toBe(
      'postgres://postgres:secret@127.0.0.1:5433/guichet?sslmode=disable',
    );
  });
});
