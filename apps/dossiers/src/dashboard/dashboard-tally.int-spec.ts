import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dossierContracts, dossierInstructionContracts, groupContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, instructeurOf, subsidyForm, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';
import { DashboardTallyCompactor, tallyCompactBatch } from './dashboard-tally.compactor';

const tenant = randomUUID();
const key = `procedure_id, group_id, state, archived, unfollowed, hidden`;

describe('dossiers: the dashboard’s kept counts (dashboard_tally)', () => {
  let t: DossiersUnderTest;
  let db: Client;
  let procedure: Procedure;
  let nordId: string;
  const form = subsidyForm();
  const instructeurs = [instructeurOf(tenant), instructeurOf(tenant), instructeurOf(tenant)];
  const admin = administrateurOf(tenant);
  const dossiers: Dossier[] = [];

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
    procedure = await t.publishedProcedure(tenant, form.list);
    nordId = (await t.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, admin)).id;
    for (const instructeur of instructeurs) {
      await t.enrol(instructeur);
      await t.addToGroup(instructeur, procedure, nordId);
    }
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        const owner = usager();
        const created = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
        await t.request(dossierContracts.updateValues, { dossierId: created.id, values: form.complete }, owner);
        dossiers.push(await t.request(dossierContracts.submit, { dossierId: created.id }, owner));
      }),
    );
    // Brouillons are never counted.
    await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, usager());
    // The test folds the rows itself, at chosen moments.
    await compactor().onApplicationShutdown();
  });

  afterAll(async () => {
    await db?.end();
    await t?.stop();
  });

  /** The sums the dashboard reads, per key. */
  const kept = async () =>
    (await db.query(`select ${key}, sum(n)::int as n from "dossiers"."dashboard_tally" where tenant_id = $1 group by ${key} having sum(n) <> 0 order by ${key}`, [tenant])).rows;
  /** The same, counted from the dossiers themselves. */
  const recounted = async () =>
    (
      await db.query(
        `select procedure_id, group_id, state, archived, follower_count = 0 as unfollowed, hidden_by_administration_at is not null as hidden, count(*)::int as n
         from "dossiers"."dossier" where tenant_id = $1 and state <> 'brouillon' group by ${key} order by ${key}`,
        [tenant],
      )
    ).rows;
  const compactor = () => {
    const app = t.platform.apps.get('dossiers');
    if (app === undefined) throw new Error('dossiers did not start');
    return app.get(DashboardTallyCompactor);
  };
  const at = (index: number) => dossiers[index] as Dossier;
  const act = (ctx: BusContext) => ({
    follow: (dossier: Dossier, follow: boolean) => t.request(dossierInstructionContracts.follow, { dossierId: dossier.id, follow }, ctx),
    transition: (dossier: Dossier, event: 'passer_en_instruction' | 'accepter' | 'refuser' | 'repasser_en_instruction') =>
      t.request(dossierContracts.transition, { dossierId: dossier.id, event, ...(event === 'refuser' ? { motivation: 'Pièces manquantes' } : {}) }, ctx),
    archive: (dossier: Dossier, archived: boolean) => t.request(dossierInstructionContracts.archive, { dossierId: dossier.id, archived }, ctx),
    hide: (dossier: Dossier, hidden: boolean) => t.request(dossierInstructionContracts.hide, { dossierId: dossier.id, hidden }, ctx),
  });

  it('counts what the dossiers hold through follows from several agents at once, decisions, archives, deletions, moves and a removed row', async () => {
    expect(await kept()).toEqual(await recounted());
    expect((await kept()).reduce((sum, row: { n: number }) => sum + row.n, 0)).toBe(12);

    // Three agents follow and unfollow the same dossiers at once: the follower counts cross 0 and back.
    const [a, b, c] = instructeurs.map(act) as [ReturnType<typeof act>, ReturnType<typeof act>, ReturnType<typeof act>];
    await Promise.all([0, 1, 2, 3].flatMap((index) => [a.follow(at(index), true), b.follow(at(index), true), c.follow(at(index), true)]));
    await Promise.all([0, 1].flatMap((index) => [a.follow(at(index), false), b.follow(at(index), false), c.follow(at(index), false)]));
    expect(await kept()).toEqual(await recounted());

    for (const index of [4, 5, 6, 7]) await a.transition(at(index), 'passer_en_instruction');
    await a.transition(at(4), 'accepter');
    await a.transition(at(5), 'refuser');
    await a.transition(at(6), 'accepter');
    await a.archive(at(5), true);
    await a.hide(at(6), true);
    await a.transition(at(4), 'repasser_en_instruction');
    expect(await kept()).toEqual(await recounted());

    // Moved to another group, and a row removed outright (as a purge would).
    await t.request(dossierInstructionContracts.reassign, { dossierId: at(8).id, groupId: nordId }, instructeurs[0]!);
    await db.query(`delete from "dossiers"."dossier" where id = $1`, [at(9).id]);
    expect(await kept()).toEqual(await recounted());
    expect((await kept()).reduce((sum, row: { n: number }) => sum + row.n, 0)).toBe(11);
  });

  it('folds the delta rows into one total per key without changing a sum, and leaves new changes counted', async () => {
    const before = await kept();
    const folded = await compactor().compact();
    expect(folded).toBeGreaterThan(0);
    expect(folded).toBeLessThan(tallyCompactBatch);
    expect(await kept()).toEqual(before);
    const rows = await db.query(`select count(*)::int as n from "dossiers"."dashboard_tally" where tenant_id = $1 and delta`, [tenant]);
    expect(rows.rows[0]).toEqual({ n: 0 });
    // One total row per key: as many rows as keys.
    const totals = await db.query(`select count(*)::int as n from "dossiers"."dashboard_tally" where tenant_id = $1`, [tenant]);
    expect(totals.rows[0].n).toBeGreaterThanOrEqual(before.length);

    await act(instructeurs[1]!).follow(at(10), true);
    expect(await kept()).toEqual(await recounted());
    await compactor().compact();
    expect(await kept()).toEqual(await recounted());
    // Nothing left to fold.
    await expect(compactor().compact()).resolves.toBe(0);
  });

  it('gives the same tab counts before and after compaction', async () => {
    const counts = (ctx: BusContext) => t.request(dossierInstructionContracts.dashboardCounts, { procedureId: procedure.id }, ctx);
    const before = await Promise.all([...instructeurs, admin].map(counts));
    await act(instructeurs[2]!).follow(at(11), true);
    await act(instructeurs[2]!).follow(at(11), false);
    await compactor().compact();
    expect(await Promise.all([...instructeurs, admin].map(counts))).toEqual(before);
    expect(before[3]).toMatchObject({ tous: 9, archives: 1, supprimes: 1 });
  });
});
