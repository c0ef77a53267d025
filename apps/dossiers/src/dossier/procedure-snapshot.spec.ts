import { randomUUID } from 'node:crypto';
import { GuichetError, procedureContracts, type BusContext, type ProcedureSnapshot, type ProcedureStatus } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { fakeProceduresBus } from '../testing/procedures-bus.double';
import { ProcedureForms } from './procedure-forms.service';

const tenantId = randomUUID();
const procedureId = randomUUID();
const revisionId = randomUUID();
const defaultGroup = randomUUID();
const northGroup = randomUUID();
const usagerCtx: BusContext = { actor: { accountId: randomUUID(), roles: ['usager'], email: 'u@example.fr' }, traceparent: '00-abc-def-01' };

const status = (overrides: Partial<ProcedureStatus> = {}): ProcedureStatus => ({
  procedureId,
  tenantId,
  state: 'publiee',
  closesAt: null,
  settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
  ...overrides,
});

/** Dossiers whose « dep » is 59 go to the north group; the others to the default group. */
const snapshot = (overrides: Partial<ProcedureSnapshot> = {}, rule: string = '59'): ProcedureSnapshot => ({
  status: status(),
  title: 'Subvention',
  publishedRevisionId: revisionId,
  routing: {
    version: 3,
    groups: [
      { id: defaultGroup, label: 'Défaut', isDefault: true, active: true, routingRule: null },
      { id: northGroup, label: 'Nord', isDefault: false, active: true, routingRule: { kind: 'comparison', field: 'dep', operator: 'eq', value: rule } },
    ],
  },
  ...overrides,
});

/** A procedures service answering snapshots with `current()`; counts them. */
function procedures(current: () => ProcedureSnapshot | Error) {
  return fakeProceduresBus({
    [procedureContracts.getSnapshot.subject]: () => {
      const answer = current();
      if (answer instanceof Error) throw answer;
      return answer;
    },
  });
}

const snapshotsAsked = (calls: { subject: string }[]) => calls.filter((call) => call.subject === procedureContracts.getSnapshot.subject).length;

