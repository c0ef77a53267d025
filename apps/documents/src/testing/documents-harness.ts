import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import {
  dossierContracts,
  dossierEventContracts,
  GuichetError,
  procedureContracts,
  type BusContext,
  type Dossier,
  type EventContract,
  type EventEnvelope,
  type Procedure,
  type Revision,
} from '@guichet/contracts';
import { startWithLocalS3, type LocalS3Access } from '@guichet/platform-storage-testing';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';

export interface DocumentsHarness extends LocalS3Access {
  platform: TestPlatform;
  orm: MikroORM;
  /** What the fake dossiers and procedures services know; tests add to them. */
  dossiers: Map<string, Dossier>;
  procedures: Map<string, Procedure>;
  revisions: Map<string, Revision>;
  /** Publishes a dossier state change the way the dossiers service would; `withoutMsgId` bypasses JetStream dedupe to force a redelivery. */
  publish(envelope: EventEnvelope, options?: { withoutMsgId?: boolean }): Promise<number>;
  /** Resolves when the documents consumer has acknowledged every event up to stream sequence `seq`. */
  consumed(seq: number): Promise<boolean>;
  /** Publishes any event under the message id given (a new one each time by default). */
  publishEvent(contract: EventContract, envelope: EventEnvelope, msgID?: string): Promise<number>;
  /** Whether the durable consumer `durable` has acknowledged every event up to stream sequence `seq`. */
  consumedBy(durable: string, seq: number): Promise<boolean>;
  stop(): Promise<void>;
}

const notFound = (what: string): GuichetError => new GuichetError('NOT_FOUND', `${what} introuvable.`);

function isAgentOrSystemOf(ctx: BusContext, tenantId: string): boolean {
  if (ctx.tenantId !== tenantId) return false;
  return ctx.system !== undefined || (ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false);
}

/**
 * The documents service in-process, on its own S3 server (started without buckets, so the service
 * must create them) and real PostgreSQL/NATS. The dossiers and procedures services are other
 * teams' processes: their requests are answered by responders on the test's bus client, applying
 * the same authorization rules (owner, agents of the tenant, system naming the tenant).
 */
export async function startDocuments(extraEnv: Record<string, string> = {}): Promise<DocumentsHarness> {
  const { service: platform, stop, ...s3Access } = await startWithLocalS3((s3Env) =>
    startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }], { ...s3Env, ...extraEnv }),
  );
  const app = platform.apps.get('documents');
  if (!app) throw new Error('documents did not start');

  const dossiers = new Map<string, Dossier>();
  const procedures = new Map<string, Procedure>();
  const revisions = new Map<string, Revision>();
  platform.bus.serve(dossierContracts.get, async ({ dossierId }, ctx) => {
    const found = dossiers.get(dossierId);
    const owner = found !== undefined && ctx.actor?.accountId === found.usager.accountId;
    if (!found || !(owner || isAgentOrSystemOf(ctx, found.tenantId))) throw notFound('Dossier');
    return found;
  });
  platform.bus.serve(procedureContracts.get, async ({ procedureId }, ctx) => {
    const found = procedures.get(procedureId);
    if (!found || !isAgentOrSystemOf(ctx, found.tenantId)) throw notFound('Démarche');
    return found;
  });
  platform.bus.serve(procedureContracts.getRevision, async ({ revisionId }, ctx) => {
    const found = revisions.get(revisionId);
    if (!found || !isAgentOrSystemOf(ctx, found.tenantId)) throw notFound('Révision');
    return found;
  });
  // Let the subscriptions reach the server before the first request.
  await platform.bus.nc.flush();

  const stream = platform.bus.names.eventsStream;
  return {
    ...s3Access,
    platform,
    orm: app.get(MikroORM),
    dossiers,
    procedures,
    revisions,
    async publish(envelope, options = {}) {
      const subject = platform.bus.names.wire(dossierEventContracts.stateChanged.subject);
      const ack = await platform.events.js.publish(subject, JSON.stringify(envelope), options.withoutMsgId === true ? {} : { msgID: envelope.id });
      return ack.seq;
    },
    async consumed(seq) {
      const info = await platform.events.jsm.consumers.info(stream, 'documents__attestations');
      return info.ack_floor.stream_seq >= seq;
    },
    async publishEvent(contract, envelope, msgID = randomUUID()) {
      const ack = await platform.events.js.publish(platform.bus.names.wire(contract.subject), JSON.stringify(envelope), { msgID });
      return ack.seq;
    },
    async consumedBy(durable, seq) {
      const info = await platform.events.jsm.consumers.info(stream, durable);
      return info.ack_floor.stream_seq >= seq;
    },
    stop,
  };
}
