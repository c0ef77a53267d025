import { randomUUID } from 'node:crypto';
import { groupContracts, GuichetError, procedureContracts, type BusContext, type Procedure, type PublicProcedure, type Revision } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { fakeProceduresBus as fakeBus } from '../testing/procedures-bus.double';
import { field } from '../testing/dossier.factories';
import { assertAcceptsSubmission, ProcedureForms } from './procedure-forms.service';

const tenantId = randomUUID();
const procedureId = randomUUID();
const revisionId = randomUUID();


const revision = (id: string = revisionId, fields = [field({ label: 'Nom', type: 'text', mandatory: true })]): Revision => ({ id, procedureId, tenantId, fields, annotations: [], publishedAt: '2024-01-01T00:00:00.000Z' });

function procedure(overrides: Partial<Procedure> = {}): Procedure {
  return {
    id: procedureId,
    tenantId,
    tenantName: 'Préfecture',
    path: 'subvention',
    title: 'Subvention',
    description: '',
    state: 'publiee',
    draftRevision: revision(randomUUID()),
    publishedRevision: revision(),
    mailTemplates: {} as Procedure['mailTemplates'],
    attestationTemplates: [],
    createdAt: '2024-01-01T00:00:00.000Z',
    publishedAt: '2024-01-01T00:00:00.000Z',
    closesAt: null,
    settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
    closure: null,
    ...overrides,
  };
}

const publicProcedure: PublicProcedure = {
  id: procedureId,
  path: 'subvention',
  title: 'Subvention',
  description: '',
  tenant: { id: tenantId, name: 'Préfecture' },
  closesAt: null,
  state: 'publiee',
  serviceContact: null,
  logoFileId: null,
  submissionMessage: '',
  fields: [],
};

