import { randomUUID } from 'node:crypto';
import { labelContracts, labelEvents, maxLabelsPerProcedure, type BusContext } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, instructeurOf, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);
const adminB = administrateurOf(tenantB);
const instructeurA = instructeurOf(tenantA);

describe('procedures: labels (étiquettes)', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const create = (procedureId: string, name: string, color: string = 'green-menthe', ctx: BusContext = adminA) =>
    svc.request(labelContracts.create, { procedureId, name, color: color as never }, ctx);
  const labelOutbox = (procedureId: string) =>
    svc.sql<{ subject: string; data: { labelId: string; name?: string; color?: string; version: number }; tenant_id: string | null }>(
      `select subject, envelope->'data' as data, envelope->>'tenantId' as tenant_id from procedures.outbox_event where envelope->'data'->>'procedureId' = $1 and subject like '%label%' order by created_at`,
      [procedureId],
    );

  describe('CRUD by an administrateur of the tenant', () => {
    it('creates, lists by name (case and accents ignored), renames, recolours and deletes, each announced with a growing version', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const urgent = await create(procedure.id, '  Urgent  ', 'pink-tuile');
      expect(urgent).toMatchObject({ procedureId: procedure.id, name: 'Urgent', color: 'pink-tuile', version: 1 });
      const aRelancer = await create(procedure.id, 'à relancer', 'blue-ecume');
      const complet = await create(procedure.id, 'Complet', 'green-bourgeon');

      const listed = await svc.request(labelContracts.list, { procedureId: procedure.id }, adminA);
      expect(listed.items.map((label) => label.name)).toEqual(['à relancer', 'Complet', 'Urgent']);

      const renamed = await svc.request(labelContracts.update, { procedureId: procedure.id, labelId: urgent.id, name: 'Très urgent' }, adminA);
      expect(renamed).toMatchObject({ name: 'Très urgent', color: 'pink-tuile', version: 2 });
      const recoloured = await svc.request(labelContracts.update, { procedureId: procedure.id, labelId: urgent.id, color: 'orange-terre-battue' }, adminA);
      expect(recoloured).toMatchObject({ name: 'Très urgent', color: 'orange-terre-battue', version: 3 });
      // Asking for what it already is changes nothing and announces nothing.
      const same = await svc.request(labelContracts.update, { procedureId: procedure.id, labelId: urgent.id, name: 'Très urgent', color: 'orange-terre-battue' }, adminA);
      expect(same.version).toBe(3);
      // Only the case changes: the same label, renamed.
      expect(await svc.request(labelContracts.update, { procedureId: procedure.id, labelId: complet.id, name: 'COMPLET' }, adminA)).toMatchObject({ name: 'COMPLET', version: 2 });

      expect(await svc.request(labelContracts.delete, { procedureId: procedure.id, labelId: aRelancer.id }, adminA)).toEqual({ deleted: true });
      expect((await svc.request(labelContracts.list, { procedureId: procedure.id }, instructeurA)).items.map((label) => label.name)).toEqual(['COMPLET', 'Très urgent']);
      await expect(svc.request(labelContracts.get, { procedureId: procedure.id, labelId: aRelancer.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Étiquette introuvable.' });
      await expect(svc.request(labelContracts.delete, { procedureId: procedure.id, labelId: aRelancer.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const events = await labelOutbox(procedure.id);
      expect(events.map((event) => [event.subject.endsWith(labelEvents.changed.subject) ? 'changed' : 'deleted', event.data.labelId, event.data.version])).toEqual([
        ['changed', urgent.id, 1],
        ['changed', aRelancer.id, 1],
        ['changed', complet.id, 1],
        ['changed', urgent.id, 2],
        ['changed', urgent.id, 3],
        ['changed', complet.id, 2],
        ['deleted', aRelancer.id, 2],
      ]);
      expect(events.every((event) => event.tenant_id === tenantA)).toBe(true);
      expect(events[3]?.data).toMatchObject({ name: 'Très urgent', color: 'pink-tuile' });
    });

    it('refuses a name the procedure has already, whatever its case, accents or spaces; another procedure may have it', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const first = await create(procedure.id, 'Pièce manquante');
      for (const name of ['pièce manquante', 'PIECE MANQUANTE', 'Piece   manquante']) {
        await expect(create(procedure.id, name)).rejects.toMatchObject({ code: 'CONFLICT', fields: { name: 'Ce nom est déjà pris.' } });
      }
      const other = await create(procedure.id, 'Autre');
      await expect(svc.request(labelContracts.update, { procedureId: procedure.id, labelId: other.id, name: 'pièce MANQUANTE' }, adminA)).rejects.toMatchObject({ code: 'CONFLICT', fields: { name: 'Ce nom est déjà pris.' } });
      const elsewhere = await svc.createProcedure(tenantA);
      expect(await create(elsewhere.id, 'Pièce manquante')).toMatchObject({ name: 'Pièce manquante' });
      expect(first.name).toBe('Pièce manquante');
    });

    it('agrees on one label when two administrateurs create the same name at once', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const results = await Promise.allSettled([create(procedure.id, 'Doublon'), create(procedure.id, 'DOUBLON'), create(procedure.id, 'doublon')]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results.filter((candidate) => candidate.status === 'rejected')) expect(result.reason).toMatchObject({ code: 'CONFLICT' });
      expect((await svc.request(labelContracts.list, { procedureId: procedure.id }, adminA)).items).toHaveLength(1);
    });

    it('refuses names and colours out of bounds field by field, never a 500', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const refusals: [unknown, string][] = [
        [{ procedureId: procedure.id, name: '   ', color: 'green-menthe' }, 'name'],
        [{ procedureId: procedure.id, name: 'x'.repeat(51), color: 'green-menthe' }, 'name'],
        [{ procedureId: procedure.id, name: 'a\u0000b', color: 'green-menthe' }, 'name'],
        [{ procedureId: procedure.id, name: 'Rouge', color: 'red' }, 'color'],
        [{ procedureId: procedure.id, name: 'Sans couleur' }, 'color'],
      ];
      for (const [payload, field] of refusals) {
        // The receiving edge checks what a client did not.
        const reply = (await svc.raw(labelContracts.create, JSON.stringify(payload), adminA)) as { error?: { code: string; fields?: Record<string, string> } };
        expect(reply.error?.code).toBe('CONTRACT_VIOLATION');
        expect(Object.keys(reply.error?.fields ?? {})).toContain(field);
      }
      expect(await create(procedure.id, 'x'.repeat(50))).toMatchObject({ name: 'x'.repeat(50) });
    });

    it(`keeps at most ${maxLabelsPerProcedure} labels per procedure`, async () => {
      const procedure = await svc.createProcedure(tenantA);
      await svc.sql(
        `insert into procedures.procedure_label (id, tenant_id, procedure_id, name, name_key, color, version, created_at, updated_at)
         select gen_random_uuid(), $1, $2, 'n' || i, 'n' || i, 'green-menthe', 1, now(), now() from generate_series(1, $3::int) i`,
        [tenantA, procedure.id, maxLabelsPerProcedure],
      );
      await expect(create(procedure.id, 'Une de trop')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { name: `Au plus ${maxLabelsPerProcedure} étiquettes par démarche.` } });
    });
  });

  describe('who may', () => {
    it('lets agents and system callers of the tenant read; only its administrateurs write; outsiders learn nothing', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const label = await create(procedure.id, 'Prioritaire');

      for (const reader of [adminA, instructeurA, systemCaller(tenantA)]) {
        expect((await svc.request(labelContracts.list, { procedureId: procedure.id }, reader)).items).toHaveLength(1);
        expect(await svc.request(labelContracts.get, { procedureId: procedure.id, labelId: label.id }, reader)).toMatchObject({ id: label.id });
      }
      // An instructeur reads but does not write.
      await expect(create(procedure.id, 'Par un instructeur', 'green-menthe', instructeurA)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(labelContracts.update, { procedureId: procedure.id, labelId: label.id, name: 'Non' }, instructeurA)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(labelContracts.delete, { procedureId: procedure.id, labelId: label.id }, instructeurA)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Another tenant, an usager, a system caller of another tenant: the procedure does not exist.
      for (const outsider of [adminB, instructeurOf(tenantB), usager(), systemCaller(tenantB)]) {
        await expect(svc.request(labelContracts.list, { procedureId: procedure.id }, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(svc.request(labelContracts.get, { procedureId: procedure.id, labelId: label.id }, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(create(procedure.id, 'Intrus', 'green-menthe', outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(svc.request(labelContracts.update, { procedureId: procedure.id, labelId: label.id, color: 'blue-ecume' }, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(svc.request(labelContracts.delete, { procedureId: procedure.id, labelId: label.id }, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      expect(await svc.request(labelContracts.get, { procedureId: procedure.id, labelId: label.id }, adminA)).toMatchObject({ name: 'Prioritaire', version: 1 });
    });

    it('does not find a label through another procedure, even of the same tenant', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const other = await svc.createProcedure(tenantA);
      const label = await create(procedure.id, 'À moi');
      await expect(svc.request(labelContracts.get, { procedureId: other.id, labelId: label.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(labelContracts.update, { procedureId: other.id, labelId: label.id, name: 'Volée' }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(labelContracts.delete, { procedureId: other.id, labelId: label.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
