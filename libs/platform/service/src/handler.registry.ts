import type { Server } from 'node:http';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { healthPingContracts, type RequestContract } from '@guichet/contracts';
import { Bus, EventBus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { consumeOnce, OutboxRelay } from '@guichet/platform-persistence';
import { EVENT_HANDLER, REQUEST_HANDLER, type EventHandlerMetadata } from './handlers.decorator';
import { startHealthServer } from './health.server';
import type { ServiceOptions } from './platform.module';
import { LOGGER, SERVICE_OPTIONS } from './tokens';

type Method = (...args: unknown[]) => Promise<unknown>;

/** Finds @OnRequest/@OnEvent methods at boot and subscribes them; undoes it all at shutdown. */
@Injectable()
export class HandlerRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private healthServer: Server | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly bus: Bus,
    private readonly events: EventBus,
    private readonly orm: MikroORM,
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const wrappers = [...this.discovery.getProviders(), ...this.discovery.getControllers()];
    for (const wrapper of wrappers) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, Method>)[name];
        if (typeof method !== 'function') continue;
        const request = this.reflector.get<RequestContract | undefined>(REQUEST_HANDLER, method);
        if (request) this.serve(request, method.bind(instance));
        const event = this.reflector.get<EventHandlerMetadata | undefined>(EVENT_HANDLER, method);
        if (event) await this.consume(event, method.bind(instance));
      }
    }
    const ping = this.options.service === 'gateway' ? undefined : healthPingContracts[this.options.service];
    if (ping) this.bus.serve(ping, async () => ({ service: this.options.service, database: await this.databaseAnswers() }));
    this.relay.start();
    const port = this.options.config.HEALTH_PORT;
    if (port !== undefined) {
      this.healthServer = await startHealthServer(port, () => this.readiness());
    }
    this.logger.info({ healthPort: port }, `${this.options.service} ready`);
  }

  async readiness(): Promise<Record<string, boolean>> {
    return { nats: this.bus.connected, database: await this.databaseAnswers() };
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      // The connection alone: no EntityManager fork for a probe that loads no entity.
      await this.orm.em.getConnection().execute('select 1');
      return true;
    } catch {
      return false;
    }
  }

  private serve(contract: RequestContract, method: Method): void {
    // Run inside the relay's tracking: a handler that committed outbox rows gets them published at
    // once rather than at the next tick; a read costs no relay pass.
    this.bus.serve(contract, (payload, ctx) => this.relay.afterWork(() => RequestContext.create(this.orm.em, () => method(payload, ctx))));
  }

  private async consume({ contract, options }: EventHandlerMetadata, method: Method): Promise<void> {
    await consumeOnce(
      this.events,
      this.orm,
      this.options.orm.schema,
      contract,
      options,
      (event, em, delivery) => RequestContext.create(em, () => method(event, em, delivery)).then(() => undefined),
      (work) => this.relay.afterWork(work),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.healthServer ? this.healthServer.close(() => resolve()) : resolve()));
    await this.events.stop();
    await this.relay.stop();
    await this.bus.drain();
    await this.orm.close();
  }
}
