// npm run bench:dashboard — the instructeur's dashboard at a million dossiers (issue 7, « How it will be checked »).
//
// 1. Builds, then starts a whole stack beside `npm start` (startStack from tools/stack: own ports,
//    database, bus namespace, all removed at the end).
// 2. Through the HTTP API: a tenant, its administrateur, a procedure with the 30 fields of
//    bench:api, 50 instructor groups, published; an instructeur who belongs to 10 of them.
// 3. Seeds BENCH_DOSSIERS (default 1,000,000) submitted dossiers straight into the dossiers schema
//    with COPY (their 30 values, usagers, states, dates, groups spread evenly; 20 % of the open ones
//    followed, 30 % of the processed ones archived), the indexes dropped during the COPY and built
//    again after it, then VACUUM ANALYZE (what autovacuum does on a live table). The dossiers'
//    trigger keeps the tab counts as the rows arrive (one delta row each in `dashboard_tally`);
//    they are folded as the service's compactor does. Each step is timed.
// 4. Measures through the gateway, over HTTP, as the instructeur (sequential requests, rounds
//    interleaved so that noise weighs on all alike): the default tab page; a page filtered on a
//    field value and sorted on a column, with two field columns; a full-text search on a usager's
//    name; the tab counts; and the default page's very SQL (pageQuery from the dossiers service's
//    build) run alone over one pg connection.
// Last line: dashboard_p95_ms=… filter_p95_ms=… search_p95_ms=… counts_p95_ms=… sql_alone_p95_ms=…
//
// Options (environment): BENCH_DOSSIERS (default 1000000), BENCH_SAMPLES (requests per measure, default 300),
// BENCH_EXPLAIN=1 (the plans of the measured statements), BENCH_TRACE=1 (after the measures, the p50
// of each span — HTTP, bus hops, SQL — of 50 more requests of each kind: where a request waits).
// Needs PostgreSQL on 127.0.0.1:5432 and NATS on 127.0.0.1:4222, as the e2e tests do; about 3 GB of disk.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { URLSearchParams } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from '../../tools/build/build.mjs';
import { agent, expectOk, f2, fields30, latencySamples, mailTemplates, p, send, signIn, startSpanReceiver } from './support.mjs';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const total = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const BENCH_PORTS = {
  gateway: 3980,
  procedures: 3981,
  dossiers: 3982,
  messaging: 3983,
  experts: 3984,
  documents: 3985,
  exports: 3986,
  gatewayHealth: 3987,
  s3: 4594,
  smtp: 1129,
  smtpHttp: 8129,
};
const GROUPS = 50;
const MY_GROUPS = 10;
const log = (message) => console.log(`[bench:dashboard] ${message}`);
const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

// ---------------------------------------------------------------- what the dossiers hold

const firstNames = ['Amélie', 'Élodie', 'Jean', 'Zoé', 'Hélène', 'François', 'Léa', 'Noël', 'Inès', 'Jérôme', 'Chloé', 'Théo', 'Maëlle', 'Loïc', 'Agnès', 'Benoît', 'Céline', 'Gaëtan', 'Anaïs', 'Rémi'];
const lastNames = Array.from({ length: 2_000 }, (_, index) => {
  const stems = ['Durand', 'Lefèvre', 'Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Garçon', 'Rousseau', 'Fournier', 'Girard', 'Bonnet', 'Dupré', 'Lambert', 'Fontaine', 'Rivière', 'Mercier', 'Chevalier'];
  const suffixes = ['', 'eau', 'ier', 'ot', 'et', 'in', 'on', 'ard', 'aud', 'oux'];
  return `${stems[index % stems.length]}${suffixes[Math.floor(index / stems.length) % suffixes.length]}${index >= 200 ? `-${String.fromCharCode(65 + (index % 26))}${Math.floor(index / 26)}` : ''}`;
});
const words = ['association', 'culture', 'sport', 'jeunesse', 'patrimoine', 'école', 'quartier', 'solidarité', 'théâtre', 'musique', 'vélo', 'jardin', 'santé', 'forêt', 'rivière', 'festival', 'bibliothèque', 'marché', 'atelier', 'entraide'];
const states = [
  ['en_construction', 0.3],
  ['en_instruction', 0.3],
  ['accepte', 0.25],
  ['refuse', 0.1],
  ['sans_suite', 0.05],
];

