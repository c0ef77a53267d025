// npm run bench:routing — routes 2,000 dossiers through a published procedure with 5,000 instructor
// groups and routing rules, over the bus (`procedures.procedure.route`), on real PostgreSQL and NATS.
// Measured in the same run, for comparison: a bare NATS request/reply round trip to a trivial
// responder, and the in-process evaluation of the compiled routing table alone.
// Last line: route_p50_ms=… route_p95_ms=… eval_p95_ms=… nats_baseline_p50_ms=… nats_baseline_p95_ms=… groups=5000
import { randomUUID } from 'node:crypto';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { routeWith } from '@guichet/conditions';
import { groupContracts, procedureContracts, type BusContext, type InstructorGroup } from '@guichet/contracts';
import { startServicesForTest } from '@guichet/platform-service';
import { AppModule } from '../../apps/procedures/src/app.module';
import { loadServiceConfig } from '../../apps/procedures/src/config';
import { GroupRouter } from '../../apps/procedures/src/groups/group.router';
import { definition } from '../../apps/procedures/src/service.definition';
import { administrateurOf, field } from '../../apps/procedures/src/testing/procedure.factories';
import { benchRule, type BenchFields } from './routing.rules';

const groupCount = 5_000;
const dossierCount = 2_000;
const warmup = 200;

/** 101 départements × 50 themes ≥ 5,000 groups, one (département, theme) pair each. */
const departements = [...Array.from({ length: 95 }, (_, index) => String(index + 1).padStart(2, '0')).filter((code) => code !== '20'), '2A', '2B', '971', '972', '973', '974', '976'];
const themes = Array.from({ length: 50 }, (_, index) => `Thème ${index + 1}`);

function percentile(sortedMs: readonly number[], p: number): number {
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index] ?? Number.NaN;
}

const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN };
};
const fmt = (ms: number) => ms.toFixed(3);
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

