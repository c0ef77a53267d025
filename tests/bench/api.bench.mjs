// npm run bench:api — the request path against its floor, in one run (issue 7, point 6).
//
// 1. Builds, then starts a whole stack beside `npm start` (startStack from tools/stack: own ports,
//    database, bus namespace and stream, all removed at the end), LOG_LEVEL as npm start (info).
//    Its SMTP sink counts the e-mails without parsing them: a relay runs on another machine.
// 2. Through the HTTP API only: its own tenant and administrateur, a procedure with 30 fields (text,
//    numbers, dates, choices, checkboxes, yes/no, e-mail, phone) published, 9 usager accounts.
// 3. Real stack: (a) GET /api/dossiers/:id by its usager: p50 with 1 client, requests/s with 16;
//    (b) 8 usagers each filing dossiers in a loop (create, save the 30 values, submit): filings/s
//    and the p50 of each step.
// 4. The floor, same run, same database and NATS server: tests/bench/floor/floor.mjs (Fastify +
//    pg + nats, no ORM, no NestJS) as an edge process and a dossiers responder process; the same
//    cookies (sessions looked up in the gateway's session table), the same SQL as the dossiers
//    service, one transaction per filing step (its own copies of the dossiers tables).
// The real stack and the floor are measured in alternating rounds (6 of each per measure), so the
// load other processes put on the machine weighs on both alike.
// Last line: api_get_p50_ms=… floor_get_p50_ms=… api_rps_c16=… floor_rps_c16=… flow_per_s_c8=… floor_flow_per_s_c8=…
//
// Options (environment): BENCH_SECONDS (measured seconds per load phase and target, default 9),
// BENCH_PROFILE=<dir>: services run with tests/bench/profile-preload.mjs and write the CPU profiles
// of the measured phases of the real stack there (summarise with tests/bench/profile-summary.mjs).
// BENCH_TRACE=1: services export their spans to a receiver in this process, and the p50 of each
// span (HTTP, bus send/process, SQL statement) of the filings is printed: where a filing waits.
// Needs PostgreSQL on 127.0.0.1:5432 and NATS on 127.0.0.1:4222, as the e2e tests do.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from '../../tools/build/build.mjs';
import { addCpu, agent, cpuPerUnit, cpuTimes, expectOk, f2, fields30, latencySamples, mailTemplates, p, send, signIn, startSpanReceiver, throughput, valuesFor } from './support.mjs';

