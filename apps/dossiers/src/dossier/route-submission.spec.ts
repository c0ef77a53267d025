import { randomUUID } from 'node:crypto';
import { GuichetError, groupContracts, procedureContracts, type BusContext, type ProcedureStatus } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { fakeProceduresBus as fakeBus } from '../testing/procedures-bus.double';
import { ProcedureForms } from './procedure-forms.service';

const tenantId = randomUUID();
const procedureId = randomUUID();
const groupId = randomUUID();
const owner: BusContext = { actor: { accountId: randomUUID(), roles: ['usager'], email: 'u@example.fr' }, traceparent: '00-abc-def-01' };
const status: ProcedureStatus = {
  procedureId,
  tenantId,
  state: 'publiee',
  closesAt: null,
  settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
};


describe('ProcedureForms.routeSubmission', () => {
  it('asks the status and the group in one request, as the dossiers system of the tenant, keeping the trace', async () => {
    const { bus, calls } = fakeBus({ [procedureContracts.routeSubmission.subject]: () => ({ status, group: { groupId, label: 'Pôle nord' } }) });
    await expect(new ProcedureForms(bus).routeSubmission(procedureId, tenantId, { a: 'x' }, false, owner)).resolves.toEqual({ status, group: { id: groupId, label: 'Pôle nord' } });
    expect(calls).toEqual([
      { subject: procedureContracts.routeSubmission.subject, payload: { procedureId, values: { a: 'x' }, test: false }, ctx: { system: 'dossiers', tenantId, traceparent: '00-abc-def-01' } },
    ]);
  });

  it('gives no group when procedures does not route the submission', async () => {
    const closed = { ...status, state: 'close' as const };
    const { bus } = fakeBus({ [procedureContracts.routeSubmission.subject]: () => ({ status: closed, group: null }) });
    await expect(new ProcedureForms(bus).routeSubmission(procedureId, tenantId, {}, false, owner)).resolves.toEqual({ status: closed, group: null });
  });

  it('asks the status alone when procedures does not serve that request yet; the group is then asked by the caller', async () => {
    const { bus, calls } = fakeBus({ [procedureContracts.getStatus.subject]: () => status, [groupContracts.route.subject]: () => ({ groupId, label: 'Défaut' }) });
    await expect(new ProcedureForms(bus).routeSubmission(procedureId, tenantId, {}, false, owner)).resolves.toEqual({ status, group: null });
    expect(calls.map((call) => call.subject)).toEqual([procedureContracts.routeSubmission.subject, procedureContracts.getStatus.subject]);
  });

  it('fails with UNAVAILABLE and the submission’s French message when procedures does not answer; passes refusals through', async () => {
    await expect(new ProcedureForms(fakeBus({}).bus).routeSubmission(procedureId, tenantId, {}, false, owner)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('momentanément impossible') as string,
    });
    for (const code of ['TIMEOUT', 'INTERNAL'] as const) {
      const { bus, calls } = fakeBus({
        [procedureContracts.routeSubmission.subject]: () => {
          throw new GuichetError(code, 'x');
        },
      });
      await expect(new ProcedureForms(bus).routeSubmission(procedureId, tenantId, {}, false, owner)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('momentanément impossible') as string });
      expect(calls).toHaveLength(1);
    }
    const refusing = fakeBus({
      [procedureContracts.routeSubmission.subject]: () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      },
    });
    await expect(new ProcedureForms(refusing.bus).routeSubmission(procedureId, tenantId, {}, false, owner)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
