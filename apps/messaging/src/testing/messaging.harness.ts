import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JSONCodec } from 'nats';
import type { EventContract, EventEnvelope } from '@guichet/contracts';
import { SmtpSink, waitFor } from '@guichet/platform-testing';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';

const json = JSONCodec<unknown>();

export const publicUrl = 'http://guichet.test';

/**
 * The messaging service in-process on real PostgreSQL and NATS, with an SMTP sink on random ports.
 * Retries are fast so that tests wait for conditions, not for production delays.
 */
export class MessagingHarness {
  private constructor(
    readonly platform: TestPlatform,
    readonly sink: SmtpSink,
  ) {}

  static async start(): Promise<MessagingHarness> {
    const sink = new SmtpSink();
    await sink.start({ smtpPort: 0, httpPort: 0 });
    const platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }], {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.smtpPort),
      MAIL_FROM: 'Guichet <ne-pas-repondre@guichet.local>',
      PUBLIC_URL: publicUrl,
      MAIL_RETRY_BACKOFF_MS: '100',
      // No polling in tests: e-mails must leave because the sender is kicked after each commit
      // and wakes when a retry is due.
      MAIL_POLL_INTERVAL_MS: '600000',
      SMTP_TIMEOUT_MS: '2000',
    });
    return new MessagingHarness(platform, sink);
  }

  get app(): INestApplicationContext {
    const app = this.platform.apps.get('messaging');
    if (!app) throw new Error('messaging is not running');
    return app;
  }

  /** Closes the running messaging app and starts a new one (same database and namespace) with these settings. */
  async restart(env: NodeJS.ProcessEnv = {}): Promise<void> {
    await this.platform.apps.get('messaging')?.close();
    this.platform.apps.delete('messaging');
    const app = await NestFactory.createApplicationContext(AppModule.register(loadServiceConfig({ ...this.platform.env, ...env })), { logger: false });
    await app.init();
    this.platform.apps.set('messaging', app);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.app.get(MikroORM).em.fork().getConnection().execute(sql, params)) as T[];
  }

  /** Publishes an envelope under a message id of our choosing; resolves with its stream sequence. */
  async publish(contract: EventContract, envelope: EventEnvelope, msgID: string = randomUUID()): Promise<number> {
    const ack = await this.platform.events.js.publish(this.platform.bus.names.wire(contract.subject), json.encode(envelope), { msgID });
    return ack.seq;
  }

  /** Waits until a durable consumer has acknowledged everything up to `seq`. */
  async waitForConsumer(durable: string, seq: number): Promise<void> {
    await waitFor(
      async () => {
        const info = await this.platform.events.jsm.consumers.info(this.platform.bus.names.eventsStream, durable);
        return info.ack_floor.stream_seq >= seq;
      },
      { timeoutMs: 15_000, description: `${durable} past ${seq}` },
    );
  }

  mailsTo(address: string): ReturnType<SmtpSink['messages']> {
    return this.sink.messages().filter((message) => message.to.includes(address));
  }

  async stop(): Promise<void> {
    await this.platform.stop();
    await this.sink.stop();
  }
}
