import { MikroORM } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { ServiceName } from '@guichet/contracts';
import { Bus, EventBus } from '@guichet/platform-bus';
import type { BaseConfig } from '@guichet/platform-config';
import { createLogger, type Logger } from '@guichet/platform-logging';
import { OutboxRelay, serviceOrmOptions, type ServiceOrmOptions } from '@guichet/platform-persistence';
import { HandlerRegistry } from './handler.registry';
import { LOGGER, SERVICE_OPTIONS } from './tokens';

export interface ServiceDefinition {
  service: ServiceName;
  orm: Omit<ServiceOrmOptions, 'databaseUrl'>;
}

export interface ServiceOptions extends ServiceDefinition {
  config: BaseConfig;
}

/**
 * Everything a Guichet service process shares: logger, NATS bus and JetStream, MikroORM on the
 * service's own schema, the outbox relay, and the registry that wires @OnRequest/@OnEvent methods.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(definition: ServiceDefinition, config: BaseConfig): DynamicModule {
    const options: ServiceOptions = { ...definition, config };
    return {
      module: PlatformModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: SERVICE_OPTIONS, useValue: options },
        { provide: LOGGER, useValue: createLogger(definition.service, config.LOG_LEVEL) },
        {
          provide: Bus,
          inject: [LOGGER],
          useFactory: (logger: Logger) =>
            Bus.connect({
              servers: config.NATS_URL,
              name: definition.service,
              namespace: config.BUS_NAMESPACE,
              requestTimeoutMs: config.BUS_REQUEST_TIMEOUT_MS,
              logger,
            }),
        },
        { provide: EventBus, inject: [Bus], useFactory: (bus: Bus) => EventBus.create(bus) },
        {
          provide: MikroORM,
          useFactory: () => MikroORM.init(serviceOrmOptions({ ...definition.orm, databaseUrl: config.DATABASE_URL })),
        },
        // The global EntityManager: every handler runs inside a RequestContext, so this resolves to
        // the handler's own fork (allowGlobalContext is off, so forgetting that fails loudly).
        { provide: EntityManager, inject: [MikroORM], useFactory: (orm: MikroORM) => orm.em },
        {
          provide: OutboxRelay,
          inject: [MikroORM, EventBus, LOGGER],
          useFactory: (orm: MikroORM, events: EventBus, logger: Logger) => new OutboxRelay(orm, events, definition.orm.schema, logger),
        },
        HandlerRegistry,
      ],
      exports: [SERVICE_OPTIONS, LOGGER, Bus, EventBus, MikroORM, EntityManager, OutboxRelay, HandlerRegistry],
    };
  }
}
