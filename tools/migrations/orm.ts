import { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { serviceOrmOptions } from '@guichet/platform-persistence';
import type { ServiceDefinition } from '@guichet/platform-service';

export async function openServiceOrm(definition: ServiceDefinition, databaseUrl: string): Promise<MikroORM<PostgreSqlDriver>> {
  const orm = await MikroORM.init(serviceOrmOptions({ ...definition.orm, databaseUrl }));
  await orm.em.getConnection().execute(`create schema if not exists "${definition.orm.schema}"`);
  return orm;
}

/** Runs `fn` against a scratch database created for it and dropped afterwards. */
export async function withScratchDatabase<T>(baseUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const { Client } = await import('pg');
  const name = `guichet_scratch_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

export function databaseUrlFromEnv(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
