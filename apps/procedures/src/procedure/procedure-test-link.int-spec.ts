import { randomUUID } from 'node:crypto';
import { procedureContracts, testProcedureSchema } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenant = randomUUID();
const admin = administrateurOf(tenant);

describe('procedures: the test link of a procedure in brouillon', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  it('shows any signed-in account the draft form of a brouillon, as it is edited; anonymous callers are refused', async () => {
    const procedure = await svc.createProcedure(tenant, { fields: true });
    const read = await svc.request(procedureContracts.getTest, { path: procedure.path }, usager());
    expect(testProcedureSchema.parse(read)).toMatchObject({ state: 'brouillon', id: procedure.id, path: procedure.path, tenant: { id: tenant }, fields: procedure.draftRevision.fields });

    const added = field({ label: 'Commune', type: 'text' });
    await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [...procedure.draftRevision.fields, added] }, admin);
    const edited = await svc.request(procedureContracts.getTest, { path: procedure.path }, usager());
    expect(edited.state === 'brouillon' && edited.fields.at(-1)).toEqual(added);

    await expect(svc.request(procedureContracts.getTest, { path: procedure.path }, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // The public read still does not show a brouillon.
    await expect(svc.request(procedureContracts.getPublic, { path: procedure.path }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers the public read once published or closed, and not found when depublished or unknown', async () => {
    const procedure = await svc.createProcedure(tenant, { publish: true });
    expect(await svc.request(procedureContracts.getTest, { path: procedure.path }, usager())).toMatchObject({ state: 'publiee', id: procedure.id, fields: procedure.publishedRevision?.fields });
    await svc.request(procedureContracts.close, { procedureId: procedure.id, reason: 'demarche_terminee' }, admin);
    expect(await svc.request(procedureContracts.getTest, { path: procedure.path }, usager())).toMatchObject({ state: 'close', id: procedure.id });

    const depublished = await svc.createProcedure(tenant, { publish: true });
    await svc.request(procedureContracts.depublish, { procedureId: depublished.id }, admin);
    await expect(svc.request(procedureContracts.getTest, { path: depublished.path }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.request(procedureContracts.getTest, { path: 'personne-ne-porte-ce-nom' }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
