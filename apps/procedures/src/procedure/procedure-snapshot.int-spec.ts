import { randomUUID } from 'node:crypto';
import { groupContracts, groupNotices, modelContracts, procedureContracts, procedureNotices } from '@guichet/contracts';
import type { Subscription } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';
import { ProcedureDeadlineSweeper } from './procedure-deadline.sweeper';

const tenantA = randomUUID();
const adminA = administrateurOf(tenantA);
const systemA = systemCaller(tenantA);

/**
 * What the dossiers service keeps of a procedure (`get_snapshot`), and the notice procedures sends
 * after every change of it (`procedure.changed`), received before the change's reply.
 */
describe('procedures: snapshots and change notices', () => {
  let svc: ProceduresUnderTest;
  let subscription: Subscription;
  let membersSubscription: Subscription;
  const noticed: string[] = [];
  const membersNoticed: string[] = [];
  const theme = field({ label: 'Thème', type: 'drop_down_list', options: { choices: ['Sport', 'Culture'] } });

  beforeAll(async () => {
    svc = await startProcedures();
    const { bus } = svc.platform;
    subscription = bus.nc.subscribe(bus.names.wire(procedureNotices.changed.subject), {
      callback: (_error, msg) => noticed.push((msg.json() as { procedureId: string }).procedureId),
    });
    membersSubscription = bus.nc.subscribe(bus.names.wire(groupNotices.membersChanged.subject), {
      callback: (_error, msg) => membersNoticed.push((msg.json() as { tenantId: string }).tenantId),
    });
    await bus.nc.flush();
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    membersSubscription?.unsubscribe();
    await svc?.stop();
  });

  const created = () => svc.request(procedureContracts.create, { title: 'Subventions', path: `instantane-${randomUUID().slice(0, 8)}`, tenantName: 'Préfecture' }, adminA);
  const notices = (procedureId: string) => noticed.filter((id) => id === procedureId).length;

  it('gives the status, title, published revision and routing groups to system callers only', async () => {
    const procedure = await created();
    await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [theme] }, adminA);
    const snapshotOf = () => svc.request(procedureContracts.getSnapshot, { procedureId: procedure.id }, { system: 'dossiers' });
    expect(await snapshotOf()).toEqual({ status: await svc.request(procedureContracts.getStatus, { procedureId: procedure.id }, systemA), title: 'Subventions', publishedRevisionId: null, routing: null });

    const published = await svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA);
    const sport = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Sport', routingRule: { kind: 'comparison', field: theme.stableId, operator: 'eq', value: 'Sport' }, active: true }, adminA);
    const snapshot = await snapshotOf();
    expect(snapshot).toMatchObject({ status: { state: 'publiee', tenantId: tenantA }, publishedRevisionId: published.publishedRevision?.id });
    expect(snapshot.routing?.groups).toEqual([
      expect.objectContaining({ isDefault: true, active: true, routingRule: null }),
      { id: sport.id, label: 'Sport', isDefault: false, active: true, routingRule: { kind: 'comparison', field: theme.stableId, operator: 'eq', value: 'Sport' } },
    ]);
    expect(await svc.request(procedureContracts.getSnapshot, { procedureId: procedure.id }, systemA)).toEqual(snapshot);

    for (const caller of [adminA, usager(), systemCaller(randomUUID())]) {
      await expect(svc.request(procedureContracts.getSnapshot, { procedureId: procedure.id }, caller)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('announces every change another service keeps, before its reply, and nothing for a read', async () => {
    const procedure = await created();
    const id = procedure.id;
    const changes: [string, () => Promise<unknown>][] = [
      ['updateDraft', () => svc.request(procedureContracts.updateDraft, { procedureId: id, fields: [theme] }, adminA)],
      ['setTemplates', () => svc.request(procedureContracts.setTemplates, { procedureId: id, mailTemplates: { ...procedure.mailTemplates, initiated: { subject: 'Reçu', body: 'Bonjour' } } }, adminA)],
      ['publish', () => svc.request(procedureContracts.publish, { procedureId: id }, adminA)],
      ['updateSettings', () => svc.request(procedureContracts.updateSettings, { procedureId: id, declarativeMode: 'accepte' }, adminA)],
      ['create group', () => svc.request(groupContracts.create, { procedureId: id, label: 'Culture', routingRule: null, active: true }, adminA)],
      ['depublish', () => svc.request(procedureContracts.depublish, { procedureId: id }, adminA)],
      ['republish', () => svc.request(procedureContracts.republish, { procedureId: id }, adminA)],
      ['close', () => svc.request(procedureContracts.close, { procedureId: id, reason: 'demarche_terminee' }, adminA)],
    ];
    for (const [name, change] of changes) {
      const before = notices(id);
      await change();
      expect(notices(id), name).toBe(before + 1);
    }
    const groups = await svc.request(groupContracts.list, { procedureId: id }, adminA);
    const culture = groups.items.find((group) => group.label === 'Culture');
    if (culture === undefined) throw new Error('group missing');
    const groupChanges: [string, () => Promise<unknown>][] = [
      ['update group', () => svc.request(groupContracts.update, { procedureId: id, groupId: culture.id, label: 'Culture et patrimoine' }, adminA)],
      ['set a routing rule', () => svc.request(groupContracts.setRoutingRule, { procedureId: id, groupId: culture.id, routingRule: { kind: 'comparison', field: theme.stableId, operator: 'eq', value: 'Culture' } }, adminA)],
      ['reorder', () => svc.request(groupContracts.reorder, { procedureId: id, groupIds: [...groups.items].reverse().map((group) => group.id) }, adminA)],
      ['delete group', () => svc.request(groupContracts.delete, { procedureId: id, groupId: culture.id }, adminA)],
    ];
    for (const [name, change] of groupChanges) {
      const before = notices(id);
      await change();
      expect(notices(id), name).toBe(before + 1);
    }

    const before = notices(id);
    await svc.request(procedureContracts.get, { procedureId: id }, adminA);
    await svc.request(procedureContracts.getStatus, { procedureId: id }, systemA);
    await svc.request(procedureContracts.getSnapshot, { procedureId: id }, systemA);
    await svc.request(groupContracts.list, { procedureId: id }, adminA);
    await svc.request(procedureContracts.routeSubmission, { procedureId: id, values: {}, test: false }, systemA);
    await svc.platform.bus.nc.flush();
    expect(notices(id)).toBe(before);
  });

  it('announces the group set created by a first read or routing, and a closure at the deadline', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    const before = notices(procedure.id);
    await svc.request(groupContracts.route, { procedureId: procedure.id, values: {} }, systemA);
    expect(notices(procedure.id)).toBe(before + 1);
    await svc.request(groupContracts.route, { procedureId: procedure.id, values: {} }, systemA);
    expect(notices(procedure.id)).toBe(before + 1);

    await svc.sql(`update procedures.procedure set closes_at = now() - interval '1 minute' where id = $1`, [procedure.id]);
    const sweeper = svc.platform.apps.get('procedures')?.get(ProcedureDeadlineSweeper);
    await sweeper?.sweep();
    await svc.platform.bus.nc.flush();
    expect(notices(procedure.id)).toBe(before + 2);
  });

  it('announces a change of the tenant’s group members before its reply, and none when nothing changed', async () => {
    const procedure = await svc.createProcedure(tenantA, { publish: true });
    const count = () => membersNoticed.filter((tenantId) => tenantId === tenantA).length;
    const nord = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord', routingRule: null, active: true }, adminA);
    const steps: [string, () => Promise<unknown>, number][] = [
      ['add', () => svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: nord.id, members: [{ email: 'ines@example.fr' }] }, adminA), 1],
      ['add again', () => svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: nord.id, members: [{ email: 'ines@example.fr' }] }, adminA), 0],
      ['remove', () => svc.request(groupContracts.removeMembers, { procedureId: procedure.id, groupId: nord.id, emails: ['ines@example.fr'] }, adminA), 1],
      ['import', () => svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: 'groupe;email\nNord;paul@example.fr\n' }, adminA), 1],
      ['clone with its groups and members', () => svc.request(modelContracts.clone, { sourceProcedureId: procedure.id, path: `clone-${randomUUID().slice(0, 8)}`, tenantName: 'Préfecture', parts: { fields: true, templates: false, groups: true, settings: false, labels: false } }, adminA), 1],
      ['clone without its groups', () => svc.request(modelContracts.clone, { sourceProcedureId: procedure.id, path: `clone-${randomUUID().slice(0, 8)}`, tenantName: 'Préfecture', parts: { fields: true, templates: false, groups: false, settings: false, labels: false } }, adminA), 0],
    ];
    for (const [name, step, expected] of steps) {
      const before = count();
      await step();
      await svc.platform.bus.nc.flush();
      expect(count() - before, name).toBe(expected);
    }
    const groups = await svc.request(groupContracts.list, { procedureId: procedure.id }, adminA);
    const fallback = groups.items.find((group) => group.isDefault);
    const before = count();
    await svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id, moveMembersTo: fallback?.id ?? '' }, adminA);
    expect(count()).toBe(before + 1);
  });
});