async function main(): Promise<void> {
  const platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }]);
  try {
    const tenantId = randomUUID();
    const admin = administrateurOf(tenantId);
    const system: BusContext = { system: 'dossiers', tenantId };
    const { bus } = platform;

    // A published procedure: département and theme (choices), and an amount.
    const fields: BenchFields = {
      departement: field({ label: 'Département', type: 'departements' }),
      theme: field({ label: 'Thème', type: 'drop_down_list', options: { choices: themes } }),
      montant: field({ label: 'Montant demandé', type: 'integer_number', options: { min: 0 } }),
    };
    const procedure = await bus.request(procedureContracts.create, { title: 'Subventions territoriales', path: `bench-routing-${randomUUID().slice(0, 8)}`, tenantName: 'Préfecture' }, admin);
    await bus.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [fields.departement, fields.theme, fields.montant] }, admin);
    await bus.request(procedureContracts.publish, { procedureId: procedure.id }, admin);

    // 5,000 groups in one CSV import, then one rule each through the API.
    const pairs = departements.flatMap((departement) => themes.map((theme) => ({ departement, theme }))).slice(0, groupCount);
    let started = nowMs();
    const csv = ['groupe;email', ...pairs.map(({ departement, theme }, index) => `${departement} — ${theme};agent${index}@example.gouv.fr`)].join('\n');
    await bus.request(groupContracts.importCsv, { procedureId: procedure.id, csv }, admin, { timeoutMs: 120_000 });
    const items: InstructorGroup[] = [];
    for (let after: string | undefined, page = 0; page === 0 || after !== undefined; page += 1) {
      const listed = await bus.request(groupContracts.list, { procedureId: procedure.id, limit: 500, ...(after !== undefined ? { after } : {}) }, admin);
      items.push(...listed.items);
      after = listed.next ?? undefined;
    }
    const byLabel = new Map(items.map((group) => [group.label, group]));
    console.log(`imported ${items.length - 1} groups in ${Math.round(nowMs() - started)} ms`);
    started = nowMs();
    const queue = pairs.map((pair, index) => ({ ...pair, index }));
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const group = byLabel.get(`${next.departement} — ${next.theme}`);
          if (group === undefined) throw new Error('group missing after import');
          await bus.request(groupContracts.setRoutingRule, { procedureId: procedure.id, groupId: group.id, routingRule: benchRule(fields, next.departement, next.theme, next.index) }, admin, { timeoutMs: 30_000 });
        }
      }),
    );
    console.log(`set ${pairs.length} routing rules in ${Math.round(nowMs() - started)} ms`);

    // Varied dossiers: most match a group somewhere in the list, one in ten matches none (all rules evaluated).
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const dossiers = Array.from({ length: dossierCount + warmup }, () => {
      const pair = pairs[Math.floor(random() * pairs.length)]!;
      const theme = random() < 0.1 ? 'Thème inconnu' : pair.theme;
      return { [fields.departement.stableId]: pair.departement, [fields.theme.stableId]: theme, [fields.montant.stableId]: Math.floor(random() * 100_000) };
    });

    // Route over the bus, one request at a time (latency, not throughput).
    const routeMs: number[] = [];
    let defaults = 0;
    for (const [index, values] of dossiers.entries()) {
      const begin = nowMs();
      const routed = await bus.request(groupContracts.route, { procedureId: procedure.id, values }, system);
      const elapsed = nowMs() - begin;
      if (index >= warmup) routeMs.push(elapsed);
      const expected = values[fields.theme.stableId] === 'Thème inconnu' ? undefined : byLabel.get(`${String(values[fields.departement.stableId])} — ${String(values[fields.theme.stableId])}`);
      if (expected === undefined) defaults += 1;
      if ((expected?.id ?? items.find((group) => group.isDefault)?.id) !== routed.groupId) throw new Error(`dossier ${index} routed to ${routed.label}, expected ${expected?.label ?? 'the default group'}`);
    }

    // The compiled table alone, in process.
    const app = platform.apps.get('procedures');
    const table = app?.get(GroupRouter).cachedTable(procedure.id);
    if (table === undefined) throw new Error('no routing table in memory');
    const evalMs: number[] = [];
    for (const values of dossiers) {
      const begin = nowMs();
      routeWith(table, values);
      evalMs.push(nowMs() - begin);
    }

    // For comparison: the same compiled predicates tested one by one, without the index.
    const scanMs: number[] = [];
    for (const values of dossiers) {
      const lookup = (stableId: string) => (Object.hasOwn(values, stableId) ? values[stableId] : undefined);
      const begin = nowMs();
      table.predicates.findIndex((predicate) => predicate(lookup));
      scanMs.push(nowMs() - begin);
    }

    // The handler alone, in process: version read (SQL) and evaluation, without the bus.
    const orm = app!.get(MikroORM);
    const router = app!.get(GroupRouter);
    const handlerMs: number[] = [];
    for (const values of dossiers) {
      const begin = nowMs();
      await RequestContext.create(orm.em, () => router.route({ procedureId: procedure.id, values }, system));
      handlerMs.push(nowMs() - begin);
    }

    // Baseline: bare NATS request/reply to a trivial responder, same connection, same payload size.
    const subject = `${platform.namespace}.bench.echo`;
    const responder = bus.nc.subscribe(subject, { callback: (_error, msg) => msg.respond(msg.data) });
    const payload = new TextEncoder().encode(JSON.stringify({ procedureId: procedure.id, values: dossiers[0] }));
    const natsMs: number[] = [];
    for (let index = 0; index < dossierCount + warmup; index += 1) {
      const begin = nowMs();
      await bus.nc.request(subject, payload, { timeout: 5_000 });
      if (index >= warmup) natsMs.push(nowMs() - begin);
    }
    responder.unsubscribe();

    const route = summary(routeMs);
    const evaluation = summary(evalMs.slice(warmup));
    const nats = summary(natsMs);
    console.log(`routed ${routeMs.length} dossiers (${defaults} to the default group); table of ${table.ids.length} rules, version ${table.version}`);
    console.log(`route  p50=${fmt(route.p50)} p95=${fmt(route.p95)} p99=${fmt(route.p99)} max=${fmt(route.max)} ms`);
    console.log(`eval   p50=${fmt(evaluation.p50)} p95=${fmt(evaluation.p95)} p99=${fmt(evaluation.p99)} max=${fmt(evaluation.max)} ms`);
    const scan = summary(scanMs.slice(warmup));
    console.log(`scan   p50=${fmt(scan.p50)} p95=${fmt(scan.p95)} p99=${fmt(scan.p99)} max=${fmt(scan.max)} ms (every compiled rule in order, no index)`);
    const handler = summary(handlerMs.slice(warmup));
    console.log(`handler p50=${fmt(handler.p50)} p95=${fmt(handler.p95)} p99=${fmt(handler.p99)} max=${fmt(handler.max)} ms (version query + evaluation, no bus)`);
    console.log(`nats   p50=${fmt(nats.p50)} p95=${fmt(nats.p95)} p99=${fmt(nats.p99)} max=${fmt(nats.max)} ms`);
    console.log(`route_p50_ms=${fmt(route.p50)} route_p95_ms=${fmt(route.p95)} eval_p95_ms=${fmt(evaluation.p95)} nats_baseline_p50_ms=${fmt(nats.p50)} nats_baseline_p95_ms=${fmt(nats.p95)} groups=${items.length - 1}`);
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
