import { randomUUID } from 'node:crypto';
import { GuichetError, type Label } from '@guichet/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { DossierLabelsRepository, LabelRow } from './dossier-labels.repository';
import { LabelReplica } from './label-replica.service';

const tenantId = randomUUID();
const procedureId = randomUUID();
const labelId = randomUUID();
const ctx = { tenantId, actor: { accountId: randomUUID(), roles: ['instructeur' as const], email: 'agent@example.fr' } };

const row = (overrides: Partial<LabelRow> = {}): LabelRow => ({ id: labelId, tenantId, procedureId, name: 'Urgent', color: 'pink-tuile', version: 1, deleted: false, ...overrides });
const fetched = (overrides: Partial<Label> = {}): Label => ({ id: labelId, procedureId, name: 'Urgent', color: 'pink-tuile', version: 2, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), ...overrides });

/** A replica over a mocked repository (`rows`: what successive findLabel calls answer) and a mocked bus. */
function replicaWith(rows: (LabelRow | null)[], answer: () => Promise<Label>) {
  const findLabel = vi.fn(async () => rows.shift() ?? null);
  const applyChange = vi.fn(async () => true);
  const request = vi.fn(answer);
  const replica = new LabelReplica({ findLabel, applyChange } as unknown as DossierLabelsRepository, { request } as never);
  return { replica, findLabel, applyChange, request };
}

describe('the label replica, for a dossier of a procedure', () => {
  it('answers from the replica without asking procedures', async () => {
    const { replica, request } = replicaWith([row()], () => Promise.reject(new Error('not asked')));
    expect(await replica.forProcedure(tenantId, procedureId, labelId, ctx)).toMatchObject({ id: labelId, name: 'Urgent' });
    expect(request).not.toHaveBeenCalled();
  });

  it('refuses a label the replica knows of another procedure, or deleted', async () => {
    expect(await replicaWith([row({ procedureId: randomUUID() })], () => Promise.reject(new Error('not asked'))).replica.forProcedure(tenantId, procedureId, labelId, ctx)).toBeNull();
    expect(await replicaWith([row({ deleted: true })], () => Promise.reject(new Error('not asked'))).replica.forProcedure(tenantId, procedureId, labelId, ctx)).toBeNull();
  });

  it('asks procedures, as itself for the dossier’s tenant and procedure, when the replica does not know the label; keeps what it gets', async () => {
    const { replica, request, applyChange } = replicaWith([null, row({ version: 2 })], async () => fetched());
    expect(await replica.forProcedure(tenantId, procedureId, labelId, { ...ctx, traceparent: '00-abc-def-01' })).toMatchObject({ version: 2 });
    expect(request).toHaveBeenCalledWith(expect.objectContaining({ subject: 'procedures.labels.get' }), { procedureId, labelId }, { system: 'dossiers', tenantId, traceparent: '00-abc-def-01' });
    expect(applyChange).toHaveBeenCalledWith({ id: labelId, tenantId, procedureId, name: 'Urgent', color: 'pink-tuile', version: 2 });
  });

  it('refuses a label procedures does not find for that procedure; passes any other failure on', async () => {
    const missing = replicaWith([null], () => Promise.reject(new GuichetError('NOT_FOUND', 'Étiquette introuvable.')));
    expect(await missing.replica.forProcedure(tenantId, procedureId, labelId, ctx)).toBeNull();
    expect(missing.applyChange).not.toHaveBeenCalled();
    const down = replicaWith([null], () => Promise.reject(new GuichetError('UNAVAILABLE', 'Service indisponible.')));
    await expect(down.replica.forProcedure(tenantId, procedureId, labelId, ctx)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
