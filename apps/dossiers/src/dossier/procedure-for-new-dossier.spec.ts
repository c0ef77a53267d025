import { randomUUID } from 'node:crypto';
import { GuichetError, procedureContracts, type BusContext, type Procedure, type ProcedureForNewDossier, type PublicProcedure, type Revision } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { fakeProceduresBus as fakeBus } from '../testing/procedures-bus.double';
import { ProcedureForms } from './procedure-forms.service';

const tenantId = randomUUID();
const procedureId = randomUUID();
const revisionId = randomUUID();


const forNewDossier = (overrides: Partial<ProcedureForNewDossier> = {}): ProcedureForNewDossier => ({
  procedureId,
  tenantId,
  title: 'Subvention',
  state: 'publiee',
  closesAt: null,
  publishedRevisionId: revisionId,
  ...overrides,
});

const usagerCtx: BusContext = { actor: { accountId: randomUUID(), roles: ['usager'], email: 'u@example.fr' }, traceparent: '00-abc-def-01' };

describe('ProcedureForms.procedureForNewDossier, asked of a procedures service that keeps no snapshot', () => {
  it('asks procedures once, as the system (no tenant is known yet), keeping the trace', async () => {
    const { bus, calls } = fakeBus({ [procedureContracts.getForNewDossier.subject]: () => forNewDossier() });
    await expect(new ProcedureForms(bus).procedureForNewDossier(procedureId, usagerCtx)).resolves.toEqual({ procedureId, tenantId, title: 'Subvention', revisionId });
    expect(calls).toEqual([{ subject: procedureContracts.getForNewDossier.subject, payload: { procedureId }, ctx: { system: 'dossiers', traceparent: '00-abc-def-01' } }]);
  });

  it('passes on NOT_FOUND (a brouillon, a depublished or unknown procedure) without asking further', async () => {
    const { bus, calls } = fakeBus({
      [procedureContracts.getForNewDossier.subject]: () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      },
    });
    await expect(new ProcedureForms(bus).procedureForNewDossier(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toHaveLength(1);
  });

  it('refuses a closed procedure, and one past its deadline, with PROCEDURE_CLOSED', async () => {
    const closed = fakeBus({ [procedureContracts.getForNewDossier.subject]: () => forNewDossier({ state: 'close' }) });
    await expect(new ProcedureForms(closed.bus).procedureForNewDossier(procedureId, usagerCtx)).rejects.toMatchObject({
      code: 'PROCEDURE_CLOSED',
      message: 'Cette démarche est close : elle n’accepte plus de nouveaux dossiers.',
    });
    const late = fakeBus({ [procedureContracts.getForNewDossier.subject]: () => forNewDossier({ closesAt: '2000-01-01T00:00:00.000Z' }) });
    await expect(new ProcedureForms(late.bus).procedureForNewDossier(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED', message: expect.stringContaining('date limite') as string });
  });

  it('accepts a deadline still to come; refuses a published procedure without a published revision (PROCEDURE_NOT_PUBLISHED)', async () => {
    const later = fakeBus({ [procedureContracts.getForNewDossier.subject]: () => forNewDossier({ closesAt: '2999-01-01T00:00:00.000Z' }) });
    await expect(new ProcedureForms(later.bus).procedureForNewDossier(procedureId, usagerCtx)).resolves.toMatchObject({ revisionId });
    const none = fakeBus({ [procedureContracts.getForNewDossier.subject]: () => forNewDossier({ publishedRevisionId: null }) });
    await expect(new ProcedureForms(none.bus).procedureForNewDossier(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'PROCEDURE_NOT_PUBLISHED' });
  });

  it('asks the former way (public read as the caller, then the procedure as the system) when procedures does not serve that request yet', async () => {
    const revision: Revision = { id: revisionId, procedureId, tenantId, fields: [], annotations: [], publishedAt: '2024-01-01T00:00:00.000Z' };
    const publicRead: PublicProcedure = { id: procedureId, path: 'subvention', title: 'Subvention', description: '', tenant: { id: tenantId, name: 'Préfecture' }, closesAt: null, state: 'publiee', serviceContact: null, logoFileId: null, submissionMessage: '', fields: [] };
    const procedure = { id: procedureId, tenantId, title: 'Subvention', state: 'publiee', closesAt: null, publishedRevision: revision } as unknown as Procedure;
    const { bus, calls } = fakeBus({ [procedureContracts.getPublic.subject]: () => publicRead, [procedureContracts.get.subject]: () => procedure });
    await expect(new ProcedureForms(bus).procedureForNewDossier(procedureId, usagerCtx)).resolves.toEqual({ procedureId, tenantId, title: 'Subvention', revisionId });
    expect(calls.map((call) => call.subject)).toEqual([procedureContracts.getForNewDossier.subject, procedureContracts.getPublic.subject, procedureContracts.get.subject]);
  });

  it('does not ask again after a timeout: the request may have been seen', async () => {
    const { bus, calls } = fakeBus({
      [procedureContracts.getForNewDossier.subject]: () => {
        throw new GuichetError('TIMEOUT', 'trop long');
      },
    });
    await expect(new ProcedureForms(bus).procedureForNewDossier(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(calls).toHaveLength(1);
  });
});
