import { type Constructor, type EntityClass, type Options } from '@mikro-orm/core';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { OutboxEvent, ProcessedEvent } from './outbox.entity';

export interface ServiceOrmOptions {
  /** The service's own PostgreSQL schema; no service reads another's. */
  schema: string;
  databaseUrl: string;
  entities: EntityClass<unknown>[];
  migrations: { name: string; class: Constructor<Migration> }[];
  /** Where `npm run migrations:create` writes new migration files (repo-relative). */
  migrationsPath: string;
  debug?: boolean;
}

export function serviceOrmOptions(options: ServiceOrmOptions): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: options.databaseUrl,
    schema: options.schema,
    entities: [...options.entities, OutboxEvent, ProcessedEvent],
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: options.debug ?? false,
    pool: { min: 0, max: 10 },
    // No parallel query: these services answer requests in milliseconds, and starting parallel
    // workers (processes) costs more than it saves there — at a million dossiers, the dashboard's
    // counts spent 31 ms waiting for theirs before reading 2,400 index entries in 8 ms.
    driverOptions: { connection: { options: '-c max_parallel_workers_per_gather=0' } },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations,
      path: options.migrationsPath,
      pathTs: options.migrationsPath,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  };
}
