import { randomUUID } from 'node:crypto';
import { groupContracts, type BusContext } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, instructeurOf, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);

describe('procedures: routing dossiers to instructor groups', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const route = (procedureId: string, values: Record<string, unknown>, ctx: BusContext = systemCaller(tenantA)) => svc.request(groupContracts.route, { procedureId, values }, ctx);

  describe('without rules', () => {
    it('creates the default group on first routing and sends every dossier there', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const first = await route(procedure.id, {});
      expect(first.label).toBe('Groupe par défaut');
      const { items } = await svc.request(groupContracts.list, { procedureId: procedure.id }, adminA);
      expect(items).toEqual([expect.objectContaining({ id: first.groupId, isDefault: true })]);
      await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Sans règle' }, adminA);
      expect(await route(procedure.id, { anything: 'x' })).toEqual(first);
    });

    it('answers system callers with or without a tenant, and the tenant’s agents', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const expected = await route(procedure.id, {});
      for (const ctx of [systemCaller(), adminA, instructeurOf(tenantA)]) expect(await route(procedure.id, {}, ctx)).toEqual(expected);
    });

    it('tells anyone else the procedure does not exist, cached table or not', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      const outsiders: BusContext[] = [systemCaller(tenantB), administrateurOf(tenantB), instructeurOf(tenantB), usager(), {}];
      // Before any table exists (no group set yet), then with the table in memory.
      for (const ctx of outsiders) await expect(route(procedure.id, {}, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Démarche introuvable.' });
      await route(procedure.id, {});
      for (const ctx of outsiders) await expect(route(procedure.id, {}, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Démarche introuvable.' });
      await expect(route(randomUUID(), {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await svc.sql('select 1 from procedures.instructor_group_set where procedure_id = $1', [randomUUID()])).toEqual([]);
    });

    it('refuses malformed payloads', async () => {
      const procedure = await svc.createProcedure(tenantA, { publish: true });
      await expect(svc.raw(groupContracts.route, JSON.stringify({ procedureId: procedure.id }), systemCaller(tenantA))).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(svc.raw(groupContracts.route, JSON.stringify({ procedureId: procedure.id, values: ['a'] }), systemCaller(tenantA))).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(svc.raw(groupContracts.route, JSON.stringify({ procedureId: 'x', values: {} }), systemCaller(tenantA))).resolves.toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    });
  });
});
