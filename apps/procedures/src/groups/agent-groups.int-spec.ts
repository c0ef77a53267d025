import { randomUUID } from 'node:crypto';
import { agentGroupContracts, groupContracts, groupEvents, type BusContext } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, instructeurOf, systemCaller, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);

/** An instructeur of tenant A known by this address. */
function instructeurWith(email: string, tenantId = tenantA): BusContext {
  const ctx = instructeurOf(tenantId);
  return { ...ctx, actor: { ...ctx.actor!, email } };
}

describe('procedures: the groups of an agent, and the members_changed event', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const ofAgent = (ctx: BusContext) => svc.request(agentGroupContracts.ofAgent, {}, ctx);
  const membersChanged = (procedureId: string) =>
    svc.sql<{ data: { groupId: string; added: string[]; removed: string[] }; tenant_id: string }>(
      `select envelope->'data' as data, envelope->>'tenantId' as tenant_id from procedures.outbox_event where subject = $1 and envelope->'data'->>'procedureId' = $2 order by created_at`,
      [groupEvents.membersChanged.subject, procedureId],
    );

  it('answers the groups of the caller’s address in the request’s tenant, whatever its case, and nothing of other tenants', async () => {
    const first = await svc.createProcedure(tenantA);
    const second = await svc.createProcedure(tenantA);
    const elsewhere = await svc.createProcedure(tenantB);
    const nord = await svc.request(groupContracts.create, { procedureId: first.id, label: 'Nord' }, adminA);
    const sud = await svc.request(groupContracts.create, { procedureId: second.id, label: 'Sud' }, adminA);
    const foreign = await svc.request(groupContracts.create, { procedureId: elsewhere.id, label: 'Ailleurs' }, administrateurOf(tenantB));
    await svc.request(groupContracts.addMembers, { procedureId: first.id, groupId: nord.id, members: [{ email: 'ines@example.fr' }] }, adminA);
    await svc.request(groupContracts.addMembers, { procedureId: second.id, groupId: sud.id, members: [{ email: 'ines@example.fr' }, { email: 'paul@example.fr' }] }, adminA);
    await svc.request(groupContracts.addMembers, { procedureId: elsewhere.id, groupId: foreign.id, members: [{ email: 'ines@example.fr' }] }, administrateurOf(tenantB));

    const { groups } = await ofAgent(instructeurWith('Ines@Example.fr'));
    expect(groups).toHaveLength(2);
    expect(groups).toEqual(expect.arrayContaining([{ groupId: nord.id, procedureId: first.id }, { groupId: sud.id, procedureId: second.id }]));
    expect((await ofAgent(instructeurWith('ines@example.fr', tenantB))).groups).toEqual([{ groupId: foreign.id, procedureId: elsewhere.id }]);
    expect((await ofAgent(instructeurWith('personne@example.fr'))).groups).toEqual([]);

    // A removal counts on the very next question.
    await svc.request(groupContracts.removeMembers, { procedureId: first.id, groupId: nord.id, emails: ['ines@example.fr'] }, adminA);
    expect((await ofAgent(instructeurWith('ines@example.fr'))).groups).toEqual([{ groupId: sud.id, procedureId: second.id }]);
  });

  it('refuses callers who are no agents of the request’s tenant', async () => {
    for (const ctx of [usager(), { actor: instructeurOf(tenantA).actor! }, systemCaller(tenantA), systemCaller(), {}]) {
      await expect(ofAgent(ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('tells the other services which addresses joined or left a group, in the same transaction, for every way of changing members', async () => {
    const procedure = await svc.createProcedure(tenantA);
    const nord = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
    const sud = await svc.request(groupContracts.create, { procedureId: procedure.id, label: 'Sud' }, adminA);
    await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: nord.id, members: [{ email: 'A@example.fr' }, { email: 'b@example.fr' }] }, adminA);
    // Already there: no event.
    await svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: nord.id, members: [{ email: 'a@example.fr' }] }, adminA);
    await svc.request(groupContracts.removeMembers, { procedureId: procedure.id, groupId: nord.id, emails: ['b@example.fr', 'inconnu@example.fr'] }, adminA);
    await svc.request(groupContracts.importCsv, { procedureId: procedure.id, csv: 'groupe;email\nSud;c@example.fr\nEst;d@example.fr\nSud;c@example.fr' }, adminA);
    await svc.request(groupContracts.delete, { procedureId: procedure.id, groupId: nord.id, moveMembersTo: sud.id }, adminA);
    // A refused change tells nothing.
    await expect(svc.request(groupContracts.addMembers, { procedureId: procedure.id, groupId: randomUUID(), members: [{ email: 'e@example.fr' }] }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const events = await membersChanged(procedure.id);
    expect(events.every((event) => event.tenant_id === tenantA)).toBe(true);
    const est = events.find((event) => event.data.added.includes('d@example.fr'))?.data.groupId;
    expect(events.map((event) => event.data)).toEqual([
      { procedureId: procedure.id, groupId: nord.id, added: ['a@example.fr', 'b@example.fr'], removed: [] },
      { procedureId: procedure.id, groupId: nord.id, added: [], removed: ['b@example.fr'] },
      { procedureId: procedure.id, groupId: sud.id, added: ['c@example.fr'], removed: [] },
      { procedureId: procedure.id, groupId: est, added: ['d@example.fr'], removed: [] },
      { procedureId: procedure.id, groupId: sud.id, added: ['a@example.fr'], removed: [] },
      { procedureId: procedure.id, groupId: nord.id, added: [], removed: ['a@example.fr'] },
    ]);
  });
});