describe('ProcedureForms.publishedProcedure', () => {
  const usagerCtx: BusContext = { actor: { accountId: randomUUID(), roles: ['usager'], email: 'u@example.fr' }, traceparent: '00-abc-def-01' };

  it('asks getPublic as the caller, then the procedure as the system of its tenant', async () => {
    const { bus, calls } = fakeBus({ [procedureContracts.getPublic.subject]: () => publicProcedure, [procedureContracts.get.subject]: () => procedure() });
    await expect(new ProcedureForms(bus).publishedProcedure(procedureId, usagerCtx)).resolves.toEqual({ procedureId, tenantId, title: 'Subvention', revisionId });
    expect(calls.map((call) => [call.subject, call.ctx])).toEqual([
      [procedureContracts.getPublic.subject, usagerCtx],
      [procedureContracts.get.subject, { system: 'dossiers', tenantId, traceparent: '00-abc-def-01' }],
    ]);
  });

  it('passes on what getPublic refuses', async () => {
    const { bus, calls } = fakeBus({
      [procedureContracts.getPublic.subject]: () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      },
    });
    await expect(new ProcedureForms(bus).publishedProcedure(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['unpublished in between', procedure({ state: 'depubliee' })],
    ['without a published revision', procedure({ publishedRevision: null })],
  ])('refuses a procedure %s with PROCEDURE_NOT_PUBLISHED', async (_name, answer) => {
    const { bus } = fakeBus({ [procedureContracts.getPublic.subject]: () => publicProcedure, [procedureContracts.get.subject]: () => answer });
    await expect(new ProcedureForms(bus).publishedProcedure(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'PROCEDURE_NOT_PUBLISHED' });
  });

  it.each([
    ['closed in between', procedure({ state: 'close' })],
    ['past its deadline', procedure({ closesAt: '2000-01-01T00:00:00.000Z' })],
  ])('refuses a procedure %s with PROCEDURE_CLOSED', async (_name, answer) => {
    const { bus } = fakeBus({ [procedureContracts.getPublic.subject]: () => publicProcedure, [procedureContracts.get.subject]: () => answer });
    await expect(new ProcedureForms(bus).publishedProcedure(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED' });
  });

  it('refuses a procedure the public read says is closed, without asking further', async () => {
    const closed = { state: 'close', id: procedureId, path: 'subvention', title: 'Subvention', tenant: { id: tenantId, name: 'Préfecture' }, closure: { reason: 'demarche_terminee', details: null, replacementPath: null, closedAt: '2024-01-01T00:00:00.000Z' } };
    const { bus, calls } = fakeBus({ [procedureContracts.getPublic.subject]: () => closed });
    await expect(new ProcedureForms(bus).publishedProcedure(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED', message: 'Cette démarche est close : elle n’accepte plus de nouveaux dossiers.' });
    expect(calls).toHaveLength(1);
  });

  it('accepts a deadline still to come', async () => {
    const { bus } = fakeBus({ [procedureContracts.getPublic.subject]: () => publicProcedure, [procedureContracts.get.subject]: () => procedure({ closesAt: '2999-01-01T00:00:00.000Z' }) });
    await expect(new ProcedureForms(bus).publishedProcedure(procedureId, usagerCtx)).resolves.toMatchObject({ revisionId });
  });
});

describe('ProcedureForms.procedureInTest', () => {
  const tester: BusContext = { actor: { accountId: randomUUID(), roles: ['usager'], email: 't@example.fr' }, traceparent: '00-abc-def-01' };
  const draftId = randomUUID();

  it('reads the procedure as the system (a brouillon is not public) and serves its draft revision', async () => {
    const { bus, calls } = fakeBus({ [procedureContracts.get.subject]: () => procedure({ state: 'brouillon', publishedRevision: null, publishedAt: null, draftRevision: { ...revision(draftId), publishedAt: null } }) });
    await expect(new ProcedureForms(bus).procedureInTest(procedureId, tester)).resolves.toEqual({ procedureId, tenantId, title: 'Subvention', revisionId: draftId });
    expect(calls.map((call) => [call.subject, call.ctx])).toEqual([[procedureContracts.get.subject, { system: 'dossiers', traceparent: '00-abc-def-01' }]]);
  });

  it.each([
    ['published', 'publiee', 'PROCEDURE_NOT_IN_TEST'],
    ['depublished', 'depubliee', 'PROCEDURE_NOT_IN_TEST'],
    ['closed', 'close', 'PROCEDURE_CLOSED'],
  ] as const)('refuses a %s procedure with %s', async (_name, state, code) => {
    const { bus } = fakeBus({ [procedureContracts.get.subject]: () => procedure({ state }) });
    await expect(new ProcedureForms(bus).procedureInTest(procedureId, tester)).rejects.toMatchObject({ code });
  });

  it('passes on NOT_FOUND for an unknown procedure', async () => {
    const { bus } = fakeBus({
      [procedureContracts.get.subject]: () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      },
    });
    await expect(new ProcedureForms(bus).procedureInTest(procedureId, tester)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('assertAcceptsSubmission', () => {
  const now = Date.parse('2026-06-01T12:00:00.000Z');

  it('accepts published, test and depublished procedures before their deadline', () => {
    for (const state of ['publiee', 'brouillon', 'depubliee'] as const) {
      expect(() => assertAcceptsSubmission({ state, closesAt: null }, now)).not.toThrow();
      expect(() => assertAcceptsSubmission({ state, closesAt: '2026-06-01T12:00:01.000Z' }, now)).not.toThrow();
    }
  });

  it('refuses a closed procedure, and one whose deadline has passed (not swept yet), with PROCEDURE_CLOSED', () => {
    expect(() => assertAcceptsSubmission({ state: 'close', closesAt: null }, now)).toThrow(expect.objectContaining({ code: 'PROCEDURE_CLOSED' }) as Error);
    expect(() => assertAcceptsSubmission({ state: 'publiee', closesAt: '2026-06-01T12:00:00.000Z' }, now)).toThrow(
      expect.objectContaining({ code: 'PROCEDURE_CLOSED', message: expect.stringContaining('date limite') as string }) as Error,
    );
  });
});

describe('ProcedureForms.statusOf', () => {
  it('asks the status as the system of the tenant; a silent procedures service is UNAVAILABLE, a refusal passes through', async () => {
    const status = { procedureId, tenantId, state: 'publiee', closesAt: null, settings: procedure().settings };
    const { bus, calls } = fakeBus({ [procedureContracts.getStatus.subject]: () => status });
    await expect(new ProcedureForms(bus).statusOf(procedureId, tenantId, {})).resolves.toEqual(status);
    expect(calls).toEqual([{ subject: procedureContracts.getStatus.subject, payload: { procedureId }, ctx: { system: 'dossiers', tenantId } }]);
    await expect(new ProcedureForms(fakeBus({}).bus).statusOf(procedureId, tenantId, {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const refusing = fakeBus({
      [procedureContracts.getStatus.subject]: () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      },
    });
    await expect(new ProcedureForms(refusing.bus).statusOf(procedureId, tenantId, {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ProcedureForms.formOf', () => {
  it('fetches a revision once as the system of the tenant, then serves it from memory', async () => {
    const { bus, calls } = fakeBus({ [procedureContracts.getRevision.subject]: () => revision() });
    const forms = new ProcedureForms(bus);
    const [first, second] = await Promise.all([forms.formOf(revisionId, tenantId, {}), forms.formOf(revisionId, tenantId, {})]);
    const third = await forms.formOf(revisionId, tenantId, {});
    expect(first).toBe(second);
    expect(third).toBe(first);
    expect(calls).toEqual([{ subject: procedureContracts.getRevision.subject, payload: { revisionId }, ctx: { system: 'dossiers', tenantId } }]);
    expect(first.validateSubmission({}).ok).toBe(false);
  });

  it('asks a draft revision (test dossiers) afresh every time: the administrateur edits it', async () => {
    let label = 'Nom';
    const { bus, calls } = fakeBus({ [procedureContracts.getRevision.subject]: () => ({ ...revision(revisionId, [field({ label, type: 'text', mandatory: true })]), publishedAt: null }) });
    const forms = new ProcedureForms(bus);
    const first = await forms.revisionFormOf(revisionId, tenantId, {});
    label = 'Nom de naissance';
    const second = await forms.revisionFormOf(revisionId, tenantId, {});
    expect(calls).toHaveLength(2);
    expect(first.revision.fields[0]?.label).toBe('Nom');
    expect(second.revision.fields[0]?.label).toBe('Nom de naissance');
  });

  it('does not remember a failure', async () => {
    let attempts = 0;
    const { bus } = fakeBus({
      [procedureContracts.getRevision.subject]: () => {
        attempts += 1;
        if (attempts === 1) throw new GuichetError('TIMEOUT', 'trop long');
        return revision();
      },
    });
    const forms = new ProcedureForms(bus);
    await expect(forms.formOf(revisionId, tenantId, {})).rejects.toMatchObject({ code: 'TIMEOUT' });
    await expect(forms.formOf(revisionId, tenantId, {})).resolves.toBeDefined();
    expect(attempts).toBe(2);
  });

  it('forgets the least recently used forms beyond its bound', async () => {
    const { bus, calls } = fakeBus({ [procedureContracts.getRevision.subject]: (payload) => revision((payload as { revisionId: string }).revisionId) });
    const forms = new ProcedureForms(bus);
    const ids = Array.from({ length: 501 }, () => randomUUID());
    const [first, second] = ids as [string, string];
    await forms.formOf(first, tenantId, {});
    await forms.formOf(second, tenantId, {});
    await forms.formOf(first, tenantId, {});
    for (const id of ids.slice(2)) await forms.formOf(id, tenantId, {});
    const before = calls.length;
    await forms.formOf(first, tenantId, {});
    expect(calls.length).toBe(before);
    await forms.formOf(second, tenantId, {});
    expect(calls.length).toBe(before + 1);
  });
});

describe('ProcedureForms.route', () => {
  const owner: BusContext = { actor: { accountId: randomUUID(), roles: ['usager'], email: 'u@example.fr' }, traceparent: '00-abc-def-01' };
  const groupId = randomUUID();

  it('asks procedures as the dossiers system of the tenant, keeping the trace', async () => {
    const { bus, calls } = fakeBus({ [groupContracts.route.subject]: () => ({ groupId, label: 'Pôle nord' }) });
    await expect(new ProcedureForms(bus).route(procedureId, tenantId, { a: 'x' }, owner)).resolves.toEqual({ id: groupId, label: 'Pôle nord' });
    expect(calls).toEqual([{ subject: groupContracts.route.subject, payload: { procedureId, values: { a: 'x' } }, ctx: { system: 'dossiers', tenantId, traceparent: '00-abc-def-01' } }]);
  });

  it.each(['UNAVAILABLE', 'TIMEOUT', 'INTERNAL'] as const)('turns %s into UNAVAILABLE with a French message', async (code) => {
    const { bus } = fakeBus({
      [groupContracts.route.subject]: () => {
        throw new GuichetError(code, 'x');
      },
    });
    await expect(new ProcedureForms(bus).route(procedureId, tenantId, {}, owner)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('momentanément impossible') });
  });

  it('fails with UNAVAILABLE when nobody answers, and passes other refusals through', async () => {
    await expect(new ProcedureForms(fakeBus({}).bus).route(procedureId, tenantId, {}, owner)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const { bus } = fakeBus({
      [groupContracts.route.subject]: () => {
        throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
      },
    });
    await expect(new ProcedureForms(bus).route(procedureId, tenantId, {}, owner)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