const root = new URL('../..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const seconds = Number(process.env.BENCH_SECONDS ?? 9);
const profileDir = process.env.BENCH_PROFILE ? join(process.cwd(), process.env.BENCH_PROFILE) : undefined;
const BENCH_PORTS = {
  gateway: 3970,
  procedures: 3971,
  dossiers: 3972,
  messaging: 3973,
  experts: 3974,
  documents: 3975,
  exports: 3976,
  gatewayHealth: 3977,
  s3: 4592,
  smtp: 1127,
  smtpHttp: 8127,
};
const FLOOR_PORT = 3978;
const log = (message) => console.log(`[bench:api] ${message}`);

// ---------------------------------------------------------------- the two measured paths

/** One filing: create, save the values, submit; each step's latency pushed into `steps`. */
async function fileOne(base, cookie, createBody, values, steps, submitBody) {
  const created = await send(base, 'POST', '/api/dossiers', { cookie, body: createBody });
  if (created.status !== 201) throw new Error(`create: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const saved = await send(base, 'PATCH', `/api/dossiers/${id}/values`, { cookie, body: { values } });
  if (saved.status !== 200) throw new Error(`save: HTTP ${saved.status} ${JSON.stringify(saved.body)}`);
  const submitted = await send(base, 'POST', `/api/dossiers/${id}/submit`, { cookie, ...(submitBody ? { body: submitBody } : {}) });
  if (submitted.status !== 200) throw new Error(`submit: HTTP ${submitted.status} ${JSON.stringify(submitted.body)}`);
  steps?.create.push(created.ms);
  steps?.save.push(saved.ms);
  steps?.submit.push(submitted.ms);
  return id;
}

/**
 * Measures both targets in alternating rounds (api, floor, api, floor…), so that the load other
 * processes put on the machine weighs on both alike; samples and counts are pooled per target.
 */
async function measureBoth(targets, onPhase, labelOf) {
  const results = new Map(
    targets.map((target) => [target.label, { get: [], rps: { done: 0, seconds: 0 }, flow: { done: 0, seconds: 0 }, steps: { create: [], save: [], submit: [] }, cpu: {}, filed: 0 }]),
  );
  const get = (target) => async () => {
    const response = await send(target.base, 'GET', `/api/dossiers/${target.dossierId}`, { cookie: target.getCookie });
    if (response.status !== 200) throw new Error(`${target.label} get: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  };
  const add = (total, part) => {
    total.done += part.done;
    total.seconds += part.seconds;
  };
  const rounds = 6;
  await onPhase?.('start');
  for (let round = 0; round < rounds; round += 1) {
    for (const target of targets) results.get(target.label).get.push(...(await latencySamples(get(target), { warmup: round === 0 ? 200 : 25, count: 250 })));
  }
  for (let round = 0; round < rounds; round += 1) {
    for (const target of targets) add(results.get(target.label).rps, await throughput(16, get(target), seconds / rounds));
  }
  await onPhase?.('stop');
  await onPhase?.('start');
  for (let round = 0; round < rounds; round += 1) {
    for (const target of targets) {
      const measured = results.get(target.label);
      const filing = async (client, counting) => {
        await fileOne(target.base, target.usagerCookies[client], target.createBody, target.values, counting ? measured.steps : undefined, target.submitBody);
        measured.filed += 1;
      };
      const before = cpuTimes(labelOf);
      add(measured.flow, await throughput(8, filing, seconds / rounds, round === 0 ? 1 : 0.5));
      // What a round set off (events, e-mails) is left to finish before the other target's round,
      // and counted in its CPU time (warm-up filings included: CPU per filing divides by all).
      await sleep(500);
      addCpu(measured.cpu, before, cpuTimes(labelOf));
    }
  }
  await onPhase?.('stop');
  return Object.fromEntries(
    targets.map(({ label }) => {
      const measured = results.get(label);
      const result = {
        getP50: p(measured.get, 0.5),
        getP95: p(measured.get, 0.95),
        rps: measured.rps.done / measured.rps.seconds,
        flow: measured.flow.done / measured.flow.seconds,
        createP50: p(measured.steps.create, 0.5),
        saveP50: p(measured.steps.save, 0.5),
        submitP50: p(measured.steps.submit, 0.5),
      };
      log(
        `${label}: get p50 ${f2(result.getP50)} ms (p95 ${f2(result.getP95)}), ${f2(result.rps)} req/s with 16 clients; ` +
          `${f2(result.flow)} filings/s with 8 usagers, p50 create ${f2(result.createP50)} ms, save ${f2(result.saveP50)} ms, submit ${f2(result.submitP50)} ms`,
      );
      log(`${label}: CPU ms per filing, by process: ${cpuPerUnit(measured.cpu, measured.filed)}`);
      return [label, result];
    }),
  );
}

// ---------------------------------------------------------------- spans (BENCH_TRACE)

/** An OTLP/HTTP JSON receiver keeping each span's service, name, statement and duration. */
// ---------------------------------------------------------------- main

await build({ quiet: true });
const { startStack } = require(join(root, 'dist/tools/stack/stack.js'));
const { Client } = require('pg');

const receiver = process.env.BENCH_TRACE ? await startSpanReceiver(log) : undefined;
const stack = await startStack({
  mode: 'test',
  label: 'bench',
  ports: BENCH_PORTS,
  log,
  // A relay runs on another machine: the sink counts the e-mails without parsing them here.
  parseEmails: false,
  env: {
    ...(profileDir ? { NODE_OPTIONS: `--import ${join(root, 'tests/bench/profile-preload.mjs')}`, PROFILE_DIR: profileDir } : {}),
    ...(receiver ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_BSP_MAX_QUEUE_SIZE: '100000' } : {}),
  },
});
const floorProcesses = [];
let exitCode = 0;
try {
  const base = stack.urls.gateway;
  const operator = stack.demoAccounts.find((account) => /^op[eé]rat/i.test(account.role));
  if (!operator) throw new Error('the seed wrote no operator account');

  // --- tenant, administrateur, procedure, usagers: through the HTTP API only
  const operatorCookie = await signIn(base, operator.email, operator.password);
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const tenant = (await expectOk('tenant', send(base, 'POST', '/api/operator/tenants', { cookie: operatorCookie, body: { slug, name: `Préfecture ${slug}` } }))).body;
  const password = 'Bench-mot-de-passe-2026';
  const adminEmail = `admin-${slug}@example.fr`;
  await expectOk(
    'administrateur',
    send(base, 'POST', `/api/operator/tenants/${tenant.id}/members`, { cookie: operatorCookie, body: { email: adminEmail, role: 'administrateur', firstName: 'Ada', lastName: 'Admin', password } }),
  );
  const adminCookie = await signIn(base, adminEmail, password);
  const procedure = (
    await expectOk('procedure', send(base, 'POST', '/api/admin/procedures', { cookie: adminCookie, body: { title: 'Demande de subvention (banc)', description: 'Trente champs.', path: slug } }))
  ).body;
  const fields = fields30();
  await expectOk('fields', send(base, 'PATCH', `/api/admin/procedures/${procedure.id}`, { cookie: adminCookie, body: { fields } }));
  await expectOk('templates', send(base, 'PUT', `/api/admin/procedures/${procedure.id}/templates`, { cookie: adminCookie, body: { mailTemplates, attestationTemplates: [] } }));
  await expectOk('publication', send(base, 'POST', `/api/admin/procedures/${procedure.id}/publish`, { cookie: adminCookie }));
  const usagerCookies = [];
  for (let index = 0; index < 9; index += 1) {
    const response = await expectOk(
      'usager',
      send(base, 'POST', '/api/auth/signup', { body: { email: `usager-${index}-${slug}@example.fr`, password, firstName: 'Camille', lastName: `Usagère ${index}` } }),
    );
    usagerCookies.push(response.setCookie);
  }
  const values = valuesFor(fields);
  // The dossier read by (a): filed by the ninth usager, so it has its history row.
  const reader = usagerCookies[8];
  const dossierId = await fileOne(base, reader, { procedureId: procedure.id }, values);
  const dossier = (await expectOk('read', send(base, 'GET', `/api/dossiers/${dossierId}`, { cookie: reader }))).body;
  log(`tenant ${tenant.id}, procedure ${procedure.id} (${fields.length} fields), dossier n° ${dossier.number} to read`);

  // --- the floor: its own copies of the dossiers tables, the dossier to read copied in
  const db = new Client({ connectionString: stack.database.url });
  await db.connect();
  try {
    await db.query('create schema if not exists floor');
    for (const table of ['dossier', 'traitement', 'outbox_event']) await db.query(`create table floor.${table} (like dossiers.${table} including all)`);
    await db.query('alter table floor.traitement add foreign key (dossier_id) references floor.dossier (id) on delete cascade');
    // Generated columns (the dashboard's search vector) are computed by PostgreSQL, never inserted.
    const { rows: stored } = await db.query(
      `select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as list from information_schema.columns
       where table_schema = 'dossiers' and table_name = 'dossier' and is_generated = 'NEVER'`,
    );
    await db.query(`insert into floor.dossier (${stored[0].list}) select ${stored[0].list} from dossiers.dossier where id = $1`, [dossierId]);
    await db.query('insert into floor.traitement select * from dossiers.traitement where dossier_id = $1', [dossierId]);
  } finally {
    await db.end();
  }
  const floorEnv = {
    ...process.env,
    DATABASE_URL: stack.database.url,
    NATS_URL: stack.urls.nats,
    FLOOR_SUBJECT_PREFIX: `${stack.busNamespace}_floor`,
    FLOOR_SCHEMA: 'floor',
    FLOOR_PORT: String(FLOOR_PORT),
    NODE_OPTIONS: '',
  };
  for (const role of ['dossiers', 'edge']) {
    const child = fork(join(root, 'tests/bench/floor/floor.mjs'), [role], { env: floorEnv, stdio: 'inherit' });
    floorProcesses.push(child);
    await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`floor ${role} exited (${code})`)));
    });
  }

  // --- both, in alternating rounds
  const pids = () => stack.status().filter((service) => ['gateway', 'dossiers', 'procedures', 'messaging', 'documents'].includes(service.name) && service.pid).map((service) => service.pid);
  const common = { getCookie: reader, dossierId, usagerCookies, values };
  const services = new Map(stack.status().filter((service) => service.pid).map((service) => [service.pid, service.name]));
  const floorRoles = new Map(floorProcesses.map((child, index) => [child.pid, `floor-${['dossiers', 'edge'][index]}`]));
  const labelOf = (pid) => services.get(pid) ?? floorRoles.get(pid);
  const { api, floor } = await measureBoth(
    [
      { label: 'api', base, ...common, createBody: { procedureId: procedure.id } },
      {
        label: 'floor',
        base: `http://127.0.0.1:${FLOOR_PORT}`,
        ...common,
        createBody: { procedureId: procedure.id, tenantId: dossier.tenantId, procedureTitle: dossier.procedureTitle, revisionId: dossier.revisionId },
        submitBody: { groupId: dossier.group?.id ?? null },
      },
    ],
    receiver
      ? async (phase) => {
          if (phase === 'start') receiver.keep(true);
          else {
            await sleep(1500);
            receiver.keep(false);
            receiver.report('api');
          }
        }
      : profileDir
        ? async (phase) => {
            // Profiles: <service>-<pid>-1 the reads (a), -2 the filings (b).
            for (const pid of pids()) process.kill(pid, 'SIGWINCH');
            if (phase === 'stop') await sleep(1500);
          }
        : undefined,
    labelOf,
  );
  if (profileDir) log(`CPU profiles of the measured phases in ${profileDir}: <service>-<pid>-1 the reads, -2 the filings (the floor's rounds are idle time for them)`);

  log(
    `ratios: get p50 ${f2(api.getP50 / floor.getP50)}× the floor (goal ≤ 2), rps ${f2((100 * api.rps) / floor.rps)} % (goal ≥ 50), filings ${f2((100 * api.flow) / floor.flow)} % (goal ≥ 40)`,
  );
  console.log(
    `api_get_p50_ms=${f2(api.getP50)} floor_get_p50_ms=${f2(floor.getP50)} api_rps_c16=${f2(api.rps)} floor_rps_c16=${f2(floor.rps)} flow_per_s_c8=${f2(api.flow)} floor_flow_per_s_c8=${f2(floor.flow)}`,
  );
} catch (error) {
  exitCode = 1;
  console.error(error);
} finally {
  for (const child of floorProcesses) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  agent.destroy();
  await stack.stop();
  await receiver?.close();
}
process.exit(exitCode);
