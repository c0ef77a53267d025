import { randomUUID } from 'node:crypto';
import { procedureContracts } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);

/** `get_for_new_dossier`: what the dossiers service needs when a usager starts a dossier, in one request. */
describe('procedures: the procedure a new dossier is started on', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const ask = (procedureId: string, ctx = systemCaller()) => svc.request(procedureContracts.getForNewDossier, { procedureId }, ctx);

  it('gives a published procedure’s tenant, title, deadline and published revision to the system', async () => {
    const procedure = await svc.createProcedure(tenantA, { fields: true, publish: true });
    expect(await ask(procedure.id)).toEqual({
      procedureId: procedure.id,
      tenantId: tenantA,
      title: procedure.title,
      state: 'publiee',
      closesAt: null,
      publishedRevisionId: procedure.publishedRevision?.id,
    });
    // A system caller naming the procedure's tenant too.
    expect(await ask(procedure.id, systemCaller(tenantA))).toMatchObject({ procedureId: procedure.id });
  });

  it('gives the deadline, and the status a submission is routed with, as the procedure has them', async () => {
    const procedure = await svc.createProcedure(tenantA, { fields: true, publish: true });
    const closesAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    await svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, closesAt, retentionMonths: 36 }, adminA);
    expect(await ask(procedure.id)).toMatchObject({ closesAt });
    const routed = await svc.request(procedureContracts.routeSubmission, { procedureId: procedure.id, values: {}, test: false }, systemCaller(tenantA));
    expect(routed.status).toMatchObject({ state: 'publiee', closesAt, settings: { retentionMonths: 36 } });
    expect(routed.group).not.toBeNull();
  });

  it('follows the public read: a closed procedure says so; a brouillon, a depublished or an unknown one is not found', async () => {
    const closed = await svc.createProcedure(tenantA, { fields: true, publish: true });
    await svc.request(procedureContracts.close, { procedureId: closed.id, reason: 'demarche_terminee' }, adminA);
    expect(await ask(closed.id)).toMatchObject({ state: 'close' });

    const draft = await svc.createProcedure(tenantA, { fields: true });
    const depublished = await svc.createProcedure(tenantA, { fields: true, publish: true });
    await svc.request(procedureContracts.depublish, { procedureId: depublished.id }, adminA);
    for (const procedureId of [draft.id, depublished.id, randomUUID()]) {
      await expect(ask(procedureId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('answers the system only, and only for its tenant when it names one: the published revision is not public', async () => {
    const procedure = await svc.createProcedure(tenantA, { fields: true, publish: true });
    for (const ctx of [usager(), adminA, administrateurOf(tenantB), systemCaller(tenantB)]) {
      await expect(ask(procedure.id, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
