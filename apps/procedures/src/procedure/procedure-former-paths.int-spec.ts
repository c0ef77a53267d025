import { randomUUID } from 'node:crypto';
import { modelContracts, procedureContracts } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, uniquePath, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);
const adminB = administrateurOf(tenantB);
const pathError = { code: 'CONFLICT', message: 'Cette adresse est déjà utilisée par une autre démarche.', fields: { path: 'Cette adresse est déjà utilisée.' } };

describe('procedures: a path change keeps the old link', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const formerPaths = (procedureId: string) =>
    svc.sql<{ path: string; tenant_id: string }>('select path, tenant_id from procedures.procedure_former_path where procedure_id = $1 order by retired_at, path', [procedureId]);
  const move = (procedureId: string, path: string, ctx = adminA) => svc.request(procedureContracts.updateSettings, { procedureId, path }, ctx);

  it('answers the public read by every former path with the procedure and its current path', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    const second = uniquePath('deuxieme');
    const third = uniquePath('troisieme');
    await move(procedure.id, second);
    const moved = await move(procedure.id, third);
    expect(moved.path).toBe(third);
    expect((await formerPaths(procedure.id)).map((row) => row.path)).toEqual([procedure.path, second]);
    expect((await formerPaths(procedure.id)).every((row) => row.tenant_id === tenantA)).toBe(true);

    for (const path of [procedure.path, second, third]) {
      const read = await svc.request(procedureContracts.getPublic, { path }, usager());
      expect(read).toMatchObject({ state: 'publiee', id: procedure.id, path: third, title: procedure.title });
    }
  });

  it('answers a closed procedure by its former path with the closure, and a depublished one not at all', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    const path = uniquePath('fermee');
    await move(procedure.id, path);
    await svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'demarche_terminee' }, adminA);
    expect(await svc.request(procedureContracts.getPublic, { path: procedure.path }, {})).toMatchObject({ state: 'close', id: procedure.id, path, closure: { reason: 'demarche_terminee' } });

    const other = await svc.createProcedure(tenantA, { publish: true });
    await move(other.id, uniquePath('depubliee'));
    await svc.request(procedureContracts.depublish, { procedureId: other.id }, adminA);
    await expect(svc.request(procedureContracts.getPublic, { path: other.path }, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps a former path reserved: another procedure of any tenant gets the path error at settings, creation and cloning', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    await move(procedure.id, uniquePath('ailleurs'));
    const sameTenant = await svc.createProcedure(tenantA);
    const otherTenant = await svc.createProcedure(tenantB);

    await expect(move(sameTenant.id, procedure.path)).rejects.toMatchObject(pathError);
    await expect(move(otherTenant.id, procedure.path, adminB)).rejects.toMatchObject(pathError);
    await expect(svc.request(procedureContracts.create, { title: 'Une autre démarche', description: '', path: procedure.path, tenantName: 'Autre préfecture' }, adminB)).rejects.toMatchObject(pathError);
    await expect(svc.request(modelContracts.clone, { sourceProcedureId: sameTenant.id, path: procedure.path, tenantName: 'Préfecture de test' }, adminA)).rejects.toMatchObject(pathError);

    // Nothing moved, and the old link still leads to its procedure.
    expect((await svc.request(procedureContracts.get, { procedureId: otherTenant.id }, adminB)).path).toBe(otherTenant.path);
    expect(await svc.request(procedureContracts.getPublic, { path: procedure.path }, {})).toMatchObject({ id: procedure.id });
  });

  it('lets a procedure take back one of its own former paths, which is no longer a former path', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    const temporary = uniquePath('temporaire');
    await move(procedure.id, temporary);
    const back = await move(procedure.id, procedure.path);
    expect(back.path).toBe(procedure.path);
    expect((await formerPaths(procedure.id)).map((row) => row.path)).toEqual([temporary]);
    expect(await svc.request(procedureContracts.getPublic, { path: procedure.path }, {})).toMatchObject({ id: procedure.id, path: procedure.path });
    expect(await svc.request(procedureContracts.getPublic, { path: temporary }, {})).toMatchObject({ id: procedure.id, path: procedure.path });
  });

  it('does not copy former paths into a clone', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    await move(procedure.id, uniquePath('source'));
    const clone = await svc.request(modelContracts.clone, { sourceProcedureId: procedure.id, path: uniquePath('copie'), tenantName: 'Préfecture de test', parts: { fields: true, templates: true, groups: true, settings: true } }, adminA);
    expect(await formerPaths(clone.id)).toEqual([]);
    expect(await formerPaths(procedure.id)).toHaveLength(1);
  });

  it('settles a race between a move away from a path and a creation taking it: the link never leads to two procedures', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    const results = await Promise.allSettled([
      move(procedure.id, uniquePath('depart')),
      svc.request(procedureContracts.create, { title: 'Concurrente', description: '', path: procedure.path, tenantName: 'Autre préfecture' }, adminB),
    ]);
    const [moved, created] = results;
    expect(moved?.status).toBe('fulfilled');
    // Whichever ran first, the path belongs to one procedure only: as current path or as former path.
    const owners = await svc.sql<{ id: string }>(
      'select id from procedures.procedure where path = $1 union all select procedure_id from procedures.procedure_former_path where path = $1',
      [procedure.path],
    );
    expect(owners).toHaveLength(1);
    if (created?.status === 'rejected') expect(created.reason).toMatchObject(pathError);
  });
});
