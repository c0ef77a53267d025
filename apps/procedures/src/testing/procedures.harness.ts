import { stat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { documentContracts, procedureContracts, procedureEvents, type BusContext, type EventDataOf, type EventEnvelope, type FileInfo, type filePurposes, type Procedure, type RequestContract, type RequestInputOf, type ResponseOf } from '@guichet/contracts';
import { contextToHeaders } from '@guichet/platform-bus';
import { OutboxRelay } from '@guichet/platform-persistence';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { freePort, LocalS3Server, runProcess, startProcess, waitForHttp, type ProcessHandle } from '@guichet/platform-testing';
import { Client } from 'pg';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';
import { administrateurOf, sampleFields, uniquePath } from './procedure.factories';

type PublishedEvent = EventEnvelope<EventDataOf<typeof procedureEvents.published>>;

/** The procedures service started in-process on real PostgreSQL and NATS, with test helpers. */
export interface ProceduresUnderTest {
  platform: TestPlatform;
  request<C extends RequestContract>(contract: C, payload: RequestInputOf<C>, ctx: BusContext): Promise<ResponseOf<C>>;
  /** Sends bytes as they are, to see what the receiving edge does with a payload the client did not check. */
  raw(contract: RequestContract, body: string, ctx: BusContext): Promise<unknown>;
  /** A procedure of the tenant, created by one of its administrateurs, optionally with a form. */
  createProcedure(tenantId: string, options?: { fields?: boolean; publish?: boolean; title?: string }): Promise<Procedure>;
  /** The `procedure.published` events on the stream for one procedure, in stream order. */
  publishedEvents(procedureId: string): Promise<PublishedEvent[]>;
  /** Outbox rows of the service for one procedure. */
  outboxRows(procedureId: string): Promise<{ id: string; subject: string; published_at: Date | null }[]>;
  sql<T>(text: string, values?: unknown[]): Promise<T[]>;
  relay(): OutboxRelay;
  /** With `{ documents: true }` only: the real documents service, as a child process. */
  documents: DocumentsPeer | undefined;
  stop(): Promise<void>;
}

/** The real documents service (built output, same database and bus namespace) and its S3 server. */
export interface DocumentsPeer {
  /** Uploads an image as an administrateur of the tenant would (presign, PUT, and confirm unless `confirm: false`). */
  upload(tenantId: string, options?: { purpose?: (typeof filePurposes)[number]; kind?: 'png' | 'jpeg' | 'pdf'; confirm?: boolean }): Promise<FileInfo>;
  /** Confirms a file uploaded with `confirm: false`, as its uploader. */
  confirm(fileId: string): Promise<FileInfo>;
  /** Stops the process (documents no longer answers on the bus). */
  stop(): Promise<void>;
}

/** A 1×1 PNG, a minimal JPEG and a PDF header: what documents' magic-byte check reads. */
export const sampleBytes = {
  png: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
  jpeg: Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64'),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
} as const;
const mimeOf = { png: 'image/png', jpeg: 'image/jpeg', pdf: 'application/pdf' } as const;

const root = resolve(__dirname, '../../../..');

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

/** Builds dist/ only when the documents service, the libraries or the migration tools changed since the last build. */
async function ensureDocumentsBuilt(): Promise<void> {
  const modifiedAt = (path: string): Promise<number> => stat(path).then((info) => info.mtimeMs, () => 0);
  const outputs = await Promise.all(['dist/apps/documents/src/main.js', 'dist/tools/migrations/migrate.js'].map((path) => modifiedAt(join(root, path))));
  const sources = await Promise.all(['apps/documents/src', 'libs', 'tools/migrations'].map((dir) => newestSourceChange(join(root, dir))));
  if (Math.min(...outputs) > Math.max(...sources)) return;
  await runProcess({ name: 'procedures-int-build', command: process.execPath, args: ['tools/build/build.mjs'], cwd: root });
}

/**
 * The documents service as a child process: the procedures app module may not import another
 * service's code (module boundaries), so it runs from dist/ like in production.
 */
async function startDocumentsPeer(platform: TestPlatform): Promise<DocumentsPeer> {
  await ensureDocumentsBuilt();
  const s3 = new LocalS3Server();
  const endpoint = await s3.start();
  let child: ProcessHandle | undefined;
  try {
    await runProcess({ name: 'procedures-int-migrate', command: process.execPath, args: ['dist/tools/migrations/migrate.js'], cwd: root, env: { DATABASE_URL: platform.databaseUrl } });
    const healthPort = await freePort();
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(platform.env)) if (value !== undefined) env[key] = value;
    child = startProcess({
      name: 'procedures-int-documents',
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
  const uploaders = new Map<string, BusContext>();
  return {
    async upload(tenantId, options = {}) {
      const kind = options.kind ?? 'png';
      const admin = administrateurOf(tenantId);
      const bytes = sampleBytes[kind];
      const { file, upload } = await platform.bus.request(documentContracts.presignUpload, { purpose: options.purpose ?? 'attestation_template', fileName: `image.${kind}`, mimeType: mimeOf[kind], size: bytes.length }, admin);
      const put = await fetch(upload.url, { method: 'PUT', body: new Uint8Array(bytes), headers: upload.headers });
      if (!put.ok) throw new Error(`upload to S3 answered ${put.status}`);
      uploaders.set(file.id, admin);
      return options.confirm === false ? file : platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, admin);
    },
    async confirm(fileId) {
      const uploader = uploaders.get(fileId);
      if (uploader === undefined) throw new Error(`file ${fileId} was not uploaded here`);
      return platform.bus.request(documentContracts.confirmUpload, { fileId }, uploader);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.stop();
      await s3.stop();
    },
  };
}

/** `documents: true` also starts the real documents service (images named by settings and templates are checked with it). */
export async function startProcedures(options: { documents?: boolean } = {}): Promise<ProceduresUnderTest> {
  const platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }]);
  let documents: DocumentsPeer | undefined;
  try {
    if (options.documents === true) documents = await startDocumentsPeer(platform);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const app = platform.apps.get('procedures');
  if (app === undefined) throw new Error('procedures did not start');

  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await db.query(text, values)).rows as T[];

  const self: ProceduresUnderTest = {
    platform,
    request: (contract, payload, ctx) => platform.bus.request(contract, payload, ctx),
    async raw(contract, body, ctx) {
      const reply = await platform.bus.nc.request(platform.bus.names.wire(contract.subject), new TextEncoder().encode(body), { timeout: 5_000, headers: contextToHeaders(ctx) });
      return JSON.parse(new TextDecoder().decode(reply.data)) as unknown;
    },
    async createProcedure(tenantId, options = {}) {
      const admin = administrateurOf(tenantId);
      let procedure = await platform.bus.request(procedureContracts.create, { title: options.title ?? 'Aide aux associations', description: 'Une démarche de test.', path: uniquePath(), tenantName: 'Préfecture de test' }, admin);
      if (options.fields === true || options.publish === true) {
        procedure = await platform.bus.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: sampleFields() }, admin);
      }
      if (options.publish === true) procedure = await platform.bus.request(procedureContracts.publish, { procedureId: procedure.id }, admin);
      return procedure;
    },
    async publishedEvents(procedureId) {
      // The test's stream holds only this run's events: read them all by sequence, keep ours.
      const { events, bus } = platform;
      const subject = bus.names.wire(procedureEvents.published.subject);
      const { state } = await events.jsm.streams.info(bus.names.eventsStream);
      const envelopes: PublishedEvent[] = [];
      for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
        const stored = await events.jsm.streams.getMessage(bus.names.eventsStream, { seq }).catch(() => null);
        if (stored?.subject === subject) envelopes.push(stored.json<PublishedEvent>());
      }
      return envelopes.filter((envelope) => envelope.data.procedureId === procedureId);
    },
    outboxRows: (procedureId) => sql(`select id, subject, published_at from procedures.outbox_event where envelope->'data'->>'procedureId' = $1 order by created_at`, [procedureId]),
    sql,
    relay: () => app.get(OutboxRelay),
    documents,
    async stop() {
      await db.end();
      await documents?.stop();
      await platform.stop();
    },
  };
  return self;
}
