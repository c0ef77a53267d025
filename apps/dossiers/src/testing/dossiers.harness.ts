import { randomBytes } from 'node:crypto';
import { stat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AckPolicy, DeliverPolicy } from 'nats';
import { Client } from 'pg';
import {
  documentContracts,
  dossierEventContracts,
  groupContracts,
  procedureContracts,
  type BusContext,
  type DossierChange,
  type EventDataOf,
  type EventEnvelope,
  type FieldDefinition,
  type FileInfo,
  type filePurposes,
  type Procedure,
  type RequestContract,
  type RequestInputOf,
  type ResponseOf,
} from '@guichet/contracts';
import { contextToHeaders } from '@guichet/platform-bus';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { freePort, LocalS3Server, runProcess, startProcess, waitForHttp, type ProcessHandle } from '@guichet/platform-testing';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';
import { administrateurOf } from './dossier.factories';

const root = resolve(__dirname, '../../../..');

/**
 * The dossiers service in-process plus the real procedures service as a child process (built
 * output, same database and bus namespace). The procedures app module cannot be imported here:
 * module boundaries forbid one service's code in another's, tests included.
 */
export interface DossiersUnderTest {
  platform: TestPlatform;
  request<C extends RequestContract>(contract: C, payload: RequestInputOf<C>, ctx: BusContext): Promise<ResponseOf<C>>;
  /** Sends bytes as they are, past the client-side check, to see what the receiving edge does. */
  raw(contract: RequestContract, body: string, ctx: BusContext): Promise<unknown>;
  /** A published procedure of the tenant with these fields (and these private annotations). */
  publishedProcedure(tenantId: string, fields: FieldDefinition[], annotations?: FieldDefinition[]): Promise<Procedure>;
  /** A procedure that was never published. */
  draftProcedure(tenantId: string, fields: FieldDefinition[]): Promise<Procedure>;
  /**
   * Makes an instructeur a member of the default group of every procedure of their tenant, those
   * created so far and those created later (routing sends every dossier there unless a rule says
   * otherwise). Returns the same context.
   */
  enrol(instructeur: BusContext): Promise<BusContext>;
  /** Adds an instructeur's address to one group of a procedure (the default group if none is named). */
  addToGroup(instructeur: BusContext, procedure: Pick<Procedure, 'id' | 'tenantId'>, groupId?: string): Promise<void>;
  /** `dossier.state_changed` rows of the outbox for a dossier, oldest first, with their publication time. */
  outboxEvents(dossierId: string): Promise<{ envelope: EventEnvelope<DossierChange>; publishedAt: Date | null }[]>;
  /** `dossier.annotation_changed` rows of the outbox for a dossier, oldest first. */
  annotationEvents(dossierId: string): Promise<EventEnvelope<EventDataOf<typeof dossierEventContracts.annotationChanged>>[]>;
  /** `dossier.state_changed` events on the JetStream stream for a dossier, in stream order. */
  streamEvents(dossierId: string): Promise<EventEnvelope<DossierChange>[]>;
  /** With `{ documents: true }` only: the real documents service, as a child process. */
  documents: DocumentsPeer | undefined;
  stop(): Promise<void>;
}

/** The real documents service (built output, same database and bus namespace) and its own S3 server. */
export interface DocumentsPeer {
  /** Uploads a PDF on a dossier as `ctx` would from a browser: presign, PUT, and confirm unless `confirm: false`. */
  upload(dossierId: string, ctx: BusContext, options?: { purpose?: (typeof filePurposes)[number]; fileName?: string; confirm?: boolean }): Promise<FileInfo>;
  /** Stops the process (documents no longer answers on the bus). */
  stop(): Promise<void>;
}

/** A minimal PDF: what documents' magic-byte check reads. */
export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * The documents service as a child process (module boundaries keep its code out of this app), on a
 * fresh S3 server. Its migrations are applied with everyone else's by the caller.
 */
