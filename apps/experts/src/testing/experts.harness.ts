import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { JSONCodec } from 'nats';
import {
  defaultProcedureSettings,
  dossierContracts,
  GuichetError,
  procedureContracts,
  type BusContext,
  type Dossier,
  type EventContract,
  type EventEnvelope,
  type ProcedureStatus,
} from '@guichet/contracts';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { waitFor } from '@guichet/platform-testing';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';
import { aDossier } from './experts.factories';

const json = JSONCodec<unknown>();

/**
 * The experts service in-process on real PostgreSQL and NATS. Dossiers and procedures are other
 * services: `dossiers.dossier.get` and `procedures.procedure.get_status` are answered by responders
 * on the test's bus client, applying their rules (owner, agents and system callers of the tenant,
 * the experts of the dossier's avis; anyone else NOT_FOUND).
 */
export class ExpertsHarness {
  readonly dossiers = new Map<string, Dossier>();
  readonly expertsOf = new Map<string, Set<string>>();
  /** The procedures' statuses procedures answers; a procedure id in `down` answers UNAVAILABLE. */
  readonly procedures = new Map<string, ProcedureStatus>();
  readonly down = new Set<string>();
  readonly statusCalls: { procedureId: string; ctx: BusContext }[] = [];

  private constructor(readonly platform: TestPlatform) {}

  static async start(): Promise<ExpertsHarness> {
    const platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }]);
    const harness = new ExpertsHarness(platform);
    platform.bus.serve(dossierContracts.get, async ({ dossierId }, ctx) => {
      const dossier = harness.dossiers.get(dossierId);
      const owner = ctx.actor?.accountId === dossier?.usager.accountId;
      const agent = ctx.tenantId === dossier?.tenantId && (ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false);
      const system = ctx.system !== undefined && ctx.tenantId === dossier?.tenantId;
      const expert = ctx.actor !== undefined && (harness.expertsOf.get(dossierId)?.has(ctx.actor.email.toLowerCase()) ?? false);
      if (!dossier || !(owner || agent || system || expert)) throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
      return dossier;
    });
    platform.bus.serve(procedureContracts.getStatus, async ({ procedureId }, ctx) => {
      harness.statusCalls.push({ procedureId, ctx });
      if (harness.down.has(procedureId)) throw new GuichetError('UNAVAILABLE', 'Service indisponible.');
      const status = harness.procedures.get(procedureId);
      const allowed = ctx.tenantId === status?.tenantId && (ctx.system !== undefined || (ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false));
      if (!status || !allowed) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      return status;
    });
    await platform.bus.nc.flush();
    return harness;
  }

  /** A dossier of the tenant on a published procedure of its own, experts allowed unless said otherwise. */
  aDossier(tenantId: string, options: { expertsAllowed?: boolean } & Partial<Dossier> = {}): Dossier {
    const { expertsAllowed = true, ...overrides } = options;
    const dossier = aDossier({ tenantId, ...overrides });
    this.dossiers.set(dossier.id, dossier);
    this.procedures.set(dossier.procedureId, {
      procedureId: dossier.procedureId,
      tenantId,
      state: 'publiee',
      closesAt: null,
      settings: { ...defaultProcedureSettings(), expertsAllowed },
    });
    return dossier;
  }

  /** Changes a procedure's setting, as an administrateur would. */
  setExpertsAllowed(procedureId: string, expertsAllowed: boolean): void {
    const status = this.procedures.get(procedureId);
    if (!status) throw new Error(`unknown procedure ${procedureId}`);
    this.procedures.set(procedureId, { ...status, settings: { ...status.settings, expertsAllowed } });
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const app = this.platform.apps.get('experts');
    if (!app) throw new Error('experts is not running');
    return (await app.get(MikroORM).em.fork().getConnection().execute(sql, params)) as T[];
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

  stop(): Promise<void> {
    return this.platform.stop();
  }
}
