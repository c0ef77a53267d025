import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dossierContracts, groupContracts, procedureContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, field, instructeurOf, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';
import { DeadlineInstruction } from './deadline-instruction.service';

const tenant = randomUUID();
const admin = administrateurOf(tenant);
const instructeur = instructeurOf(tenant);

/** Closing procedures (by hand or at their deadline) and declarative procedures, seen from the dossiers. */
describe('dossiers: procedure closure, deadline and declarative modes', () => {
  let t: DossiersUnderTest;
  let db: Client;
  const name = field({ label: 'Nom de l’association', type: 'text', mandatory: true });

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(instructeur);
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.stop();
  });

  const procedure = () => t.publishedProcedure(tenant, [name]);
  const start = (procedureId: string, owner: BusContext) => t.request(dossierContracts.create, { procedureId, usager: aUsagerIdentity() }, owner);

  /** A brouillon with its mandatory value, ready to submit. */
  async function readyBrouillon(procedureId: string, owner: BusContext = usager()): Promise<{ dossier: Dossier; owner: BusContext }> {
    const dossier = await start(procedureId, owner);
    await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values: { [name.stableId]: 'Les Amis du Patrimoine' } }, owner);
    return { dossier, owner };
  }

  async function submitted(procedureId: string): Promise<Dossier> {
    const { dossier, owner } = await readyBrouillon(procedureId);
    return t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
  }

  /** As stored, brouillons included: read as the tenant's system (no agent sees a brouillon). */
  const get = (dossierId: string) => t.request(dossierContracts.get, { dossierId }, systemOf('exports', tenant));

  describe('declarative procedures', () => {
    it('en_instruction: the submission goes on into instruction, each step its own transition and event', async () => {
      const declarative = await procedure();
      await t.request(procedureContracts.updateSettings, { procedureId: declarative.id, declarativeMode: 'en_instruction' }, admin);
      const { dossier, owner } = await readyBrouillon(declarative.id);
      const result = await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
      expect(result).toMatchObject({ state: 'en_instruction', decidedAt: null });
      expect(result.traitements.map((row) => [row.event, row.from, row.to, row.actorEmail])).toEqual([
        ['passer_en_construction', 'brouillon', 'en_construction', owner.actor?.email],
        ['passer_en_instruction', 'en_construction', 'en_instruction', null],
      ]);
      const events = await t.outboxEvents(dossier.id);
      expect(events.map(({ envelope }) => [envelope.data.event, envelope.data.to, envelope.actor?.email ?? null])).toEqual([
        ['passer_en_construction', 'en_construction', owner.actor?.email],
        ['passer_en_instruction', 'en_instruction', null],
      ]);
    });

    it('accepte: the submission is accepted at once, through instruction, with its decision date', async () => {
      const declarative = await procedure();
      await t.request(procedureContracts.updateSettings, { procedureId: declarative.id, declarativeMode: 'accepte' }, admin);
      const result = await submitted(declarative.id);
      expect(result.state).toBe('accepte');
      expect(result.traitements.map((row) => [row.event, row.to, row.actorEmail === null])).toEqual([
        ['passer_en_construction', 'en_construction', false],
        ['passer_en_instruction', 'en_instruction', true],
        ['accepter', 'accepte', true],
      ]);
      expect(result.decidedAt).toBe(result.traitements[2]?.at);
      expect((await t.outboxEvents(result.id)).map(({ envelope }) => envelope.data.to)).toEqual(['en_construction', 'en_instruction', 'accepte']);
    });

    it('reads the mode at each submission: turned off, dossiers stay en_construction', async () => {
      const declarative = await procedure();
      await t.request(procedureContracts.updateSettings, { procedureId: declarative.id, declarativeMode: 'accepte' }, admin);
      await t.request(procedureContracts.updateSettings, { procedureId: declarative.id, declarativeMode: null }, admin);
      expect((await submitted(declarative.id)).state).toBe('en_construction');
    });
  });

  describe('what this service keeps of a procedure', () => {
    it('asks procedures once for many filings, and files the next one by every change at once', async () => {
      const { bus } = t.platform;
      let snapshots = 0;
      const watch = bus.nc.subscribe(bus.names.wire(procedureContracts.getSnapshot.subject), { callback: () => (snapshots += 1) });
      await bus.nc.flush();
      try {
        const kept = await procedure();
        const nameOf = (dossier: Dossier) => dossier.groupeInstructeur?.label;
        const first = await submitted(kept.id);
        await submitted(kept.id);
        await submitted(kept.id);
        expect(snapshots).toBe(1);

        // A group whose rule takes these dossiers: the very next submission goes there.
        const sport = await t.request(groupContracts.create, { procedureId: kept.id, label: 'Pôle patrimoine', routingRule: { kind: 'comparison', field: name.stableId, operator: 'eq', value: 'Les Amis du Patrimoine' } }, admin);
        expect(nameOf(await submitted(kept.id))).toBe('Pôle patrimoine');
        await t.request(groupContracts.update, { procedureId: kept.id, groupId: sport.id, label: 'Pôle culture' }, admin);
        expect(nameOf(await submitted(kept.id))).toBe('Pôle culture');
        await t.request(groupContracts.setRoutingRule, { procedureId: kept.id, groupId: sport.id, routingRule: null }, admin);
        expect(nameOf(await submitted(kept.id))).toBe(nameOf(first));
        // Settings and closure, likewise.
        await t.request(procedureContracts.updateSettings, { procedureId: kept.id, declarativeMode: 'en_instruction' }, admin);
        expect((await submitted(kept.id)).state).toBe('en_instruction');
        const pending = await readyBrouillon(kept.id);
        await t.request(procedureContracts.close, { procedureId: kept.id, reason: 'demarche_terminee' }, admin);
        await expect(t.request(dossierContracts.submit, { dossierId: pending.dossier.id }, pending.owner)).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED' });
        await expect(start(kept.id, usager())).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED' });
        expect(snapshots).toBe(6);
      } finally {
        watch.unsubscribe();
      }
    });
  });

  describe('closed and depublished procedures', () => {
    it('refuses new dossiers and submissions once closed; submitted dossiers go on', async () => {
      const closing = await procedure();
      const pending = await readyBrouillon(closing.id);
      const filed = await submitted(closing.id);
      await t.request(procedureContracts.close, { procedureId: closing.id, reason: 'demarche_terminee' }, admin);

      await expect(start(closing.id, usager())).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED', message: 'Cette démarche est close : elle n’accepte plus de nouveaux dossiers.' });
      await expect(t.request(dossierContracts.submit, { dossierId: pending.dossier.id }, pending.owner)).rejects.toMatchObject({
        code: 'PROCEDURE_CLOSED',
        message: 'Cette démarche est close : le dossier ne peut plus être déposé.',
      });
      expect(await get(pending.dossier.id)).toMatchObject({ state: 'brouillon', submittedAt: null, traitements: [] });
      expect(await t.outboxEvents(pending.dossier.id)).toEqual([]);
      // A manual closure moves nothing.
      expect((await t.request(dossierContracts.transition, { dossierId: filed.id, event: 'passer_en_instruction' }, instructeur)).state).toBe('en_instruction');
    });

    it('refuses submission and creation once the deadline has passed, swept or not', async () => {
      const late = await procedure();
      const pending = await readyBrouillon(late.id);
      await t.request(procedureContracts.updateSettings, { procedureId: late.id, closesAt: new Date(Date.now() + 3_600_000).toISOString() }, admin);
      // Moved back by hand (a date in the past is refused through the API); the sweep may or may not have closed it yet.
      await db.query(`update procedures.procedure set closes_at = now() - interval '1 second' where id = $1`, [late.id]);
      await expect(t.request(dossierContracts.submit, { dossierId: pending.dossier.id }, pending.owner)).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED' });
      await expect(start(late.id, usager())).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED' });
      expect((await get(pending.dossier.id)).state).toBe('brouillon');
    });

    it('lets brouillons of a depublished procedure be submitted, but no new one be started', async () => {
      const depublished = await procedure();
      const pending = await readyBrouillon(depublished.id);
      await t.request(procedureContracts.depublish, { procedureId: depublished.id }, admin);
      await expect(start(depublished.id, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await t.request(dossierContracts.submit, { dossierId: pending.dossier.id }, pending.owner)).state).toBe('en_construction');
    });

    it('refuses dossiers on a procedure never published', async () => {
      const draft = await t.draftProcedure(tenant, [name]);
      await expect(start(draft.id, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('deadline', () => {
    it('moves the en_construction dossiers of a procedure closed at its deadline into instruction, once', async () => {
      const expiring: Procedure = await procedure();
      const constructing = [await submitted(expiring.id), await submitted(expiring.id)];
      // A correction request does not hold a dossier back at the deadline (as demarches-simplifiees.fr).
      const corrected = await submitted(expiring.id);
      await t.request(dossierContracts.transition, { dossierId: corrected.id, event: 'demander_correction', motivation: 'Ajoutez les statuts signés.' }, instructeur);
      const instructed = await submitted(expiring.id);
      await t.request(dossierContracts.transition, { dossierId: instructed.id, event: 'passer_en_instruction' }, instructeur);
      const brouillon = await readyBrouillon(expiring.id);
      // Another procedure, closed by hand: its dossiers stay where they are.
      const manual = await procedure();
      const manualDossier = await submitted(manual.id);
      await t.request(procedureContracts.close, { procedureId: manual.id, reason: 'demarche_terminee' }, admin);

      // The harness's procedures process sweeps every 500 ms: its next pass closes this one.
      await db.query(`update procedures.procedure set closes_at = now() - interval '1 minute' where id = $1`, [expiring.id]);
      const moved = [...constructing, corrected];
      await waitFor(async () => (await Promise.all(moved.map((dossier) => get(dossier.id)))).every((dossier) => dossier.state === 'en_instruction'), {
        timeoutMs: 15_000,
        intervalMs: 100,
        description: 'en_construction dossiers moved into instruction at the deadline',
      });

      expect((await t.request(procedureContracts.get, { procedureId: expiring.id }, admin)).closure).toMatchObject({ reason: 'date_limite_atteinte', automatic: true });
      for (const dossier of moved) {
        const after = await get(dossier.id);
        expect(after.traitements.at(-1)).toMatchObject({ event: 'passer_en_instruction', from: 'en_construction', to: 'en_instruction', actorEmail: null });
        expect((await t.outboxEvents(dossier.id)).at(-1)?.envelope).toMatchObject({ actor: null, tenantId: tenant, data: { event: 'passer_en_instruction', to: 'en_instruction' } });
      }
      expect((await get(instructed.id)).traitements).toHaveLength(2);
      expect(await get(brouillon.dossier.id)).toMatchObject({ state: 'brouillon', traitements: [] });
      expect((await get(manualDossier.id)).state).toBe('en_construction');

      // A redelivered event finds nothing left to move.
      const app = t.platform.apps.get('dossiers');
      if (app === undefined) throw new Error('dossiers did not start');
      await expect(app.get(DeadlineInstruction).instruct(tenant, expiring.id)).resolves.toBe(0);
      for (const dossier of moved) expect((await get(dossier.id)).traitements.filter((row) => row.event === 'passer_en_instruction')).toHaveLength(1);
    });

    it('moves nothing for a procedure republished since its automatic closure', async () => {
      const reopened = await procedure();
      const dossier = await submitted(reopened.id);
      const app = t.platform.apps.get('dossiers');
      if (app === undefined) throw new Error('dossiers did not start');
      await expect(app.get(DeadlineInstruction).instruct(tenant, reopened.id)).resolves.toBe(0);
      expect((await get(dossier.id)).state).toBe('en_construction');
    });
  });
});