async function startDocumentsPeer(platform: TestPlatform): Promise<DocumentsPeer> {
  const s3 = new LocalS3Server();
  const endpoint = await s3.start();
  let child: ProcessHandle | undefined;
  try {
    const healthPort = await freePort();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(platform.env)) if (value !== undefined) env[key] = value;
    child = startProcess({
      name: 'dossiers-int-documents',
      command: process.execPath,
      args: ['dist/apps/documents/src/main.js'],
      cwd: root,
      env: {
        ...env,
        HEALTH_PORT: String(healthPort),
        S3_ENDPOINT: endpoint.host,
        S3_PORT: String(endpoint.port),
        S3_USE_SSL: 'false',
        S3_ACCESS_KEY: endpoint.accessKey,
        S3_SECRET_KEY: endpoint.secretKey,
        S3_REGION: endpoint.region,
      },
    });
    await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`, { process: child, timeoutMs: 30_000 });
  } catch (error) {
    await child?.stop();
    await s3.stop();
    throw error;
  }
  const running = child;
  let stopped = false;
  return {
    async upload(dossierId, ctx, options = {}) {
      const { file, upload } = await platform.bus.request(
        documentContracts.presignUpload,
        { dossierId, purpose: options.purpose ?? 'justificatif', fileName: options.fileName ?? 'justificatif.pdf', mimeType: 'application/pdf', size: samplePdf.length },
        ctx,
      );
      const put = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(samplePdf), headers: upload.headers });
      if (!put.ok) throw new Error(`upload to S3 answered ${put.status}`);
      return options.confirm === false ? file : platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, ctx);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.stop();
      await s3.stop();
    },
  };
}

async function newestSourceChange(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') newest = Math.max(newest, await newestSourceChange(path));
    } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|d)\.ts$/.test(entry.name)) {
      newest = Math.max(newest, (await stat(path)).mtimeMs);
    }
  }
  return newest;
}

const modifiedAt = (path: string): Promise<number> => stat(path).then((info) => info.mtimeMs, () => 0);

/** Builds dist/ only when the services started as processes, the libraries or the migration tools changed since the last build. */
async function ensureBuilt(services: readonly string[]): Promise<void> {
  const outputs = await Promise.all([...services.map((service) => `dist/apps/${service}/src/main.js`), 'dist/tools/migrations/migrate.js'].map((path) => modifiedAt(join(root, path))));
  const sources = await Promise.all([...services.map((service) => `apps/${service}/src`), 'libs', 'tools/migrations'].map((dir) => newestSourceChange(join(root, dir))));
  if (Math.min(...outputs) > Math.max(...sources)) return;
  await runProcess({ name: 'dossiers-int-build', command: process.execPath, args: ['tools/build/build.mjs'], cwd: root });
}

/**
 * `extraEnv` adds to the dossiers service's environment (e.g. the lookups' register addresses);
 * `documents: true` also starts the real documents service (decisions' justificatifs are checked with it).
 */
export async function startDossiersUnderTest(extraEnv: Record<string, string> = {}, options: { documents?: boolean } = {}): Promise<DossiersUnderTest> {
  await ensureBuilt(options.documents === true ? ['procedures', 'documents'] : ['procedures']);
  const platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }], { LOOKUP_SECRETS_KEY: randomBytes(32).toString('base64'), ...extraEnv });
  let procedures: ProcessHandle | undefined;
  let documents: DocumentsPeer | undefined;
  const db = new Client({ connectionString: platform.databaseUrl });
  try {
    // The procedures schema is migrated by the same tool the Helm chart runs.
    await runProcess({ name: 'dossiers-int-migrate', command: process.execPath, args: ['dist/tools/migrations/migrate.js'], cwd: root, env: { DATABASE_URL: platform.databaseUrl } });
    const healthPort = await freePort();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(platform.env)) if (value !== undefined) env[key] = value;
    procedures = startProcess({ name: 'dossiers-int-procedures', command: process.execPath, args: ['dist/apps/procedures/src/main.js'], cwd: root, env: { ...env, HEALTH_PORT: String(healthPort), DEADLINE_SWEEP_INTERVAL_MS: '500' } });
    await waitForHttp(`http://127.0.0.1:${healthPort}/health/ready`, { process: procedures, timeoutMs: 30_000 });
    if (options.documents === true) documents = await startDocumentsPeer(platform);
    await db.connect();
  } catch (error) {
    await documents?.stop();
    await procedures?.stop();
    await platform.stop();
    throw error;
  }

  const request = <C extends RequestContract>(contract: C, payload: RequestInputOf<C>, ctx: BusContext) => platform.bus.request(contract, payload, ctx);

  /** Instructeurs enrolled by tenant, and the procedures created by tenant. */
  const enrolled = new Map<string, BusContext[]>();
  const created = new Map<string, Procedure[]>();

  async function addToGroup(instructeur: BusContext, on: Pick<Procedure, 'id' | 'tenantId'>, groupId?: string): Promise<void> {
    const admin = administrateurOf(on.tenantId);
    const target = groupId ?? (await request(groupContracts.list, { procedureId: on.id, limit: 500 }, admin)).items.find((group) => group.isDefault)?.id;
    if (target === undefined || instructeur.actor === undefined) throw new Error('no group to add the instructeur to');
    await request(groupContracts.addMembers, { procedureId: on.id, groupId: target, members: [{ email: instructeur.actor.email }] }, admin);
  }

  async function procedure(tenantId: string, fields: FieldDefinition[], publish: boolean, annotations?: FieldDefinition[]): Promise<Procedure> {
    const admin = administrateurOf(tenantId);
    const path = `dossiers-test-${Math.random().toString(36).slice(2, 10)}`;
    const draft = await request(procedureContracts.create, { title: 'Subvention aux associations', description: 'Appel à projets', path, tenantName: 'Préfecture de test' }, admin);
    const updated = await request(procedureContracts.updateDraft, { procedureId: draft.id, fields, ...(annotations !== undefined ? { annotations } : {}) }, admin);
    const result = publish ? await request(procedureContracts.publish, { procedureId: draft.id }, admin) : updated;
    created.set(tenantId, [...(created.get(tenantId) ?? []), result]);
    for (const instructeur of enrolled.get(tenantId) ?? []) await addToGroup(instructeur, result);
    return result;
  }

  const stateChangedSubject = platform.bus.names.wire(dossierEventContracts.stateChanged.subject);

  return {
    platform,
    request,
    async raw(contract, body, ctx) {
      const reply = await platform.bus.nc.request(platform.bus.names.wire(contract.subject), new TextEncoder().encode(body), { headers: contextToHeaders(ctx), timeout: 10_000 });
      return JSON.parse(new TextDecoder().decode(reply.data)) as unknown;
    },
    publishedProcedure: (tenantId, fields, annotations) => procedure(tenantId, fields, true, annotations),
    draftProcedure: (tenantId, fields) => procedure(tenantId, fields, false),
    async enrol(instructeur) {
      const tenantId = instructeur.tenantId;
      if (tenantId === undefined) throw new Error('an instructeur is enrolled in a tenant');
      enrolled.set(tenantId, [...(enrolled.get(tenantId) ?? []), instructeur]);
      for (const existing of created.get(tenantId) ?? []) await addToGroup(instructeur, existing);
      return instructeur;
    },
    addToGroup,
    async outboxEvents(dossierId) {
      const result = await db.query<{ envelope: EventEnvelope<DossierChange>; published_at: Date | null }>(
        `select envelope, published_at from dossiers.outbox_event where subject = $1 and envelope->'data'->>'dossierId' = $2 order by created_at, envelope->>'occurredAt'`,
        [dossierEventContracts.stateChanged.subject, dossierId],
      );
      return result.rows.map((row) => ({ envelope: row.envelope, publishedAt: row.published_at }));
    },
    async annotationEvents(dossierId) {
      const result = await db.query<{ envelope: EventEnvelope<EventDataOf<typeof dossierEventContracts.annotationChanged>> }>(
        `select envelope from dossiers.outbox_event where subject = $1 and envelope->'data'->>'dossierId' = $2 order by created_at, envelope->>'occurredAt'`,
        [dossierEventContracts.annotationChanged.subject, dossierId],
      );
      return result.rows.map((row) => row.envelope);
    },
    async streamEvents(dossierId) {
      // A throw-away consumer over the whole stream: how many messages match is known up front.
      const stream = platform.bus.names.eventsStream;
      const { name } = await platform.events.jsm.consumers.add(stream, {
        filter_subject: stateChangedSubject,
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
        inactive_threshold: 60 * 1e9,
      });
      try {
        const pending = (await platform.events.jsm.consumers.info(stream, name)).num_pending;
        const envelopes: EventEnvelope<DossierChange>[] = [];
        if (pending > 0) {
          const consumer = await platform.events.js.consumers.get(stream, name);
          const messages = await consumer.fetch({ max_messages: pending, expires: 5_000 });
          for await (const message of messages) {
            envelopes.push(message.json<EventEnvelope<DossierChange>>());
            if (envelopes.length === pending) break;
          }
        }
        return envelopes.filter((envelope) => envelope.data.dossierId === dossierId);
      } finally {
        await platform.events.jsm.consumers.delete(stream, name).catch(() => undefined);
      }
    },
    documents,
    async stop() {
      await db.end().catch(() => undefined);
      await documents?.stop();
      await procedures?.stop();
      await platform.stop();
    },
  };
}
