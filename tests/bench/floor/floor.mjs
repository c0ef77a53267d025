// The floor of the request path, for `npm run bench:api`: what a signed-in read of a dossier and the
// filing of a dossier cost with no framework at all. Two small processes, as the real stack has a
// gateway and a dossiers service:
//
//   node tests/bench/floor/floor.mjs edge       Fastify on FLOOR_PORT: cookie → sha256 → the session
//                                               row (joined to its account) in the gateway's own
//                                               `gateway.session` table, then one NATS request
//   node tests/bench/floor/floor.mjs dossiers   NATS responder (queue group) running the same SQL as
//                                               the dossiers service, with `pg` directly
//
// Same database (the bench stack's), same tables and indexes, same NATS server. Subjects live under
// FLOOR_SUBJECT_PREFIX so they never meet the real services' traffic. No ORM, no NestJS, no
// validation beyond what the SQL needs, no logging per request, no tracing: it is the floor.
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { connect, headers as natsHeaders, JSONCodec } from 'nats';
import pg from 'pg';

const role = process.argv[2];
const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`floor: ${name} is required`);
  return value;
};
const prefix = env('FLOOR_SUBJECT_PREFIX');
// The floor writes its own copies of the dossiers tables (same columns, indexes and keys), so the real
// service's outbox relay never sees its rows.
const schema = env('FLOOR_SCHEMA');
const json = JSONCodec();
const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
const nc = await connect({ servers: env('NATS_URL'), name: `floor-${role}` });

const dossierColumns = `id, number, tenant_id, procedure_id, procedure_title, revision_id, state, test, usager_account_id, usager_email,
  usager_first_name, usager_last_name, values, lookups, correction_pending, motivation, created_at, updated_at, submitted_at, decided_at, group_id, group_label`;

function dossierJson(row, traitements) {
  return {
    id: row.id,
    number: row.number,
    tenantId: row.tenant_id,
    procedureId: row.procedure_id,
    procedureTitle: row.procedure_title,
    revisionId: row.revision_id,
    state: row.state,
    test: row.test,
    usager: { accountId: row.usager_account_id, email: row.usager_email, firstName: row.usager_first_name, lastName: row.usager_last_name },
    values: row.values,
    correctionPending: row.correction_pending,
    motivation: row.motivation,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    group: row.group_id ? { id: row.group_id, label: row.group_label } : null,
    traitements: traitements.map((t) => ({ id: t.id, event: t.event, fromState: t.from_state, toState: t.to_state, at: t.at.toISOString(), actorEmail: t.actor_email, motivation: t.motivation })),
  };
}

async function traitementsOf(client, dossierId) {
  return (await client.query(`select id, event, from_state, to_state, at, actor_email, motivation from ${schema}.traitement where dossier_id = any($1) order by at asc, id asc`, [[dossierId]])).rows;
}

async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const notFound = { ok: false, error: { code: 'NOT_FOUND', message: 'Dossier introuvable.' } };

/** The dossiers side: get, create, save values, submit. */
const handlers = {
  async get(payload, actor) {
    const row = (await pool.query(`select ${dossierColumns} from ${schema}.dossier where id = $1 and usager_account_id = $2 limit 1`, [payload.dossierId, actor.accountId])).rows[0];
    if (!row) return notFound;
    return { ok: true, data: dossierJson(row, await traitementsOf(pool, row.id)) };
  },
  async create(payload, actor) {
    const now = new Date();
    const row = await inTransaction(
      async (client) =>
        (
          await client.query(
            `insert into ${schema}.dossier (id, tenant_id, procedure_id, procedure_title, revision_id, state, test, usager_account_id, usager_email, usager_first_name, usager_last_name, values, correction_pending, created_at, updated_at)
             values ($1, $2, $3, $4, $5, 'brouillon', false, $6, $7, $8, $9, '{}', false, $10, $10) returning ${dossierColumns}`,
            [randomUUID(), payload.tenantId, payload.procedureId, payload.procedureTitle, payload.revisionId, actor.accountId, actor.email, actor.firstName, actor.lastName, now],
          )
        ).rows[0],
    );
    return { ok: true, data: dossierJson(row, []) };
  },
  async save(payload, actor) {
    return inTransaction(async (client) => {
      const row = (await client.query(`select ${dossierColumns} from ${schema}.dossier where id = $1 and usager_account_id = $2 limit 1 for update`, [payload.dossierId, actor.accountId])).rows[0];
      if (!row) return notFound;
      const updated = (
        await client.query(`update ${schema}.dossier set values = $2, updated_at = $3 where id = $1 returning ${dossierColumns}`, [row.id, JSON.stringify({ ...row.values, ...payload.values }), new Date()])
      ).rows[0];
      return { ok: true, data: dossierJson(updated, await traitementsOf(client, row.id)) };
    });
  },
  async submit(payload, actor) {
    return inTransaction(async (client) => {
      const row = (await client.query(`select ${dossierColumns} from ${schema}.dossier where id = $1 and usager_account_id = $2 limit 1 for update`, [payload.dossierId, actor.accountId])).rows[0];
      if (!row) return notFound;
      if (row.state !== 'brouillon') return { ok: false, error: { code: 'DOSSIER_INVALID_TRANSITION', message: 'Déjà déposé.' } };
      const at = new Date(Math.max(Date.now(), row.updated_at.getTime() + 1));
      const updated = (
        await client.query(`update ${schema}.dossier set state = 'en_construction', submitted_at = $2, updated_at = $2, group_id = $3, group_label = $4 where id = $1 returning ${dossierColumns}`, [
          row.id,
          at,
          payload.groupId,
          'Groupe par défaut',
        ])
      ).rows[0];
      const traitementId = randomUUID();
      await client.query(`insert into ${schema}.traitement (id, dossier_id, event, from_state, to_state, at, actor_email, motivation) values ($1, $2, 'passer_en_construction', 'brouillon', 'en_construction', $3, $4, null)`, [
        traitementId,
        row.id,
        at,
        actor.email,
      ]);
      const eventId = randomUUID();
      const envelope = {
        id: eventId,
        type: 'dossier.state_changed',
        version: 1,
        occurredAt: at.toISOString(),
        tenantId: row.tenant_id,
        actor,
        traceparent: null,
        data: { dossierId: row.id, procedureId: row.procedure_id, number: row.number, event: 'passer_en_construction', from: 'brouillon', to: 'en_construction', at: at.toISOString(), traitementId },
      };
      await client.query(`insert into ${schema}.outbox_event (id, subject, envelope, created_at, published_at) values ($1, $2, $3, $4, null)`, [
        eventId,
        'floor.dossier.state_changed.v1',
        JSON.stringify(envelope),
        at,
      ]);
      return { ok: true, data: dossierJson(updated, await traitementsOf(client, row.id)) };
    });
  },
};

