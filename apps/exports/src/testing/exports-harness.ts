import { MikroORM } from '@mikro-orm/core';
import { Client } from 'minio';
import { dossierContracts, GuichetError, procedureContracts, type BusContext, type Dossier, type Procedure, type RequestOf } from '@guichet/contracts';
import { LocalS3Server, type LocalS3Endpoint } from '@guichet/platform-testing';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';

export interface ListCall {
  payload: RequestOf<typeof dossierContracts.listForProcedure>;
  ctx: BusContext;
}

export interface ExportsHarness {
  platform: TestPlatform;
  s3: LocalS3Endpoint;
  minio: Client;
  orm: MikroORM;
  publicHost: string;
  procedures: Map<string, Procedure>;
  /** Dossiers by procedure id, as the dossiers service would list them. */
  dossiers: Map<string, Dossier[]>;
  listCalls: ListCall[];
  /** A procedure whose listing answers with this error (a failing dossiers service). */
  failingProcedures: Map<string, GuichetError>;
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
  const server = new LocalS3Server();
  const s3 = await server.start({ buckets: [] });
  const publicHost = `localhost:${String(s3.port)}`;
  let platform: TestPlatform;
  try {
    platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }], {
      S3_ENDPOINT: s3.host,
      S3_PORT: String(s3.port),
      S3_USE_SSL: 'false',
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_REGION: s3.region,
      S3_PUBLIC_URL: `http://${publicHost}`,
      EXPORT_POLL_MS: '100',
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const app = platform.apps.get('exports');
  if (!app) throw new Error('exports did not start');

  const procedures = new Map<string, Procedure>();
  const dossiers = new Map<string, Dossier[]>();
  const listCalls: ListCall[] = [];
  const failingProcedures = new Map<string, GuichetError>();
  const gates = new Map<string, Promise<void>>();
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
    const all = [...(dossiers.get(payload.procedureId) ?? [])].sort((a, b) => a.number - b.number);
    const after = payload.after === undefined ? 0 : Number(payload.after);
    const rest = all.filter((d) => d.number > after);
    const items = rest.slice(0, payload.limit);
    const last = items.at(-1);
    return { items, nextCursor: rest.length > items.length && last ? String(last.number) : null };
  });
  await platform.bus.nc.flush();

  return {
    platform,
    s3,
    minio: new Client({ endPoint: s3.host, port: s3.port, useSSL: false, accessKey: s3.accessKey, secretKey: s3.secretKey, region: s3.region, pathStyle: true }),
    orm: app.get(MikroORM),
    publicHost,
    procedures,
    dossiers,
    listCalls,
    failingProcedures,
    gates,
    async stop() {
      await platform.stop();
      await server.stop();
    },
  };
}