/** A small seeded generator: the same million dossiers on every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function valueOf(field, next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  switch (field.type) {
    case 'text':
      return `${pick(words)} ${pick(words)} ${Math.floor(next() * 1000)}`;
    case 'textarea':
      return `${pick(words)} ${pick(words)} ${pick(words)} et ${pick(words)} pour le ${pick(words)}`;
    case 'integer_number':
      return Math.floor(next() * 10_000);
    case 'decimal_number':
      return Math.round(next() * 1_000_000) / 100;
    case 'date':
      return `20${10 + Math.floor(next() * 15)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    case 'checkbox':
      return next() < 0.9;
    case 'yes_no':
      return next() < 0.5;
    case 'drop_down_list':
      return pick(field.options.choices);
    case 'email':
      return `contact${Math.floor(next() * 100_000)}@example.fr`;
    case 'phone':
      return `01 ${String(Math.floor(next() * 100)).padStart(2, '0')} 45 67 89`;
    default:
      return null;
  }
}

/** COPY text format: tabs separate, `\N` is null, backslashes doubled. */
const copyText = (value) => (value === null ? '\\N' : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));

// ---------------------------------------------------------------- main

await build({ quiet: true });
const { startStack } = require(join(root, 'dist/tools/stack/stack.js'));
const { countsQuery, expiringCountsQuery, pageQuery, unionAll } = require(join(root, 'dist/apps/dossiers/src/dashboard/dashboard.sql.js'));
const { dashboardFields } = require(join(root, 'dist/apps/dossiers/src/dashboard/dashboard.fields.js'));
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');