if (role === 'dossiers') {
  for (const [verb, handler] of Object.entries(handlers)) {
    nc.subscribe(`${prefix}.dossiers.dossier.${verb}`, {
      queue: 'floor-dossiers',
      callback: (error, msg) => {
        if (error) return;
        const actor = JSON.parse(Buffer.from(msg.headers?.get('guichet-actor') ?? '', 'base64url').toString('utf8') || 'null');
        handler(json.decode(msg.data), actor).then(
          (reply) => msg.respond(json.encode(reply)),
          (failure) => msg.respond(json.encode({ ok: false, error: { code: 'INTERNAL', message: String(failure?.message ?? failure) } })),
        );
      },
    });
  }
  await nc.flush();
  process.send?.('ready');
} else if (role === 'edge') {
  const app = Fastify({ logger: false });
  const sessionOf = async (request) => {
    const cookie = request.headers.cookie ?? '';
    const token = /(?:^|;\s*)guichet_session=([A-Za-z0-9_-]{43})/.exec(cookie)?.[1];
    if (!token) return null;
    const id = createHash('sha256').update(token).digest('hex');
    const row = (
      await pool.query(
        `select s.account_id, s.tenant_id, s.expires_at, s.last_seen_at, a.email, a.first_name, a.last_name, a.is_operator, a.is_expert
         from gateway.session s join gateway.account a on a.id = s.account_id where s.id = $1`,
        [id],
      )
    ).rows[0];
    if (!row || row.expires_at <= new Date()) return null;
    return { accountId: row.account_id, email: row.email, firstName: row.first_name, lastName: row.last_name, roles: ['usager'] };
  };
  const ask = async (reply, verb, payload, actor) => {
    const h = natsHeaders();
    h.set('guichet-actor', Buffer.from(JSON.stringify(actor)).toString('base64url'));
    const answer = json.decode((await nc.request(`${prefix}.dossiers.dossier.${verb}`, json.encode(payload), { timeout: 10_000, headers: h })).data);
    if (!answer.ok) return reply.code(answer.error.code === 'NOT_FOUND' ? 404 : 409).send({ error: answer.error });
    return answer.data;
  };
  const signedIn = async (request, reply) => {
    const actor = await sessionOf(request);
    if (!actor) reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'Connectez-vous.' } });
    return actor;
  };
  app.get('/api/dossiers/:dossierId', async (request, reply) => {
    const actor = await signedIn(request, reply);
    return actor ? ask(reply, 'get', { dossierId: request.params.dossierId }, actor) : reply;
  });
  app.post('/api/dossiers', async (request, reply) => {
    const actor = await signedIn(request, reply);
    // The real create asks procedures for the published revision; the floor is told it by the bench.
    return actor ? ask(reply.code(201), 'create', request.body, actor) : reply;
  });
  app.patch('/api/dossiers/:dossierId/values', async (request, reply) => {
    const actor = await signedIn(request, reply);
    return actor ? ask(reply, 'save', { dossierId: request.params.dossierId, values: request.body.values }, actor) : reply;
  });
  app.post('/api/dossiers/:dossierId/submit', async (request, reply) => {
    const actor = await signedIn(request, reply);
    return actor ? ask(reply, 'submit', { dossierId: request.params.dossierId, groupId: request.body?.groupId ?? null }, actor) : reply;
  });
  await app.listen({ port: Number(env('FLOOR_PORT')), host: '127.0.0.1' });
  process.send?.('ready');
} else {
  throw new Error('usage: floor.mjs edge|dossiers');
}

const stop = async () => {
  await nc.drain().catch(() => undefined);
  await pool.end().catch(() => undefined);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
