import { randomUUID } from 'node:crypto';
import { groupContracts, procedureContracts } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const adminA = administrateurOf(tenantA);
const system = systemCaller(tenantA);

/** `route_submission`: a submission's status and group in one request (the dossiers service at each submission). */
describe('procedures: routing a submission', () => {
  let svc: ProceduresUnderTest;
  const theme = field({ label: 'Thème', type: 'drop_down_list', options: { choices: ['Sport', 'Culture'] } });

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  async function procedure(publish: boolean) {
    const created = await svc.request(procedureContracts.create, { title: 'Subventions', path: `soumission-${randomUUID().slice(0, 8)}`, tenantName: 'Préfecture' }, adminA);
    await svc.request(procedureContracts.updateDraft, { procedureId: created.id, fields: [theme] }, adminA);
    return publish ? svc.request(procedureContracts.publish, { procedureId: created.id }, adminA) : created;
  }
  const routeSubmission = (procedureId: string, values: Record<string, unknown>, test = false, ctx = system) => svc.request(procedureContracts.routeSubmission, { procedureId, values, test }, ctx);
  const groupSets = async (procedureId: string) => (await svc.sql<{ n: number }>('select count(*)::int as n from procedures.instructor_group_set where procedure_id = $1', [procedureId]))[0]?.n;

  it('answers the status as get_status does, and the group as route does', async () => {
    const published = await procedure(true);
    const sport = await svc.request(groupContracts.create, { procedureId: published.id, label: 'Sport', routingRule: { kind: 'comparison', field: theme.stableId, operator: 'eq', value: 'Sport' }, active: true }, adminA);
    const answer = await routeSubmission(published.id, { [theme.stableId]: 'Sport' });
    expect(answer.status).toEqual(await svc.request(procedureContracts.getStatus, { procedureId: published.id }, system));
    expect(answer.group).toEqual({ groupId: sport.id, label: 'Sport' });
    expect((await routeSubmission(published.id, { [theme.stableId]: 'Culture' })).group).toEqual(await svc.request(groupContracts.route, { procedureId: published.id, values: { [theme.stableId]: 'Culture' } }, system));
  });

  it('routes nothing, and creates no default group, for a submission the procedure does not take', async () => {
    const closed = await procedure(true);
    await svc.request(procedureContracts.close, { procedureId: closed.id, reason: 'demarche_terminee' }, adminA);
    expect(await routeSubmission(closed.id, {})).toMatchObject({ status: { state: 'close' }, group: null });
    expect(await groupSets(closed.id)).toBe(0);

    // A test dossier: routed while its procedure is in brouillon, not once published.
    const draft = await procedure(false);
    expect((await routeSubmission(draft.id, {}, true)).group).toMatchObject({ label: 'Groupe par défaut' });
    const published = await procedure(true);
    expect(await routeSubmission(published.id, {}, true)).toMatchObject({ status: { state: 'publiee' }, group: null });
    expect(await groupSets(published.id)).toBe(0);
  });

  it('answers the same readers as get_status: another tenant, a usager or an unknown procedure are not found', async () => {
    const published = await procedure(true);
    for (const ctx of [systemCaller(randomUUID()), administrateurOf(randomUUID()), usager()]) {
      await expect(routeSubmission(published.id, {}, false, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(routeSubmission(randomUUID(), {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
