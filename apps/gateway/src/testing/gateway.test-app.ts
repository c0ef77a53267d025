import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Bus, EventBus } from '@guichet/platform-bus';
import { createLogger } from '@guichet/platform-logging';
import { serviceOrmOptions } from '@guichet/platform-persistence';
import { createTempDatabase, testInfra } from '@guichet/platform-testing';
import { loadGatewayConfig } from '../config';
import { createGatewayApp } from '../http/gateway.app';
import { definition } from '../service.definition';

export interface GatewayUnderTest {
  app: NestFastifyApplication;
  /** A bus client in the gateway's namespace, to play the other services. */
  bus: Bus;
  namespace: string;
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  /** Another bus client in the same namespace (e.g. to answer pings, then disappear). */
  connectBus(name: string): Promise<Bus>;
  stop(): Promise<void>;
}

/**
 * Starts the gateway's HTTP application in-process, like startServicesForTest does for bus-only
 * services: a fresh database with the real migrations and a unique bus namespace on the real NATS.
 */
export async function startGatewayForTest(extraEnv: NodeJS.ProcessEnv = {}): Promise<GatewayUnderTest> {
  const infra = testInfra();
  const namespace = `gw${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const database = await createTempDatabase('guichet_gateway', infra.postgresUrl);
  const orm = await MikroORM.init({ ...serviceOrmOptions({ ...definition.orm, databaseUrl: database.url }), logger: () => undefined });
  await orm.em.getConnection().execute(`create schema if not exists "${definition.orm.schema}"`);
  await orm.getMigrator().up();
  await orm.close();
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    NATS_URL: infra.natsUrl,
    DATABASE_URL: database.url,
    BUS_NAMESPACE: namespace,
    PUBLIC_URL: 'http://localhost:3000',
    ...extraEnv,
  };
  const app = await createGatewayApp(loadGatewayConfig(env), { nestLogger: false });
  const buses: Bus[] = [];
  const connectBus = async (name: string) => {
    const bus = await Bus.connect({ servers: infra.natsUrl, name, namespace, logger: createLogger(name, 'silent') });
    buses.push(bus);
    return bus;
  };
  const bus = await connectBus('gateway-int-test');
  return {
    app,
    bus,
    namespace,
    databaseUrl: database.url,
    env,
    connectBus,
    async stop() {
      await app.close();
      const events = await EventBus.create(bus).catch(() => undefined);
      await events?.jsm.streams.delete(bus.names.eventsStream).catch(() => undefined);
      await events?.jsm.streams.delete(bus.names.deadLetterStream).catch(() => undefined);
      for (const client of buses) await client.drain();
      await database.drop();
    },
  };
}