const receiver = process.env.BENCH_TRACE ? await startSpanReceiver(log) : undefined;
const stack = await startStack({
  mode: 'test',
  label: 'benchdash',
  ports: BENCH_PORTS,
  log,
  env: receiver ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_BSP_MAX_QUEUE_SIZE: '100000' } : {},
});
let exitCode = 0;
const db = new Client({ connectionString: stack.database.url });
try {
  await db.connect();
  const base = stack.urls.gateway;
  const operator = stack.demoAccounts.find((account) => /^op[eé]rat/i.test(account.role));
  if (!operator) throw new Error('the seed wrote no operator account');

  // --- tenant, agents, procedure, groups: through the HTTP API only
  const operatorCookie = await signIn(base, operator.email, operator.password);
  const slug = `dash-${randomUUID().slice(0, 8)}`;
  const tenant = (await expectOk('tenant', send(base, 'POST', '/api/operator/tenants', { cookie: operatorCookie, body: { slug, name: `Préfecture ${slug}` } }))).body;
  const password = 'Bench-mot-de-passe-2026';
  const adminEmail = `admin-${slug}@example.fr`;
  const instructeurEmail = `instructeur-${slug}@example.fr`;
  for (const [email, role] of [
    [adminEmail, 'administrateur'],
    [instructeurEmail, 'instructeur'],
  ]) {
    await expectOk(role, send(base, 'POST', `/api/operator/tenants/${tenant.id}/members`, { cookie: operatorCookie, body: { email, role, firstName: 'Agent', lastName: role, password } }));
  }
  const adminCookie = await signIn(base, adminEmail, password);
  const procedure = (await expectOk('procedure', send(base, 'POST', '/api/admin/procedures', { cookie: adminCookie, body: { title: 'Demande de subvention (tableau de bord)', description: 'Trente champs.', path: slug } }))).body;
  const fields = fields30();
  await expectOk('fields', send(base, 'PATCH', `/api/admin/procedures/${procedure.id}`, { cookie: adminCookie, body: { fields } }));
  await expectOk('templates', send(base, 'PUT', `/api/admin/procedures/${procedure.id}/templates`, { cookie: adminCookie, body: { mailTemplates, attestationTemplates: [] } }));
  // Kept two years: the dossiers, filed over the last two, are as a purge leaves them (the oldest
  // ones, within two weeks of their end, fill « expirant »).
  const retentionMonths = 24;
  await expectOk('settings', send(base, 'PATCH', `/api/admin/procedures/${procedure.id}/settings`, { cookie: adminCookie, body: { retentionMonths } }));
  for (let index = 1; index < GROUPS; index += 1) {
    await expectOk('group', send(base, 'POST', `/api/admin/procedures/${procedure.id}/groups`, { cookie: adminCookie, body: { label: `Secteur ${String(index).padStart(2, '0')}` } }));
  }
  const labelColors = ['pink-tuile', 'green-emeraude', 'blue-ecume', 'yellow-tournesol', 'purple-glycine'];
  const labels = [];
  for (const [index, color] of labelColors.entries()) {
    labels.push((await expectOk('label', send(base, 'POST', `/api/admin/procedures/${procedure.id}/labels`, { cookie: adminCookie, body: { name: `Étiquette ${index + 1}`, color } }))).body);
  }
  const published = (await expectOk('publication', send(base, 'POST', `/api/admin/procedures/${procedure.id}/publish`, { cookie: adminCookie }))).body;
  const groups = (await expectOk('groups', send(base, 'GET', `/api/admin/procedures/${procedure.id}/groups?limit=500`, { cookie: adminCookie }))).body.items;
  if (groups.length !== GROUPS) throw new Error(`expected ${GROUPS} groups, got ${groups.length}`);
  const mine = groups.slice(0, MY_GROUPS);
  for (const group of mine) {
    await expectOk('member', send(base, 'POST', `/api/admin/procedures/${procedure.id}/groups/${group.id}/members`, { cookie: adminCookie, body: { members: [{ email: instructeurEmail }] } }));
  }
  const instructeurCookie = await signIn(base, instructeurEmail, password);
  const me = (await expectOk('me', send(base, 'GET', '/api/me', { cookie: instructeurCookie }))).body.account;
  const revisionId = published.publishedRevision?.id ?? (await expectOk('procedure read', send(base, 'GET', `/api/admin/procedures/${procedure.id}`, { cookie: adminCookie }))).body.publishedRevision.id;
  log(`tenant ${tenant.id}, procedure ${procedure.id}: ${fields.length} fields, ${groups.length} groups, the instructeur in ${mine.length}`);

  // --- seeding: COPY with the indexes dropped, then the indexes, then VACUUM ANALYZE
  // The labels reach the dossiers service's copy by their events first (the dossiers' labels refer to it).
  for (let attempt = 0; ; attempt += 1) {
    const { rows: copied } = await db.query('select count(*)::int as n from "dossiers"."label" where procedure_id = $1', [procedure.id]);
    if (copied[0].n === labels.length) break;
    if (attempt > 100) throw new Error('the labels did not reach the dossiers service');
    await sleep(100);
  }
  const seedStarted = performance.now();
  const { rows: indexes } = await db.query(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'dossiers' and i.tablename in ('dossier', 'dossier_follow', 'dossier_label')
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const index of indexes) await db.query(`drop index "dossiers"."${index.indexname}"`);
  const columns = ['id', 'tenant_id', 'procedure_id', 'procedure_title', 'revision_id', 'state', 'usager_account_id', 'usager_email', 'usager_first_name', 'usager_last_name', 'values', 'created_at', 'updated_at', 'submitted_at', 'decided_at', 'archived', 'group_id', 'group_label', 'follower_count'];
  const follows = [];
  const labelled = [];
  const colleagues = Array.from({ length: 20 }, (_, index) => ({ id: randomUUID(), email: `collegue-${index}-${slug}@example.fr` }));
  const next = random(20261202);
  const now = Date.now();
  const twoYears = 730 * 86_400_000;
  function* rows() {
    let chunk = '';
    for (let index = 0; index < total; index += 1) {
      const id = randomUUID();
      let roll = next();
      const state = states.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'en_construction';
      const group = groups[index % GROUPS];
      const firstName = firstNames[Math.floor(next() * firstNames.length)];
      const lastName = lastNames[Math.floor(next() * lastNames.length)];
      const submitted = now - Math.floor(next() * twoYears);
      const processed = state === 'accepte' || state === 'refuse' || state === 'sans_suite';
      const decided = processed ? submitted + Math.floor(next() * 30 * 86_400_000) : null;
      const updated = Math.max(submitted, decided ?? 0) + 60_000;
      const values = {};
      for (const field of fields) values[field.stableId] = valueOf(field, next);
      const archived = processed && next() < 0.3;
      let followers = 0;
      if (!processed && next() < 0.2) {
        followers = 1;
        const byMe = mine.some((candidate) => candidate.id === group.id) && next() < 0.1;
        const follower = byMe ? { id: me.id, email: instructeurEmail } : colleagues[Math.floor(next() * colleagues.length)];
        follows.push(`${id}\t${follower.id}\t${tenant.id}\t${follower.email}\t${new Date(updated).toISOString()}\n`);
      }
      // 30 % of the dossiers carry one label, 5 % a second one.
      if (next() < 0.3) labelled.push(`${id}\t${labels[Math.floor(next() * labels.length)].id}\t${tenant.id}\t${new Date(updated).toISOString()}\n`);
      if (next() < 0.05) labelled.push(`${id}\t${labels[index % labels.length].id}\t${tenant.id}\t${new Date(updated).toISOString()}\n`);
      const line = [
        id,
        tenant.id,
        procedure.id,
        'Demande de subvention (tableau de bord)',
        revisionId,
        state,
        randomUUID(),
        `${firstName}.${lastName}.${index}@example.fr`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
        firstName,
        lastName,
        JSON.stringify(values),
        new Date(submitted - 3_600_000).toISOString(),
        new Date(updated).toISOString(),
        new Date(submitted).toISOString(),
        decided === null ? null : new Date(decided).toISOString(),
        archived ? 't' : 'f',
        group.id,
        group.label,
        followers,
      ]
        .map(copyText)
        .join('\t');
      chunk += `${line}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }
  let step = performance.now();
  await pipeline(Readable.from(rows()), db.query(copyFrom(`copy "dossiers"."dossier" (${columns.map((column) => `"${column}"`).join(', ')}) from stdin`)));
  log(`COPY of ${total} dossiers: ${seconds(step)} s`);
  // The trigger kept the counts as the rows came in (one delta row each); fold them as the
  // service's compactor would, in bigger bites.
  step = performance.now();
  for (;;) {
    const { rows: folded } = await db.query(`select "dossiers"."dashboard_tally_compact"(200000) as n`);
    const { rows: left } = await db.query(`select exists (select 1 from "dossiers"."dashboard_tally" where delta) as any`);
    if (folded[0].n === 0 && !left[0].any) break;
    if (folded[0].n === 0) await sleep(50);
  }
  await db.query('vacuum analyze "dossiers"."dashboard_tally"');
  log(`counts folded: ${seconds(step)} s`);
  step = performance.now();
  await pipeline(Readable.from(follows), db.query(copyFrom(`copy "dossiers"."dossier_follow" (dossier_id, account_id, tenant_id, account_email, followed_at) from stdin`)));
  log(`COPY of ${follows.length} follows: ${seconds(step)} s`);
  step = performance.now();
  // The same label drawn twice for a dossier is one row.
  const uniqueLabelled = [...new Set(labelled)];
  await pipeline(Readable.from(uniqueLabelled), db.query(copyFrom(`copy "dossiers"."dossier_label" (dossier_id, label_id, tenant_id, added_at) from stdin`)));
  log(`COPY of ${uniqueLabelled.length} labels on dossiers: ${seconds(step)} s`);
  step = performance.now();
  await db.query(`set maintenance_work_mem = '512MB'`);
  for (const index of indexes) {
    const started = performance.now();
    await db.query(index.indexdef);
    log(`  index ${index.indexname}: ${seconds(started)} s`);
  }
  log(`indexes: ${seconds(step)} s`);
  step = performance.now();
  await db.query('vacuum analyze "dossiers"."dossier"');
  await db.query('vacuum analyze "dossiers"."dossier_follow"');
  await db.query('vacuum analyze "dossiers"."dossier_label"');
  log(`vacuum analyze: ${seconds(step)} s`);
  const seedSeconds = seconds(seedStarted);
  const size = (await db.query(`select pg_size_pretty(pg_total_relation_size('dossiers.dossier')) as size`)).rows[0].size;
  log(`seeded in ${seedSeconds} s; dossier table with its indexes: ${size}`);

  // --- the measured requests
  const choice = fields.find((field) => field.type === 'drop_down_list');
  const day = fields.find((field) => field.type === 'date');
  const amount = fields.find((field) => field.type === 'decimal_number');
  const tableau = `/api/instructeur/procedures/${procedure.id}/tableau`;
  const get = async (path) => {
    const response = await send(base, 'GET', path, { cookie: instructeurCookie });
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const filtered = `${tableau}?${new URLSearchParams({
    onglet: 'tous',
    filtres: JSON.stringify([{ column: 'field', stableId: choice.stableId, match: { op: 'equals', values: ['Deuxième'] } }]),
    tri: 'submittedAt',
    ordre: 'desc',
    champs: `${choice.stableId},${day.stableId}`,
  })}`;
  const fieldSorted = `${tableau}?${new URLSearchParams({
    onglet: 'tous',
    filtres: JSON.stringify([{ column: 'field', stableId: choice.stableId, match: { op: 'equals', values: ['Deuxième'] } }]),
    tri: `champ:${amount.stableId}`,
    ordre: 'desc',
  })}`;
  let searchIndex = 0;
  const searchPath = () => `${tableau}?${new URLSearchParams({ onglet: 'tous', q: lastNames[(searchIndex += 37) % lastNames.length] })}`;
  const defaultPage = await get(`${tableau}?onglet=a-suivre`);
  const firstFiltered = await get(filtered);
  const firstSearch = await get(searchPath());
  const counts = await get(`/api/instructeur/procedures/${procedure.id}/counts`);
  log(`default page: ${defaultPage.items.length} rows; filtered: ${firstFiltered.items.length}; search: ${firstSearch.items.length}; counts ${JSON.stringify(counts)}`);

  // The statements the dossiers service runs for those requests, built by its own code, to run alone.
  const scope = { kind: 'groups', tenantId: tenant.id, groupIds: mine.map((group) => group.id) };
  const known = dashboardFields(fields);
  const page = (extra) => ({ procedureId: procedure.id, tab: 'a-suivre', sort: { column: 'number', direction: 'desc' }, filters: [], fieldColumns: [], limit: 50, ...extra });
  const numbered = (query) => {
    let position = 0;
    return { sql: query.sql.replace(/\?/g, () => `$${(position += 1)}`), params: query.params };
  };
  const statements = {
    dashboard: numbered(pageQuery(page({}), scope, me.id, known)),
    filter: numbered(
      pageQuery(
        page({ tab: 'tous', sort: { column: 'submittedAt', direction: 'desc' }, filters: [{ column: 'field', stableId: choice.stableId, match: { op: 'equals', values: ['Deuxième'] } }], fieldColumns: [choice.stableId, day.stableId] }),
        scope,
        me.id,
        known,
      ),
    ),
    search: numbered(pageQuery(page({ tab: 'tous', search: lastNames[37] }), scope, me.id, known)),
    counts: numbered(unionAll(countsQuery(scope, me.id, procedure.id), expiringCountsQuery(scope, new Map([[procedure.id, retentionMonths]])))),
  };
  const alone = await db.query(statements.dashboard.sql, statements.dashboard.params);
  if (alone.rows.length !== defaultPage.items.length + (defaultPage.nextCursor ? 1 : 0)) throw new Error(`the SQL alone read ${alone.rows.length} rows, the page ${defaultPage.items.length}`);
  if (process.env.BENCH_EXPLAIN) {
    for (const [key, statement] of Object.entries(statements)) {
      const plan = await db.query(`explain (analyze, buffers) ${statement.sql}`, statement.params);
      log(`plan of ${key}:\n${plan.rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}`);
    }
  }

  const measures = {
    dashboard: () => get(`${tableau}?onglet=a-suivre`),
    filter: () => get(filtered),
    search: () => get(searchPath()),
    counts: () => get(`/api/instructeur/procedures/${procedure.id}/counts`),
    sqlAlone: () => db.query(statements.dashboard.sql, statements.dashboard.params),
    filterSqlAlone: () => db.query(statements.filter.sql, statements.filter.params),
    searchSqlAlone: () => db.query(statements.search.sql, statements.search.params),
    countsSqlAlone: () => db.query(statements.counts.sql, statements.counts.params),
    nextPage: () => get(`${tableau}?onglet=a-suivre&after=${defaultPage.nextCursor}`),
    labelFilter: () => get(`${tableau}?${new URLSearchParams({ onglet: 'tous', filtres: JSON.stringify([{ column: 'label', values: [labels[0].id] }]) })}`),
  };
  // A sort on a field's value has no index to walk: the matching dossiers are all read and sorted.
  // Timed once, told, not measured in rounds (on a list of tens of thousands it takes seconds).
  const sortStarted = performance.now();
  const sorted = await send(base, 'GET', fieldSorted, { cookie: instructeurCookie });
  log(`one page filtered and sorted on a field's value: HTTP ${sorted.status} in ${f2(performance.now() - sortStarted)} ms`);
  const results = Object.fromEntries(Object.keys(measures).map((key) => [key, []]));
  const rounds = 5;
  for (let round = 0; round < rounds; round += 1) {
    for (const [key, run] of Object.entries(measures)) results[key].push(...(await latencySamples(run, { warmup: round === 0 ? 20 : 5, count: Math.ceil(samples / rounds) })));
  }
  for (const [key, values] of Object.entries(results)) log(`${key.padEnd(10)} p50 ${f2(p(values, 0.5))} ms, p95 ${f2(p(values, 0.95))} ms (${values.length} requests)`);
  if (receiver) {
    // After the measures (tracing costs time): the spans of 50 more requests of each kind.
    for (const key of ['dashboard', 'filter', 'search', 'counts']) {
      receiver.keep(true);
      await latencySamples(measures[key], { warmup: 0, count: 50 });
      await sleep(1500);
      receiver.keep(false);
      receiver.report(key);
    }
  }
  log(`seeding: ${seedSeconds} s for ${total} dossiers`);
  console.log(
    `dashboard_p95_ms=${f2(p(results.dashboard, 0.95))} filter_p95_ms=${f2(p(results.filter, 0.95))} search_p95_ms=${f2(p(results.search, 0.95))} counts_p95_ms=${f2(p(results.counts, 0.95))} sql_alone_p95_ms=${f2(p(results.sqlAlone, 0.95))}`,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await db.end().catch(() => undefined);
  agent.destroy();
  await stack.stop();
  await receiver?.close();
  await sleep(100);
  process.exit(exitCode);
}
