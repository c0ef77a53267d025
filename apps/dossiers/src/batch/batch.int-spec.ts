import { randomUUID } from 'node:crypto';
import { dossierBatchContracts, dossierContracts, dossierInstructionContracts, groupContracts, type Batch, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import { expectEventually } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, instructeurOf, subsidyForm, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenant = randomUUID();

describe('dossiers: batches of instruction actions, run as a job', () => {
  let t: DossiersUnderTest;
  let procedure: Procedure;
  let form: ReturnType<typeof subsidyForm>;
  const dossiers: Dossier[] = [];
  let nordDossier: Dossier;
  let brouillon: Dossier;
  const alice = instructeurOf(tenant);
  const nordOnly = instructeurOf(tenant);
  const admin = administrateurOf(tenant);

  const file = async (): Promise<Dossier> => {
    const owner = usager();
    const created = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
    await t.request(dossierContracts.updateValues, { dossierId: created.id, values: form.complete }, owner);
    return t.request(dossierContracts.submit, { dossierId: created.id }, owner);
  };

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(alice);
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenant, form.list);
    for (let index = 0; index < 6; index += 1) dossiers.push(await file());
    // A dossier moved to « Nord », where Alice is not.
    const nord = await t.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, admin);
    await t.addToGroup(nordOnly, procedure, nord.id);
    nordDossier = await file();
    await t.request(dossierInstructionContracts.reassign, { dossierId: nordDossier.id, groupId: nord.id }, alice);
    brouillon = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, usager());
  });

  afterAll(async () => {
    await t?.stop();
  });

  const start = (payload: Omit<Parameters<typeof t.request<typeof dossierBatchContracts.create>>[1], 'procedureId'>, ctx: BusContext = alice) =>
    t.request(dossierBatchContracts.create, { procedureId: procedure.id, ...payload }, ctx);
  const finished = async (batch: Batch, ctx: BusContext = alice): Promise<Batch> => {
    let last = batch;
    await expectEventually(async () => {
      last = await t.request(dossierBatchContracts.get, { batchId: batch.id }, ctx);
      expect(last.state).toBe('termine');
    }, { timeoutMs: 30_000, description: `batch ${batch.id} finished` });
    return last;
  };
  const stateOf = async (dossier: Dossier) => (await t.request(dossierContracts.get, { dossierId: dossier.id }, alice)).state;

  it('takes dossiers into instruction one by one, refusing those outside the agent’s groups and brouillons without stopping', async () => {
    const chosen = [...dossiers.slice(0, 4), nordDossier, brouillon];
    const started = await start({ action: 'passer_en_instruction', dossierIds: chosen.map((dossier) => dossier.id) });
    expect(started).toMatchObject({ action: 'passer_en_instruction', total: 6 });
    const done = await finished(started);
    expect(done).toMatchObject({ succeeded: 4, failed: 2, state: 'termine', finishedAt: expect.any(String) as string });
    expect(done.items.map((item) => item.status)).toEqual(['fait', 'fait', 'fait', 'fait', 'refuse', 'refuse']);
    expect(done.items[4]).toMatchObject({ number: null, error: { code: 'NOT_FOUND', message: 'Dossier introuvable.' } });
    for (const dossier of dossiers.slice(0, 4)) expect(await stateOf(dossier)).toBe('en_instruction');
    // One transition each: one history row and one event.
    for (const dossier of dossiers.slice(0, 4)) expect((await t.outboxEvents(dossier.id)).filter((event) => event.envelope.data.to === 'en_instruction')).toHaveLength(1);
  });

  it('accepts with the motivation, and a dossier already decided is refused with the state machine’s message', async () => {
    await t.request(dossierContracts.transition, { dossierId: dossiers[0]!.id, event: 'accepter' }, alice);
    const done = await finished(await start({ action: 'accepter', motivation: 'Dossier complet.', dossierIds: dossiers.slice(0, 4).map((dossier) => dossier.id) }));
    expect(done.items.map((item) => item.status)).toEqual(['refuse', 'fait', 'fait', 'fait']);
    expect(done.items[0]!.error).toMatchObject({ code: expect.any(String) as string, message: expect.any(String) as string });
    const accepted = await t.request(dossierContracts.get, { dossierId: dossiers[1]!.id }, alice);
    expect(accepted).toMatchObject({ state: 'accepte', motivation: 'Dossier complet.' });
  });

  it('acts on every dossier a dashboard view shows, and follows and archives too', async () => {
    const followed = await finished(await start({ action: 'suivre', matching: { tab: 'a-suivre', filters: [] } }));
    // « À suivre »: the two dossiers never taken into instruction (the others are followed by Alice).
    expect(followed.items.map((item) => item.dossierId).sort()).toEqual([dossiers[4]!.id, dossiers[5]!.id].sort());
    expect(followed.succeeded).toBe(2);
    expect((await t.request(dossierInstructionContracts.dashboardCounts, { procedureId: procedure.id }, alice))['a-suivre']).toBe(0);
    const archived = await finished(await start({ action: 'archiver', matching: { tab: 'traites', filters: [] } }));
    expect(archived).toMatchObject({ total: 4, succeeded: 4 });
    expect((await t.request(dossierInstructionContracts.dashboardCounts, { procedureId: procedure.id }, alice)).archives).toBe(4);
  });

  it('refuses what it cannot start, field by field: 501 dossiers, no motivation to refuse, neither ids nor a view, an empty view', async () => {
    const many = Array.from({ length: 501 }, () => randomUUID());
    await expect(start({ action: 'suivre', dossierIds: many })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { dossierIds: expect.stringContaining('500') as string } });
    await expect(start({ action: 'refuser', dossierIds: [dossiers[5]!.id] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { motivation: expect.any(String) as string } });
    await expect(start({ action: 'suivre' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { dossierIds: expect.any(String) as string } });
    await expect(start({ action: 'suivre', matching: { tab: 'tous', filters: [], search: 'introuvable' } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { matching: expect.any(String) as string } });
    await expect(start({ action: 'suivre', matching: { tab: 'tous', filters: [{ column: 'field', stableId: randomUUID(), match: { op: 'filled', value: true } }] } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'matching.filters.0.stableId': expect.any(String) as string },
    });
  });

  it('is started by instructeurs only, and read by its author only', async () => {
    await expect(start({ action: 'suivre', dossierIds: [dossiers[5]!.id] }, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(start({ action: 'suivre', dossierIds: [dossiers[5]!.id] }, usager())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(start({ action: 'suivre', dossierIds: [dossiers[5]!.id] }, instructeurOf(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const mine = await start({ action: 'ne_plus_suivre', dossierIds: [dossiers[5]!.id] });
    await expect(t.request(dossierBatchContracts.get, { batchId: mine.id }, nordOnly)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.request(dossierBatchContracts.get, { batchId: mine.id }, { ...alice, tenantId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await finished(mine)).succeeded).toBe(1);
  });
});
