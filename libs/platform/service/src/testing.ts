import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Bus, EventBus } from '@guichet/platform-bus';
import { createLogger } from '@guichet/platform-logging';
import { serviceOrmOptions } from '@guichet/platform-persistence';
import type { ServiceDefinition } from './platform.module';

export interface ServiceUnderTest {
  definition: ServiceDefinition;
  /** Builds the service's root module from an environment (e.g. `(env) => AppModule.register(loadServiceConfig(env))`). */
  createModule: (env: NodeJS.ProcessEnv) => DynamicModule;
}

export interface TestPlatform {
  apps: Map<string, INestApplicationContext>;
  /** A bus client in the same namespace, to send requests as a test caller. */
  bus: Bus;
  events: EventBus;
  namespace: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const baseDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Starts one or more services in-process for an integration test, on real PostgreSQL (a fresh
 * database with the services' real migrations) and real NATS (a unique bus namespace).
 */
export async function startServicesForTest(services: ServiceUnderTest[], extraEnv: NodeJS.ProcessEnv = {}): Promise<TestPlatform> {
  const namespace = `int${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const database = `guichet_${namespace}`;
  const admin = new Client({ connectionString: baseDatabaseUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const url = new URL(baseDatabaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    NATS_URL: 'nats://127.0.0.1:4222',
    DATABASE_URL: databaseUrl,
    BUS_NAMESPACE: namespace,
    ...extraEnv,
  };
  for (const { definition } of services) {
    const orm = await MikroORM.init(serviceOrmOptions({ ...definition.orm, databaseUrl }));
    await orm.em.getConnection().execute(`create schema if not exists "${definition.orm.schema}"`);
    await orm.getMigrator().up();
    await orm.close();
  }
  const apps = new Map<string, INestApplicationContext>();
  for (const service of services) {
    const app = await NestFactory.createApplicationContext(service.createModule(env), { logger: false });
    await app.init();
    apps.set(service.definition.service, app);
  }
  const bus = await Bus.connect({ servers: 'nats://127.0.0.1:4222', name: 'int-test-client', namespace, logger: createLogger('int-test', 'silent') });
  const events = await EventBus.create(bus);
  return {
    apps,
    bus,
    events,
    namespace,
    databaseUrl,
    env,
    async stop() {
      for (const app of [...apps.values()].reverse()) await app.close();
      await events.jsm.streams.delete(bus.names.eventsStream).catch(() => undefined);
      await events.jsm.streams.delete(bus.names.deadLetterStream).catch(() => undefined);
      await bus.drain();
      const cleanup = new Client({ connectionString: baseDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${database}" with (force)`);
      await cleanup.end();
    },
  };
}
