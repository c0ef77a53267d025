import { MikroORM } from '@mikro-orm/core';
import { agentGroupContracts, dossierContracts, groupNotices, GuichetError, type AgentGroup, procedureContracts, type BusContext, type Dossier, type Procedure, type RequestOf } from '@guichet/contracts';
import { startWithLocalS3, type LocalS3Access } from '@guichet/platform-storage-testing';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';

export interface ListCall {
  payload: RequestOf<typeof dossierContracts.listForProcedure>;
  ctx: BusContext;
}

export interface ExportsHarness extends LocalS3Access {
  platform: TestPlatform;
  orm: MikroORM;
  procedures: Map<string, Procedure>;
  /** Dossiers by procedure id, as the dossiers service would list them. */
  dossiers: Map<string, Dossier[]>;
  listCalls: ListCall[];
  /** A procedure whose listing answers with this error (a failing dossiers service). */
  failingProcedures: Map<string, GuichetError>;
  /** The instructor groups of an agent's address (lower-case), as procedures would answer them. */
  agentGroups: ReadonlyMap<string, AgentGroup[]>;
  /** Sets them, and announces the change of the tenant's members as procedures does. */
  setAgentGroups(tenantId: string, email: string, groups: AgentGroup[]): void;
  /** A procedure whose listing waits until the promise resolves (an export caught mid-way). */
  gates: Map<string, Promise<void>>;
  stop(): Promise<void>;
}

function isAgentOrSystemOf(ctx: BusContext, tenantId: string): boolean {
  if (ctx.tenantId !== tenantId) return false;
  return ctx.system !== undefined || (ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false);
}

/**
 * The exports service in-process with its own S3 server (started without buckets, so the service must
 * create them), real PostgreSQL and NATS. The procedures and dossiers services are other teams'
 * processes: responders on the test's bus client answer for them, with their authorization rules
 * (agents of the tenant, or a system caller naming it) and keyset pagination by dossier number.
 */
export async function startExports(): Promise<ExportsHarness> {
  const { service: platform, stop, ...s3Access } = await startWithLocalS3((s3Env) =>
    startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }], { ...s3Env, EXPORT_POLL_MS: '100' }),
  );
  const app = platform.apps.get('exports');
  if (!app) throw new Error('exports did not start');

  const procedures = new Map<string, Procedure>();
  const dossiers = new Map<string, Dossier[]>();
  const listCalls: ListCall[] = [];
  const failingProcedures = new Map<string, GuichetError>();
  const gates = new Map<string, Promise<void>>();
  const agentGroups = new Map<string, AgentGroup[]>();
  platform.bus.serve(agentGroupContracts.ofAgent, async (_payload, ctx) => {
    if (ctx.actor === undefined || ctx.tenantId === undefined) throw new GuichetError('FORBIDDEN', 'Seuls les agents d’une administration ont des groupes instructeurs.');
    return { groups: agentGroups.get(ctx.actor.email.toLowerCase()) ?? [] };
  });
  platform.bus.serve(procedureContracts.get, async ({ procedureId }, ctx) => {
    const found = procedures.get(procedureId);
    if (!found || !isAgentOrSystemOf(ctx, found.tenantId)) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
    return found;
  });
  platform.bus.serve(dossierContracts.listForProcedure, async (payload, ctx) => {
    listCalls.push({ payload, ctx });
    const found = procedures.get(payload.procedureId);
    if (!found || !isAgentOrSystemOf(ctx, found.tenantId)) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
    const failure = failingProcedures.get(payload.procedureId);
    if (failure) throw failure;
    await gates.get(payload.procedureId);
    const inGroups = (dossier: Dossier) => payload.groupIds === undefined || (dossier.groupeInstructeur != null && payload.groupIds.includes(dossier.groupeInstructeur.id));
    const all = (dossiers.get(payload.procedureId) ?? []).filter(inGroups).sort((a, b) => a.number - b.number);
    const after = payload.after === undefined ? 0 : Number(payload.after);
    const rest = all.filter((d) => d.number > after);
    const items = rest.slice(0, payload.limit);
    const last = items.at(-1);
    return { items, nextCursor: rest.length > items.length && last ? String(last.number) : null };
  });
  await platform.bus.nc.flush();

  return {
    ...s3Access,
    platform,
    orm: app.get(MikroORM),
    procedures,
    dossiers,
    listCalls,
    failingProcedures,
    agentGroups,
    setAgentGroups: (tenantId, email, groups) => {
      agentGroups.set(email.toLowerCase(), groups);
      platform.bus.notify(groupNotices.membersChanged, { tenantId });
    },
    gates,
    stop,
  };
}