describe('ProcedureForms: the procedure kept until procedures announces a change', () => {
  it('starts dossiers from one snapshot, asked as the system without a tenant, keeping the trace', async () => {
    const { bus, calls } = procedures(() => snapshot());
    const forms = new ProcedureForms(bus);
    const started = await Promise.all([forms.procedureForNewDossier(procedureId, usagerCtx), forms.procedureForNewDossier(procedureId, usagerCtx)]);
    await forms.procedureForNewDossier(procedureId, usagerCtx);
    expect(started[0]).toEqual({ procedureId, tenantId, title: 'Subvention', revisionId });
    expect(calls).toEqual([{ subject: procedureContracts.getSnapshot.subject, payload: { procedureId }, ctx: { system: 'dossiers', traceparent: '00-abc-def-01' } }]);
  });

  it('refuses a new dossier by the public read’s rule: closed or past its deadline, else not found unless published', async () => {
    const cases: [Partial<ProcedureSnapshot>, string][] = [
      [{ status: status({ state: 'close' }) }, 'PROCEDURE_CLOSED'],
      [{ status: status({ closesAt: '2000-01-01T00:00:00.000Z' }) }, 'PROCEDURE_CLOSED'],
      [{ status: status({ state: 'brouillon' }) }, 'NOT_FOUND'],
      [{ status: status({ state: 'depubliee' }) }, 'NOT_FOUND'],
      [{ publishedRevisionId: null }, 'NOT_FOUND'],
    ];
    for (const [overrides, code] of cases) {
      const { bus } = procedures(() => snapshot(overrides));
      await expect(new ProcedureForms(bus).procedureForNewDossier(procedureId, usagerCtx)).rejects.toMatchObject({ code });
    }
    const { bus } = procedures(() => snapshot({ status: status({ closesAt: '2999-01-01T00:00:00.000Z' }) }));
    await expect(new ProcedureForms(bus).procedureForNewDossier(procedureId, usagerCtx)).resolves.toMatchObject({ revisionId });
  });

  it('routes submissions with the rules of the snapshot, without asking again', async () => {
    const { bus, calls } = procedures(() => snapshot());
    const forms = new ProcedureForms(bus);
    await expect(forms.routeSubmission(procedureId, tenantId, { dep: ' 59 ' }, false, usagerCtx)).resolves.toEqual({ status: status(), group: { id: northGroup, label: 'Nord' } });
    await expect(forms.routeSubmission(procedureId, tenantId, { dep: '62' }, false, usagerCtx)).resolves.toEqual({ status: status(), group: { id: defaultGroup, label: 'Défaut' } });
    await expect(forms.statusOf(procedureId, tenantId, usagerCtx)).resolves.toEqual(status());
    expect(snapshotsAsked(calls)).toBe(1);
  });

  it('asks again once procedures announces a change of the procedure, or the bus may have missed one', async () => {
    let current = snapshot();
    const { bus, calls, changed, gap } = procedures(() => current);
    const forms = new ProcedureForms(bus);
    await forms.routeSubmission(procedureId, tenantId, { dep: '62' }, false, usagerCtx);

    current = snapshot({ status: status({ state: 'close' }) }, '62');
    changed(randomUUID());
    expect((await forms.statusOf(procedureId, tenantId, usagerCtx)).state).toBe('publiee');
    changed(procedureId);
    await expect(forms.routeSubmission(procedureId, tenantId, { dep: '62' }, false, usagerCtx)).resolves.toEqual({ status: status({ state: 'close' }), group: { id: northGroup, label: 'Nord' } });
    await expect(forms.procedureForNewDossier(procedureId, usagerCtx)).rejects.toMatchObject({ code: 'PROCEDURE_CLOSED' });
    expect(snapshotsAsked(calls)).toBe(2);

    current = snapshot();
    gap();
    expect((await forms.statusOf(procedureId, tenantId, usagerCtx)).state).toBe('publiee');
    expect(snapshotsAsked(calls)).toBe(3);
  });

  it('does not keep a snapshot announced as changed while it was being asked for', async () => {
    let release: (value: ProcedureSnapshot) => void = () => undefined;
    let asked = 0;
    const { bus, changed } = fakeProceduresBus({
      [procedureContracts.getSnapshot.subject]: () => {
        asked += 1;
        return asked === 1 ? new Promise<ProcedureSnapshot>((resolve) => (release = resolve)) : snapshot({ status: status({ state: 'close' }) });
      },
    });
    const forms = new ProcedureForms(bus);
    const first = forms.statusOf(procedureId, tenantId, usagerCtx);
    changed(procedureId);
    release(snapshot());
    expect((await first).state).toBe('publiee');
    expect((await forms.statusOf(procedureId, tenantId, usagerCtx)).state).toBe('close');
    expect(asked).toBe(2);
  });

  it('routes with `route` while the procedure has no group set (the first routing creates it)', async () => {
    const { bus } = procedures(() => snapshot({ routing: null }));
    await expect(new ProcedureForms(bus).routeSubmission(procedureId, tenantId, {}, false, usagerCtx)).resolves.toEqual({ status: status(), group: null });
  });

  it('answers another tenant’s procedure as not found, and keeps no failure', async () => {
    const { bus } = procedures(() => snapshot());
    await expect(new ProcedureForms(bus).routeSubmission(procedureId, randomUUID(), {}, false, usagerCtx)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    let failing = true;
    const flaky = procedures(() => (failing ? new GuichetError('TIMEOUT', 'trop long') : snapshot()));
    const forms = new ProcedureForms(flaky.bus);
    await expect(forms.routeSubmission(procedureId, tenantId, {}, false, usagerCtx)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('momentanément impossible') as string });
    failing = false;
    await expect(forms.routeSubmission(procedureId, tenantId, { dep: '59' }, false, usagerCtx)).resolves.toMatchObject({ group: { id: northGroup } });
    expect(snapshotsAsked(flaky.calls)).toBe(2);
  });
});
