import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dossierContracts, dossierInstructionContracts, groupContracts, procedureContracts, type BusContext, type DashboardTab, type Dossier, type Procedure } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, expert, instructeurOf, subsidyForm, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenant = randomUUID();

describe('dossiers: the agents’ dashboard, follows and archives', () => {
  let t: DossiersUnderTest;
  let procedure: Procedure;
  let form: ReturnType<typeof subsidyForm>;
  const dossiers: Dossier[] = [];
  const alice = instructeurOf(tenant);
  const colleague = instructeurOf(tenant);
  const nordOnly = instructeurOf(tenant);
  const admin = administrateurOf(tenant);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(alice);
    await t.enrol(colleague);
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenant, form.list);
    const nord = await t.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, admin);
    await t.addToGroup(nordOnly, procedure, nord.id);
    for (let index = 0; index < 5; index += 1) {
      const owner = usager();
      const created = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
      await t.request(dossierContracts.updateValues, { dossierId: created.id, values: form.complete }, owner);
      dossiers.push(await t.request(dossierContracts.submit, { dossierId: created.id }, owner));
    }
    // A brouillon is never on the dashboard.
    await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, usager());
  });

  afterAll(async () => {
    await t?.stop();
  });

  const counts = (ctx: BusContext = alice) => t.request(dossierInstructionContracts.dashboardCounts, { procedureId: procedure.id }, ctx);
  const page = (tab: DashboardTab, ctx: BusContext = alice, extra: { sort?: { column: 'number' | 'submittedAt' | 'updatedAt' | 'decidedAt' | 'state'; direction: 'asc' | 'desc' }; after?: string; limit?: number } = {}) =>
    t.request(dossierInstructionContracts.dashboardPage, { procedureId: procedure.id, tab, ...extra }, ctx);
  const numbers = async (tab: DashboardTab, ctx: BusContext = alice) => (await page(tab, ctx)).items.map((row) => row.number);
  const follow = (dossier: Dossier, ctx: BusContext = alice, value = true) => t.request(dossierInstructionContracts.follow, { dossierId: dossier.id, follow: value }, ctx);
  const archive = (dossier: Dossier, ctx: BusContext = alice, value = true) => t.request(dossierInstructionContracts.archive, { dossierId: dossier.id, archived: value }, ctx);
  const transition = (dossier: Dossier, event: 'passer_en_instruction' | 'accepter' | 'repasser_en_instruction', ctx: BusContext = alice) =>
    t.request(dossierContracts.transition, { dossierId: dossier.id, event }, ctx);
  const at = (index: number) => dossiers[index] as Dossier;

  it('walks the tabs as dossiers are followed, taken into instruction, decided and archived', async () => {
    const all = dossiers.map((dossier) => dossier.number).sort((a, b) => b - a);
    expect(await counts()).toEqual({ 'a-suivre': 5, suivis: 0, traites: 0, tous: 5, expirant: 0, archives: 0, supprimes: 0 });
    expect(await numbers('a-suivre')).toEqual(all);

    const followed = await follow(at(0));
    expect(followed.followers).toEqual([{ accountId: alice.actor!.accountId, email: alice.actor!.email.toLowerCase() }]);
    // Following twice changes nothing.
    await follow(at(0));
    expect(await counts()).toEqual({ 'a-suivre': 4, suivis: 1, traites: 0, tous: 5, expirant: 0, archives: 0, supprimes: 0 });
    // Followed by someone: out of everyone's « à suivre », in no one else's « suivis ».
    expect(await counts(colleague)).toEqual({ 'a-suivre': 4, suivis: 0, traites: 0, tous: 5, expirant: 0, archives: 0, supprimes: 0 });
    expect((await page('suivis')).items).toEqual([expect.objectContaining({ id: at(0).id, followedByMe: true, followerCount: 1 })]);

    // Taking a dossier into instruction makes its instructeur follow it.
    expect((await transition(at(1), 'passer_en_instruction')).followers).toEqual([expect.objectContaining({ accountId: alice.actor!.accountId })]);
    expect(await counts()).toEqual({ 'a-suivre': 3, suivis: 2, traites: 0, tous: 5, expirant: 0, archives: 0, supprimes: 0 });
    await transition(at(1), 'accepter');
    expect(await counts()).toEqual({ 'a-suivre': 3, suivis: 1, traites: 1, tous: 5, expirant: 0, archives: 0, supprimes: 0 });

    const archived = await archive(at(1));
    expect(archived.archived).toBe(true);
    expect(await counts()).toEqual({ 'a-suivre': 3, suivis: 1, traites: 0, tous: 4, expirant: 0, archives: 1, supprimes: 0 });
    expect(await numbers('archives')).toEqual([at(1).number]);
    // Back in instruction, it comes out of the archives.
    expect((await transition(at(1), 'repasser_en_instruction')).archived).toBe(false);
    expect(await counts()).toEqual({ 'a-suivre': 3, suivis: 2, traites: 0, tous: 5, expirant: 0, archives: 0, supprimes: 0 });

    await follow(at(0), alice, false);
    expect(await counts()).toEqual({ 'a-suivre': 4, suivis: 1, traites: 0, tous: 5, expirant: 0, archives: 0, supprimes: 0 });
  });

  it('archives only processed dossiers, with a precise message', async () => {
    await expect(archive(at(2))).rejects.toMatchObject({ code: 'DOSSIER_NOT_PROCESSED', message: 'Seul un dossier accepté, refusé ou classé sans suite peut être archivé.' });
    // Taking out of the archives a dossier that is not in them changes nothing.
    expect((await archive(at(2), alice, false)).archived).toBe(false);
  });

  it('pages a tab in any sort by keyset, and refuses a forged cursor or one of another sort', async () => {
    const seen: number[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard += 1) {
      const result = await page('tous', alice, { sort: { column: 'submittedAt', direction: 'asc' }, limit: 2, ...(after !== undefined ? { after } : {}) });
      seen.push(...result.items.map((row) => row.number));
      if (result.nextCursor === null) break;
      after = result.nextCursor;
    }
    expect(seen).toEqual(dossiers.map((dossier) => dossier.number));
    const byDecision = await page('tous', alice, { sort: { column: 'decidedAt', direction: 'desc' }, limit: 2 });
    expect(byDecision.items).toHaveLength(2);
    const rest = await page('tous', alice, { sort: { column: 'decidedAt', direction: 'desc' }, limit: 10, after: byDecision.nextCursor ?? '' });
    expect(new Set([...byDecision.items, ...rest.items].map((row) => row.number)).size).toBe(5);

    for (const forged of ['pas-un-curseur', Buffer.from('{"c":"number","d":"desc","v":1,"n":-3}').toString('base64url'), byDecision.nextCursor ?? '']) {
      await expect(page('tous', alice, { after: forged })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { after: expect.any(String) as string } });
    }
  });

  it('shows each instructeur their groups only, and the administrateur the whole procedure', async () => {
    expect(await counts(nordOnly)).toEqual({ 'a-suivre': 0, suivis: 0, traites: 0, tous: 0, expirant: 0, archives: 0, supprimes: 0 });
    expect((await page('tous', nordOnly)).items).toEqual([]);
    expect((await counts(admin)).tous).toBe(5);
    const { items } = await t.request(dossierInstructionContracts.dashboardProcedures, {}, nordOnly);
    expect(items).toEqual([{ procedureId: procedure.id, procedureTitle: procedure.title, counts: { 'a-suivre': 0, suivis: 0, traites: 0, tous: 0, expirant: 0, archives: 0, supprimes: 0 } }]);
    const mine = await t.request(dossierInstructionContracts.dashboardProcedures, {}, alice);
    expect(mine.items.find((item) => item.procedureId === procedure.id)?.counts.tous).toBe(5);
    // An administrateur's: every procedure of the tenant, with dossiers or not yet, by title.
    const quiet = await t.publishedProcedure(tenant, subsidyForm().list);
    await t.request(procedureContracts.updateDraft, { procedureId: quiet.id, title: 'Aide aux jardins partagés' }, admin);
    const administered = await t.request(dossierInstructionContracts.dashboardProcedures, {}, admin);
    expect(administered.items).toEqual([
      { procedureId: quiet.id, procedureTitle: 'Aide aux jardins partagés', counts: { 'a-suivre': 0, suivis: 0, traites: 0, tous: 0, expirant: 0, archives: 0, supprimes: 0 } },
      { procedureId: procedure.id, procedureTitle: procedure.title, counts: await counts(admin) },
    ]);
    // An instructeur of none of its groups does not have it.
    expect((await t.request(dossierInstructionContracts.dashboardProcedures, {}, nordOnly)).items.map((item) => item.procedureId)).toEqual([procedure.id]);
    // Another tenant's procedure, or an unknown one, is absent (not empty) for an agent.
    const outsider = instructeurOf(randomUUID());
    await expect(counts(outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(page('tous', outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(page('expirant', admin, {})).resolves.toMatchObject({ items: [] });
    await expect(t.request(dossierInstructionContracts.dashboardCounts, { procedureId: randomUUID() }, alice)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets only the instructeurs of the dossier’s group follow or archive it', async () => {
    await expect(follow(at(3), nordOnly)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(follow(at(3), instructeurOf(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(follow(at(3), admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(follow(at(3), systemOf('dossiers', tenant))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(archive(at(3), expert(tenant))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const ctx of [usager(), expert(tenant), systemOf('exports', tenant), {}]) {
      await expect(counts(ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(page('tous', ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // The usager does not learn who instructs their dossier.
    const owned = await t.request(dossierContracts.get, { dossierId: at(0).id }, { actor: { ...alice.actor!, accountId: at(0).usager.accountId, roles: ['usager'] } });
    expect(owned.followers).toBeUndefined();
  });

  it('deletes a processed dossier from every tab into « supprimés », restores it, and refuses an open one', async () => {
    const hide = (dossier: Dossier, hidden: boolean, ctx: BusContext = alice) => t.request(dossierInstructionContracts.hide, { dossierId: dossier.id, hidden }, ctx);
    await expect(hide(at(3), true)).rejects.toMatchObject({ code: 'DOSSIER_NOT_PROCESSED', message: 'Seul un dossier accepté, refusé ou classé sans suite peut être supprimé.' });
    await transition(at(4), 'passer_en_instruction');
    await transition(at(4), 'accepter');
    const before = await counts();
    const hidden = await hide(at(4), true);
    expect(hidden.hiddenByAdministrationAt).toEqual(expect.any(String));
    expect(await counts()).toEqual({ ...before, traites: before.traites - 1, tous: before.tous - 1, supprimes: 1 });
    expect(await numbers('supprimes')).toEqual([at(4).number]);
    expect(await numbers('tous')).not.toContain(at(4).number);
    // Only its group's instructeurs; the usager still reads their dossier as before.
    await expect(hide(at(4), false, nordOnly)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(hide(at(4), false, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const owned = await t.request(dossierContracts.get, { dossierId: at(4).id }, { actor: { ...alice.actor!, accountId: at(4).usager.accountId, roles: ['usager'] } });
    expect(owned).toMatchObject({ state: 'accepte' });
    expect(owned.hiddenByAdministrationAt).toBeUndefined();
    expect((await hide(at(4), false)).hiddenByAdministrationAt).toBeNull();
    expect(await counts()).toEqual(before);
  });
});

describe('dossiers: handing a dossier to another group', () => {
  let t: DossiersUnderTest;
  let procedure: Procedure;
  const tenantId = randomUUID();
  const defaultInstructeur = instructeurOf(tenantId);
  const nordInstructeur = instructeurOf(tenantId);
  const admin = administrateurOf(tenantId);
  let nordId: string;
  const form = subsidyForm();

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(defaultInstructeur);
    procedure = await t.publishedProcedure(tenantId, form.list);
    nordId = (await t.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, admin)).id;
    await t.addToGroup(nordInstructeur, procedure, nordId);
  });

  afterAll(async () => {
    await t?.stop();
  });

  async function submitted(): Promise<Dossier> {
    const owner = usager();
    const created = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
    await t.request(dossierContracts.updateValues, { dossierId: created.id, values: form.complete }, owner);
    return t.request(dossierContracts.submit, { dossierId: created.id }, owner);
  }
  const reassign = (dossier: Dossier, groupId: string, ctx: BusContext = defaultInstructeur) => t.request(dossierInstructionContracts.reassign, { dossierId: dossier.id, groupId }, ctx);

  it('moves visibility at once, keeps the move in the history, and announces it', async () => {
    const dossier = await submitted();
    const moved = await reassign(dossier, nordId);
    expect(moved.groupeInstructeur).toEqual({ id: nordId, label: 'Nord' });
    expect(moved.groupChanges).toEqual([{ from: { id: dossier.groupeInstructeur!.id, label: 'Groupe par défaut' }, to: { id: nordId, label: 'Nord' }, at: expect.any(String) as string, actorEmail: defaultInstructeur.actor!.email }]);
    await expect(t.request(dossierContracts.get, { dossierId: dossier.id }, defaultInstructeur)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, nordInstructeur)).groupeInstructeur?.id).toBe(nordId);
    const rows = await t.platform.bus.request(dossierInstructionContracts.dashboardPage, { procedureId: procedure.id, tab: 'tous' }, nordInstructeur);
    expect(rows.items.map((row) => row.id)).toContain(dossier.id);
    // And back, by the new group's instructeur.
    expect((await reassign(dossier, dossier.groupeInstructeur!.id, nordInstructeur)).groupChanges).toHaveLength(2);
  });

  it('refuses an unknown group, the same group, a decided dossier, and callers who do not instruct it', async () => {
    const dossier = await submitted();
    await expect(reassign(dossier, randomUUID())).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { groupId: 'Choisissez un groupe de cette démarche.' } });
    await expect(reassign(dossier, dossier.groupeInstructeur!.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { groupId: 'Choisissez un autre groupe.' } });
    await expect(reassign(dossier, nordId, nordInstructeur)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(reassign(dossier, nordId, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reassign(dossier, nordId, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'passer_en_instruction' }, defaultInstructeur);
    await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'accepter' }, defaultInstructeur);
    await expect(reassign(dossier, nordId)).rejects.toMatchObject({ code: 'DOSSIER_INVALID_TRANSITION' });
    expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, admin)).groupChanges).toEqual([]);
  });
});

describe('dossiers: the « expirant » tab', () => {
  let t: DossiersUnderTest;
  let db: Client;
  let procedure: Procedure;
  const tenantId = randomUUID();
  const instructeur = instructeurOf(tenantId);
  const admin = administrateurOf(tenantId);
  const form = subsidyForm();
  const dossiers: Dossier[] = [];

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
    await t.enrol(instructeur);
    procedure = await t.publishedProcedure(tenantId, form.list);
    for (let index = 0; index < 5; index += 1) {
      const owner = usager();
      const created = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
      await t.request(dossierContracts.updateValues, { dossierId: created.id, values: form.complete }, owner);
      dossiers.push(await t.request(dossierContracts.submit, { dossierId: created.id }, owner));
    }
  });

  afterAll(async () => {
    await db?.end();
    await t?.stop();
  });

  const at = (index: number) => dossiers[index] as Dossier;
  const counts = () => t.request(dossierInstructionContracts.dashboardCounts, { procedureId: procedure.id }, instructeur);
  const expiring = async () => (await t.request(dossierInstructionContracts.dashboardPage, { procedureId: procedure.id, tab: 'expirant' }, instructeur)).items.map((row) => row.number).sort();
  const ago = async (dossier: Dossier, column: 'submitted_at' | 'decided_at', months: number, days = 0) =>
    db.query(`update "dossiers"."dossier" set ${column} = now() - make_interval(months => $2, days => $3) where id = $1`, [dossier.id, months, days]);
  const decide = async (dossier: Dossier) => {
    await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'passer_en_instruction' }, instructeur);
    return t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'accepter' }, instructeur);
  };

  it('lists the dossiers en construction or processed within two weeks of the end of the procedure’s retention, and never one in instruction', async () => {
    // The default retention is 12 months: submitted 11 months and 20 days ago, it expires in 10 days.
    await ago(at(0), 'submitted_at', 11, 20);
    // Eleven months ago: a month left, not yet.
    await ago(at(1), 'submitted_at', 11);
    // Processed 12 months ago (archived and deleted ones too, while the deleted one stays out).
    await decide(at(2));
    await ago(at(2), 'decided_at', 12);
    await t.request(dossierInstructionContracts.archive, { dossierId: at(2).id, archived: true }, instructeur);
    await decide(at(3));
    await ago(at(3), 'decided_at', 13);
    await t.request(dossierInstructionContracts.hide, { dossierId: at(3).id, hidden: true }, instructeur);
    // In instruction, submitted long ago: instruction has no end date.
    await t.request(dossierContracts.transition, { dossierId: at(4).id, event: 'passer_en_instruction' }, instructeur);
    await ago(at(4), 'submitted_at', 30);

    expect(await expiring()).toEqual([at(0).number, at(2).number].sort());
    expect(await counts()).toMatchObject({ expirant: 2, archives: 1, supprimes: 1 });
    const { items } = await t.request(dossierInstructionContracts.dashboardProcedures, {}, instructeur);
    expect(items.find((item) => item.procedureId === procedure.id)?.counts.expirant).toBe(2);
  });

  it('follows the procedure’s retention when its administrateur changes it', async () => {
    await t.request(procedureContracts.updateSettings, { procedureId: procedure.id, retentionMonths: 24 }, admin);
    await waitFor(async () => expect((await counts()).expirant).toBe(0));
    expect(await expiring()).toEqual([]);
    await t.request(procedureContracts.updateSettings, { procedureId: procedure.id, retentionMonths: 1 }, admin);
    // A month of retention: the one submitted eleven months ago is now past it too.
    await waitFor(async () => expect(await expiring()).toEqual([at(0).number, at(1).number, at(2).number].sort()));
    expect((await counts()).expirant).toBe(3);
  });
});
