import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dossierContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, subsidyForm, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenantId = randomUUID();

/**
 * Saving and submitting decide from one read of the dossier and write in one statement that applies
 * only if the row is unchanged since; otherwise the step is done again under the row lock. These
 * tests change the row between the read and the write (a session of their own holds the row lock
 * while the step reads, then changes the row and lets the step's write go), so the second path runs.
 */
describe('dossiers: saving and submitting while the dossier changes', () => {
  let t: DossiersUnderTest;
  let db: Client;
  let form: ReturnType<typeof subsidyForm>;
  let procedure: Procedure;
  let owner: BusContext;

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenantId, form.list);
    owner = usager();
  });

  afterAll(async () => {
    await db?.end();
    await t?.stop();
  });

  const create = () => t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
  const stored = async (dossierId: string) =>
    (await db.query<{ values: Record<string, unknown>; state: string; traitements: number }>(
      'select values, state, (select count(*)::int from dossiers.traitement where dossier_id = d.id) as traitements from dossiers.dossier d where id = $1',
      [dossierId],
    )).rows[0];

  /**
   * Runs `step` while another session holds the dossier's row lock; once the step waits on that lock
   * (its read is done), the other session runs `change` on the row and commits.
   */
  async function meanwhile<T>(dossierId: string, change: (session: Client) => Promise<unknown>, step: () => Promise<T>): Promise<T> {
    const session = new Client({ connectionString: t.platform.databaseUrl });
    await session.connect();
    try {
      await session.query('begin');
      await session.query('select id from dossiers.dossier where id = $1 for update', [dossierId]);
      const pending = step().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      await waitFor(
        async () => (await db.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0]?.n === 1,
        { description: 'the step waiting on the row lock', timeoutMs: 10_000 },
      );
      await change(session);
      await session.query('commit');
      const outcome = await pending;
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    } finally {
      await session.end();
    }
  }

  it('a save keeps a value saved between its read and its write (no lost update)', async () => {
    const dossier = await create();
    const { name, budget } = form.fields;
    const saved = await meanwhile(
      dossier.id,
      (session) => session.query(`update dossiers.dossier set values = values || $2::jsonb, updated_at = now() where id = $1`, [dossier.id, JSON.stringify({ [name.stableId]: 'Écrit entre-temps' })]),
      () => t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [budget.stableId]: '12,5' } }, owner),
    );
    expect(saved.values).toEqual({ [name.stableId]: 'Écrit entre-temps', [budget.stableId]: 12.5 });
    expect((await stored(dossier.id))?.values).toEqual(saved.values);
  });

  it('a save of a dossier submitted between its read and its write is checked as a submitted dossier', async () => {
    const dossier = await create();
    await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: form.complete }, owner);
    const { name } = form.fields;
    await expect(
      meanwhile(
        dossier.id,
        (session) => session.query(`update dossiers.dossier set state = 'en_construction', submitted_at = now(), updated_at = now() where id = $1`, [dossier.id]),
        // A brouillon may be left incomplete; once submitted, the mandatory name may not be cleared.
        () => t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [name.stableId]: null } }, owner),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { [`values.${name.stableId}`]: expect.any(String) as string } });
    expect((await stored(dossier.id))?.values[name.stableId]).toBe('Les Amis du Patrimoine');
  });

  it('a submission whose dossier was only touched meanwhile is filed once, with one history row and one event', async () => {
    const dossier = await create();
    await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: form.complete }, owner);
    const submitted = await meanwhile(
      dossier.id,
      (session) => session.query('update dossiers.dossier set updated_at = updated_at where id = $1', [dossier.id]),
      () => t.request(dossierContracts.submit, { dossierId: dossier.id }, owner),
    );
    expect(submitted.state).toBe('en_construction');
    expect(submitted.traitements).toHaveLength(1);
    expect(await stored(dossier.id)).toMatchObject({ state: 'en_construction', traitements: 1 });
    const events = await t.outboxEvents(dossier.id);
    expect(events).toHaveLength(1);
    expect(events[0]?.envelope.data).toMatchObject({ traitementId: submitted.traitements[0]?.id, values: submitted.values });
  });

  it('a submission whose values changed between its read and its write is refused (CONFLICT), writing nothing', async () => {
    const dossier = await create();
    await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: form.complete }, owner);
    const { name } = form.fields;
    await expect(
      meanwhile(
        dossier.id,
        (session) => session.query(`update dossiers.dossier set values = values || $2::jsonb, updated_at = now() where id = $1`, [dossier.id, JSON.stringify({ [name.stableId]: 'Autre nom' })]),
        () => t.request(dossierContracts.submit, { dossierId: dossier.id }, owner),
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await stored(dossier.id)).toMatchObject({ state: 'brouillon', traitements: 0 });
    expect(await t.outboxEvents(dossier.id)).toHaveLength(0);
  });

  it('concurrent saves of different fields keep every value, and concurrent submissions file the dossier once', async () => {
    const dossier = await create();
    const entries = Object.entries(form.complete);
    const saves = await Promise.allSettled(entries.map(([stableId, value]) => t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [stableId]: value } }, owner)));
    expect(saves.filter((save) => save.status === 'rejected')).toEqual([]);
    const complete = (await t.request(dossierContracts.get, { dossierId: dossier.id }, owner)).values;
    expect(Object.keys(complete).sort()).toEqual(entries.map(([stableId]) => stableId).sort());

    const submissions = await Promise.allSettled(Array.from({ length: 4 }, () => t.request(dossierContracts.submit, { dossierId: dossier.id }, owner)));
    const filed = submissions.filter((submission): submission is PromiseFulfilledResult<Dossier> => submission.status === 'fulfilled');
    expect(filed).toHaveLength(1);
    for (const refused of submissions.filter((submission) => submission.status === 'rejected')) {
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: expect.stringMatching(/^(DOSSIER_INVALID_TRANSITION|CONFLICT)$/) as string });
    }
    expect(await stored(dossier.id)).toMatchObject({ state: 'en_construction', traitements: 1 });
    expect(await t.outboxEvents(dossier.id)).toHaveLength(1);
  });
});
