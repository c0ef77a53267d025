import { randomUUID } from 'node:crypto';
import { dossierContracts, groupContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import type { DossierEvent } from '@guichet/dossier-state';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, expert, instructeurOf, subsidyForm, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();

describe('dossiers: instruction, concurrency, listing', () => {
  let t: DossiersUnderTest;
  let form: ReturnType<typeof subsidyForm>;
  let procedure: Procedure;
  const instructeur = instructeurOf(tenantA);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(instructeur);
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenantA, form.list);
  });

  afterAll(async () => {
    await t?.stop();
  });

  /** A dossier the usager has submitted (en_construction), with its owner. */
  async function submittedDossier(on: Procedure = procedure, values: Record<string, unknown> = form.complete): Promise<{ dossier: Dossier; owner: BusContext }> {
    const owner = usager();
    const created = await t.request(dossierContracts.create, { procedureId: on.id, usager: aUsagerIdentity() }, owner);
    await t.request(dossierContracts.updateValues, { dossierId: created.id, values }, owner);
    return { dossier: await t.request(dossierContracts.submit, { dossierId: created.id }, owner), owner };
  }

  const transition = (dossierId: string, event: DossierEvent, ctx: BusContext = instructeur, motivation?: string) =>
    t.request(dossierContracts.transition, { dossierId, event, ...(motivation !== undefined ? { motivation } : {}) }, ctx);

  async function publishedEvents(dossierId: string, expected: number) {
    await waitFor(async () => {
      const rows = await t.outboxEvents(dossierId);
      return rows.length >= expected && rows.every((row) => row.publishedAt !== null);
    }, { description: `${expected} published events for ${dossierId}` });
    return t.streamEvents(dossierId);
  }

  describe('every transition, by an instructeur of the dossier’s group', () => {
    it('walks the whole state machine, with a history row and one event per transition', async () => {
      const { dossier, owner } = await submittedDossier();

      const inInstruction = await transition(dossier.id, 'passer_en_instruction');
      expect(inInstruction).toMatchObject({ state: 'en_instruction', decidedAt: null, motivation: null });

      expect(await transition(dossier.id, 'repasser_en_construction')).toMatchObject({ state: 'en_construction' });
      await transition(dossier.id, 'passer_en_instruction');

      const correction = await transition(dossier.id, 'demander_correction', instructeur, 'Il manque les statuts signés.');
      expect(correction).toMatchObject({ state: 'en_construction', correctionPending: true, motivation: null });
      await expect(transition(dossier.id, 'passer_en_instruction')).rejects.toMatchObject({ code: 'CORRECTION_PENDING' });
      await expect(transition(dossier.id, 'demander_correction')).rejects.toMatchObject({ code: 'CORRECTION_PENDING' });
      // The usager answers the correction by saving the dossier.
      const corrected = await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [form.fields.files.stableId]: [{ fileId: randomUUID(), fileName: 'statuts-signes.pdf' }] } }, owner);
      expect(corrected.correctionPending).toBe(false);
      await transition(dossier.id, 'passer_en_instruction');

      const accepted = await transition(dossier.id, 'accepter', instructeur, '  Dossier complet.  ');
      expect(accepted).toMatchObject({ state: 'accepte', motivation: 'Dossier complet.', decidedAt: expect.any(String) as string });

      const reopened = await transition(dossier.id, 'repasser_en_instruction');
      expect(reopened).toMatchObject({ state: 'en_instruction', motivation: null, decidedAt: null });

      const refused = await transition(dossier.id, 'refuser', instructeur, 'Hors du champ de l’appel à projets.');
      expect(refused).toMatchObject({ state: 'refuse', motivation: 'Hors du champ de l’appel à projets.', decidedAt: expect.any(String) as string });
      await transition(dossier.id, 'repasser_en_instruction');

      const closed = await transition(dossier.id, 'classer_sans_suite', instructeur, 'Demande retirée par l’association.');
      expect(closed).toMatchObject({ state: 'sans_suite', motivation: 'Demande retirée par l’association.' });

      const expectedHistory = [
        ['passer_en_construction', 'brouillon', 'en_construction'],
        ['passer_en_instruction', 'en_construction', 'en_instruction'],
        ['repasser_en_construction', 'en_instruction', 'en_construction'],
        ['passer_en_instruction', 'en_construction', 'en_instruction'],
        ['demander_correction', 'en_instruction', 'en_construction'],
        ['passer_en_instruction', 'en_construction', 'en_instruction'],
        ['accepter', 'en_instruction', 'accepte'],
        ['repasser_en_instruction', 'accepte', 'en_instruction'],
        ['refuser', 'en_instruction', 'refuse'],
        ['repasser_en_instruction', 'refuse', 'en_instruction'],
        ['classer_sans_suite', 'en_instruction', 'sans_suite'],
      ];
      const read = await t.request(dossierContracts.get, { dossierId: dossier.id }, owner);
      expect(read.traitements.map((row) => [row.event, row.from, row.to])).toEqual(expectedHistory);
      expect(read.traitements.slice(1).every((row) => row.actorEmail === instructeur.actor?.email)).toBe(true);
      expect(read.traitements.find((row) => row.event === 'demander_correction')?.motivation).toBe('Il manque les statuts signés.');
      const times = read.traitements.map((row) => Date.parse(row.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);

      const events = await publishedEvents(dossier.id, expectedHistory.length);
      expect(events.map((event) => [event.data.event, event.data.from, event.data.to])).toEqual(expectedHistory);
      expect(new Set(events.map((event) => event.id)).size).toBe(expectedHistory.length);
      expect(events.map((event) => event.data.traitementId)).toEqual(read.traitements.map((row) => row.id));
      expect(events.every((event) => event.tenantId === tenantA)).toBe(true);
      const acceptedEvent = events.find((event) => event.data.event === 'accepter');
      expect(acceptedEvent?.data).toMatchObject({ to: 'accepte', motivation: 'Dossier complet.', decidedAt: accepted.decidedAt });
    });

    it('lets the system of the tenant move a dossier into instruction, with no actor e-mail', async () => {
      const { dossier } = await submittedDossier();
      const moved = await transition(dossier.id, 'passer_en_instruction', systemOf('procedures', tenantA));
      expect(moved.state).toBe('en_instruction');
      expect(moved.traitements.at(-1)).toMatchObject({ event: 'passer_en_instruction', actorEmail: null });
      // The state machine keeps decisions for instructeurs (no declarative or SVA mode here).
      await expect(transition(dossier.id, 'accepter', systemOf('procedures', tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('refusals', () => {
    it('requires a motivation to refuse or to classer sans suite', async () => {
      const { dossier } = await submittedDossier();
      await transition(dossier.id, 'passer_en_instruction');
      await expect(transition(dossier.id, 'refuser')).rejects.toMatchObject({ code: 'MOTIVATION_REQUIRED', message: 'Une motivation est obligatoire pour refuser un dossier.' });
      await expect(transition(dossier.id, 'refuser', instructeur, '   ')).rejects.toMatchObject({ code: 'MOTIVATION_REQUIRED' });
      await expect(transition(dossier.id, 'classer_sans_suite', instructeur, '')).rejects.toMatchObject({ code: 'MOTIVATION_REQUIRED' });
      const read = await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur);
      expect(read).toMatchObject({ state: 'en_instruction', decidedAt: null });
      expect(read.traitements).toHaveLength(2);
    });

    it('refuses a transition the state machine does not have', async () => {
      const { dossier } = await submittedDossier();
      await expect(transition(dossier.id, 'accepter')).rejects.toMatchObject({ code: 'DOSSIER_INVALID_TRANSITION', message: 'L’action « Accepter » n’est pas possible pour un dossier « En construction ».' });
      await expect(transition(dossier.id, 'repasser_en_instruction')).rejects.toMatchObject({ code: 'DOSSIER_INVALID_TRANSITION' });
      await expect(transition(dossier.id, 'passer_en_construction')).rejects.toMatchObject({ code: 'DOSSIER_INVALID_TRANSITION' });
      expect(await publishedEvents(dossier.id, 1)).toHaveLength(1);
    });

    it('keeps submission for the usager: an instructeur does not even see a brouillon, the system may not submit it', async () => {
      const owner = usager();
      const draft = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
      await expect(transition(draft.id, 'passer_en_construction')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(t.request(dossierContracts.get, { dossierId: draft.id }, instructeur)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(transition(draft.id, 'passer_en_construction', systemOf('dossiers', tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('tells an instructeur of another tenant or group, another usager, or an expert that the dossier does not exist', async () => {
      const { dossier } = await submittedDossier();
      const elsewhere = instructeurOf(tenantA);
      const otherGroup = await t.request(groupContracts.create, { procedureId: procedure.id, label: `Autre ${randomUUID()}` }, administrateurOf(tenantA));
      await t.addToGroup(elsewhere, procedure, otherGroup.id);
      for (const ctx of [elsewhere, instructeurOf(tenantA), instructeurOf(tenantB), usager(), expert(tenantA), systemOf('experts', tenantB), systemOf('experts'), { actor: instructeur.actor! }, {}]) {
        await expect(transition(dossier.id, 'passer_en_instruction', ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      await expect(transition(randomUUID(), 'passer_en_instruction')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).state).toBe('en_construction');
    });

    it('tells those who can see the dossier but not move it (its owner, an administrateur) that it is forbidden', async () => {
      const { dossier, owner } = await submittedDossier();
      await expect(transition(dossier.id, 'passer_en_instruction', owner)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(transition(dossier.id, 'passer_en_instruction', administrateurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('tells each agent reading the dossier whether they instruct it (mayInstruct); the usager is not told', async () => {
      const { dossier, owner } = await submittedDossier();
      const read = (ctx: BusContext) => t.request(dossierContracts.get, { dossierId: dossier.id }, ctx);
      expect((await read(instructeur)).mayInstruct).toBe(true);
      // A pure administrateur reads every dossier of the tenant and instructs none.
      expect((await read(administrateurOf(tenantA))).mayInstruct).toBe(false);
      // An administrateur also instructeur: those of their groups only.
      const both = (ctx: BusContext): BusContext => ({ ...ctx, actor: { ...ctx.actor!, roles: ['administrateur', 'instructeur'] } });
      expect((await read(both(instructeur))).mayInstruct).toBe(true);
      const elsewhere = instructeurOf(tenantA);
      const nord = await t.request(groupContracts.create, { procedureId: procedure.id, label: `Nord ${randomUUID().slice(0, 8)}` }, administrateurOf(tenantA));
      await t.addToGroup(elsewhere, procedure, nord.id);
      expect((await read(both(elsewhere))).mayInstruct).toBe(false);
      await expect(transition(dossier.id, 'passer_en_instruction', both(elsewhere))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await read(owner)).not.toHaveProperty('mayInstruct');
    });

    it('takes a removal from the group, and an addition, into account from the instructeur’s next request', async () => {
      const { dossier } = await submittedDossier();
      const admin = administrateurOf(tenantA);
      const joining = instructeurOf(tenantA);
      const nord = await t.request(groupContracts.create, { procedureId: procedure.id, label: `Nord ${randomUUID().slice(0, 8)}` }, admin);
      await t.addToGroup(joining, procedure, nord.id);
      const read = (ctx: BusContext) => t.request(dossierContracts.get, { dossierId: dossier.id }, ctx);
      // Asked once more each time: the agent's groups kept by this service must follow every change.
      for (let round = 0; round < 3; round += 1) {
        await expect(read(joining)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await t.addToGroup(joining, procedure);
        expect((await read(joining)).id).toBe(dossier.id);
        expect((await transition(dossier.id, 'passer_en_instruction', joining)).state).toBe('en_instruction');
        await t.request(groupContracts.removeMembers, { procedureId: procedure.id, groupId: dossier.groupeInstructeur?.id ?? '', emails: [joining.actor?.email ?? ''] }, admin);
        await expect(read(joining)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(transition(dossier.id, 'repasser_en_construction', joining)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await transition(dossier.id, 'repasser_en_construction');
      }
      // A deleted group's members move to another: from the next request, they see its dossiers.
      await t.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id, moveMembersTo: dossier.groupeInstructeur?.id ?? '' }, admin);
      expect((await read(joining)).id).toBe(dossier.id);
    });

    it('refuses malformed transition payloads at the edge', async () => {
      const { dossier } = await submittedDossier();
      await expect(t.raw(dossierContracts.transition, JSON.stringify({ dossierId: dossier.id, event: 'valider' }), instructeur)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(t.raw(dossierContracts.transition, JSON.stringify({ dossierId: dossier.id, event: 'refuser', motivation: 'x'.repeat(10_001) }), instructeur)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      for (const motivation of ['a\u0000b', 'a\ud800b']) {
        await expect(transition(dossier.id, 'passer_en_instruction', instructeur, motivation)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { motivation: 'Caractère non autorisé.' } });
      }
    });
  });

  describe('concurrency', () => {
    it('lets exactly one of two simultaneous acceptances succeed', async () => {
      // Several dossiers at once, so the two requests of a pair really overlap in the service.
      const dossiers = await Promise.all(Array.from({ length: 4 }, () => submittedDossier().then(({ dossier }) => dossier)));
      await Promise.all(dossiers.map((dossier) => transition(dossier.id, 'passer_en_instruction')));
      const other = await t.enrol(instructeurOf(tenantA));
      const races = await Promise.all(dossiers.map((dossier) => Promise.allSettled([transition(dossier.id, 'accepter', instructeur, 'Premier'), transition(dossier.id, 'accepter', other, 'Second')])));

      for (const [index, results] of races.entries()) {
        const dossier = dossiers[index] as Dossier;
        const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        expect(rejected).toHaveLength(1);
        expect(rejected[0]?.reason).toMatchObject({ code: 'DOSSIER_INVALID_TRANSITION' });

        const read = await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur);
        expect(read.state).toBe('accepte');
        expect(read.traitements.filter((row) => row.event === 'accepter')).toHaveLength(1);
        const events = await publishedEvents(dossier.id, 3);
        expect(events.filter((event) => event.data.event === 'accepter')).toHaveLength(1);
      }
    });

    it('lets exactly one of an acceptance and a refusal racing each other succeed', async () => {
      const { dossier } = await submittedDossier();
      await transition(dossier.id, 'passer_en_instruction');
      const [second, third] = [await t.enrol(instructeurOf(tenantA)), await t.enrol(instructeurOf(tenantA))];
      const results = await Promise.allSettled([transition(dossier.id, 'accepter'), transition(dossier.id, 'refuser', second, 'Non'), transition(dossier.id, 'classer_sans_suite', third, 'Non')]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const read = await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur);
      expect(read.traitements).toHaveLength(3);
    });

    it('tells the second agent deciding on what they saw before the first one’s decision that it changed, and applies nothing', async () => {
      const { dossier } = await submittedDossier();
      const seen = await transition(dossier.id, 'passer_en_instruction');
      const colleague = await t.enrol(instructeurOf(tenantA));
      const accepted = await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'accepter', seenUpdatedAt: seen.updatedAt }, instructeur);
      expect(accepted.state).toBe('accepte');
      await expect(t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'refuser', motivation: 'Incomplet', seenUpdatedAt: seen.updatedAt }, colleague)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('« Accepté » désormais') as string,
      });
      const read = await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur);
      expect(read).toMatchObject({ state: 'accepte', motivation: null });
      expect(read.traitements.map((traitement) => traitement.to)).toEqual(['en_construction', 'en_instruction', 'accepte']);
      // Deciding on what is there now is fine.
      expect((await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'repasser_en_instruction', seenUpdatedAt: read.updatedAt }, colleague)).state).toBe('en_instruction');
    });
  });

  describe('listForProcedure', () => {
    let listed: Procedure;
    const submitted: Dossier[] = [];
    const drafts: Dossier[] = [];

    beforeAll(async () => {
      const small = subsidyForm();
      listed = await t.publishedProcedure(tenantA, small.list);
      for (let index = 0; index < 7; index += 1) submitted.push((await submittedDossier(listed, small.complete)).dossier);
      for (let index = 0; index < 2; index += 1) drafts.push(await t.request(dossierContracts.create, { procedureId: listed.id, usager: aUsagerIdentity() }, usager()));
      await transition(submitted[0]?.id ?? '', 'passer_en_instruction');
    });

    const list = (payload: { after?: string; limit?: number; states?: Dossier['state'][]; groupIds?: string[] }, ctx: BusContext = instructeur) =>
      t.request(dossierContracts.listForProcedure, { procedureId: listed.id, limit: 100, ...payload }, ctx);

    it('pages through submitted dossiers by number, without brouillons', async () => {
      const seen: Dossier[] = [];
      const cursors: (string | null)[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await list({ limit: 3, ...(after !== undefined ? { after } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items);
        cursors.push(page.nextCursor);
        if (page.nextCursor === null) break;
        after = page.nextCursor;
      }
      expect(cursors).toEqual([String(submitted[2]?.number), String(submitted[5]?.number), null]);
      expect(seen.map((dossier) => dossier.id)).toEqual(submitted.map((dossier) => dossier.id));
      expect(seen[0]).toMatchObject({ state: 'en_instruction', traitements: [{ event: 'passer_en_construction' }, { event: 'passer_en_instruction' }] });
    });

    it('ends with a null cursor when the last page is exactly full', async () => {
      const page = await list({ limit: 7 });
      expect(page.items).toHaveLength(7);
      expect(page.nextCursor).toBeNull();
      expect(await list({ after: String(submitted[6]?.number) })).toEqual({ items: [], nextCursor: null });
    });

    it('filters by state; brouillons only for the system (exports), never for agents', async () => {
      expect((await list({ states: ['brouillon'] }, systemOf('exports', tenantA))).items.map((dossier) => dossier.id)).toEqual(drafts.map((dossier) => dossier.id));
      expect((await list({ states: ['brouillon'] })).items).toEqual([]);
      expect((await list({ states: ['brouillon'] }, administrateurOf(tenantA))).items).toEqual([]);
      expect((await list({ states: ['en_instruction'] })).items.map((dossier) => dossier.id)).toEqual([submitted[0]?.id]);
      expect((await list({ states: ['accepte', 'refuse'] })).items).toEqual([]);
    });

    it('serves agents and the system of the tenant, and nobody else', async () => {
      expect((await list({}, administrateurOf(tenantA))).items).toHaveLength(7);
      expect((await list({}, systemOf('exports', tenantA))).items).toHaveLength(7);
      // Another tenant's agents only ever see their own tenant's dossiers; an instructeur in none of
      // the procedure's groups, none.
      expect(await list({}, instructeurOf(tenantB))).toEqual({ items: [], nextCursor: null });
      expect(await list({}, instructeurOf(tenantA))).toEqual({ items: [], nextCursor: null });
      // Narrowed to some groups (an export of an instructeur's groups): never wider than the scope.
      expect((await list({ groupIds: [randomUUID()] }, systemOf('exports', tenantA))).items).toEqual([]);
      for (const ctx of [usager(), expert(tenantA), systemOf('exports'), { actor: instructeur.actor! }, {}]) {
        await expect(list({}, ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
    });

    it('refuses a malformed cursor and a page larger than 500', async () => {
      for (const after of ['abc', '-1', '1.5', '99999999999', ' 3']) {
        await expect(list({ after })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { after: expect.any(String) as string } });
      }
      await expect(list({ limit: 501 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(t.raw(dossierContracts.listForProcedure, JSON.stringify({ procedureId: listed.id, limit: 501 }), instructeur)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(t.raw(dossierContracts.listForProcedure, JSON.stringify({ procedureId: listed.id, states: ['archive'] }), instructeur)).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    });
  });
});
