import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dossierContracts, dossierEventContracts, procedureContracts, type BusContext } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, field, instructeurOf, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenant = randomUUID();

describe('dossiers: test dossiers on a procedure in brouillon', () => {
  let t: DossiersUnderTest;
  let db: Client;
  const admin = administrateurOf(tenant);
  const instructeur = instructeurOf(tenant);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(instructeur);
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await t?.stop();
  });

  const rowsOf = async (table: string, dossierIds: string[]) =>
    Number((await db.query<{ count: string }>(`select count(*) from dossiers.${table} where ${table === 'dossier' ? 'id' : 'dossier_id'} = any($1::uuid[])`, [dossierIds])).rows[0]?.count);

  const deletedEvents = async (procedureId: string) =>
    (
      await db.query<{ envelope: { data: { dossierIds: string[]; reason: string } } }>(
        `select envelope from dossiers.outbox_event where subject = $1 and envelope->'data'->>'procedureId' = $2 order by created_at`,
        [dossierEventContracts.deleted.subject, procedureId],
      )
    ).rows.map((row) => row.envelope.data);

  it('a signed-in account files a test dossier with the draft form, as it is edited; a plain dossier is refused', async () => {
    const name = field({ label: 'Nom', type: 'text', mandatory: true });
    const procedure = await t.draftProcedure(tenant, [name]);
    const tester: BusContext = usager();

    await expect(t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, tester)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const dossier = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity(), test: true }, tester);
    expect(dossier).toMatchObject({ test: true, state: 'brouillon', revisionId: procedure.draftRevision.id });
    expect((await t.request(dossierContracts.listMine, {}, tester)).items).toEqual([expect.objectContaining({ id: dossier.id, test: true })]);

    // The administrateur adds a mandatory field: the test dossier's form follows the draft at once.
    const city = field({ label: 'Commune', type: 'text', mandatory: true });
    await t.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [name, city] }, admin);
    const form = await t.request(dossierContracts.form, { dossierId: dossier.id }, tester);
    expect(form).toEqual({ dossierId: dossier.id, revisionId: procedure.draftRevision.id, test: true, fields: [name, city], submissionMessage: '' });
    await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [name.stableId]: 'Durand' } }, tester);
    await expect(t.request(dossierContracts.submit, { dossierId: dossier.id }, tester)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { [`values.${city.stableId}`]: expect.any(String) as string } });
    await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [city.stableId]: 'Lyon' } }, tester);
    const submitted = await t.request(dossierContracts.submit, { dossierId: dossier.id }, tester);
    expect(submitted).toMatchObject({ state: 'en_construction', test: true, groupeInstructeur: expect.objectContaining({ label: expect.any(String) as string }) });

    // The form is read by the owner and the tenant's agents only.
    await expect(t.request(dossierContracts.form, { dossierId: dossier.id }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.request(dossierContracts.form, { dossierId: dossier.id }, instructeurOf(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.request(dossierContracts.form, { dossierId: dossier.id }, instructeur)).fields).toHaveLength(2);
  });

  it('refuses a test dossier on a published procedure, and an unknown procedure', async () => {
    const published = await t.publishedProcedure(tenant, [field({ label: 'Nom', type: 'text' })]);
    await expect(t.request(dossierContracts.create, { procedureId: published.id, usager: aUsagerIdentity(), test: true }, usager())).rejects.toMatchObject({ code: 'PROCEDURE_NOT_IN_TEST' });
    await expect(t.request(dossierContracts.create, { procedureId: randomUUID(), usager: aUsagerIdentity(), test: true }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes the test dossiers at the first publication, with their history, and says so in dossier.deleted; other dossiers stay', async () => {
    const name = field({ label: 'Nom', type: 'text' });
    const procedure = await t.draftProcedure(tenant, [name]);
    const other = await t.publishedProcedure(tenant, [name]);
    const kept = await t.request(dossierContracts.create, { procedureId: other.id, usager: aUsagerIdentity() }, usager());
    const testers = [usager(), usager(), usager()];
    const tests = [];
    for (const tester of testers) tests.push(await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity(), test: true }, tester));
    const [first] = tests;
    await t.request(dossierContracts.updateValues, { dossierId: first!.id, values: { [name.stableId]: 'Durand' } }, testers[0]!);
    await t.request(dossierContracts.submit, { dossierId: first!.id }, testers[0]!);
    const ids = tests.map((dossier) => dossier.id);
    expect(await rowsOf('traitement', ids)).toBe(1);
    // A value kept in history (as a rebase would) goes too.
    await db.query(`insert into dossiers.dossier_value_history (id, tenant_id, dossier_id, revision_id, stable_id, label, value, removed_at) values ($1, $2, $3, $4, $5, 'Ancien', '"x"', now())`, [randomUUID(), tenant, first!.id, first!.revisionId, randomUUID()]);
    expect(await rowsOf('dossier_value_history', ids)).toBe(1);

    const published = await t.request(procedureContracts.publish, { procedureId: procedure.id }, admin);
    await waitFor(async () => (await rowsOf('dossier', ids)) === 0, { description: 'test dossiers deleted' });
    expect(await rowsOf('traitement', ids)).toBe(0);
    for (const [index, dossier] of tests.entries()) {
      await expect(t.request(dossierContracts.get, { dossierId: dossier.id }, testers[index]!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const [event, ...more] = await deletedEvents(procedure.id);
    expect(more).toEqual([]);
    expect(event?.reason).toBe('test_purge');
    expect([...(event?.dossierIds ?? [])].sort()).toEqual([...ids].sort());
    expect(await rowsOf('dossier_value_history', ids)).toBe(0);
    expect((await t.request(dossierContracts.get, { dossierId: kept.id }, systemOf('exports', tenant))).id).toBe(kept.id);

    // Published now: real dossiers start on the public revision, and no test dossier is taken any more.
    const real = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, usager());
    expect(real).toMatchObject({ test: false, revisionId: published.publishedRevision?.id });
    await expect(t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity(), test: true }, usager())).rejects.toMatchObject({ code: 'PROCEDURE_NOT_IN_TEST' });

    // A second publication (a redelivery alike) deletes nothing more and emits nothing more.
    await t.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [name, field({ label: 'Commune', type: 'text' })] }, admin);
    await t.request(procedureContracts.publish, { procedureId: procedure.id }, admin);
    await waitFor(async () => (await t.request(dossierContracts.get, { dossierId: real.id }, systemOf('exports', tenant))).revisionId !== real.revisionId, { description: 'real dossier rebased' });
    expect(await deletedEvents(procedure.id)).toHaveLength(1);
    expect((await t.request(dossierContracts.get, { dossierId: real.id }, systemOf('exports', tenant))).test).toBe(false);
  });
});
