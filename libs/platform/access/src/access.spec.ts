import { randomUUID } from 'node:crypto';
import type { Actor, BusContext, Role } from '@guichet/contracts';
import type { DossierState } from '@guichet/dossier-state';
import { describe, expect, it, vi } from 'vitest';
import { narrowScope, scopeIncludes, type AgentScope } from './agent-scope';
import { AgentScopes } from './agent-scopes';
import { isAdministratorOf, isAgentOf, isInstructeurOf, isSystemFor, normalizeEmail, tenantOf } from './caller';

const tenant = randomUUID();
const other = randomUUID();
const groupA = randomUUID();
const groupB = randomUUID();

function actor(roles: Role[]): Actor {
  return { accountId: randomUUID(), roles, email: `Agent.${roles.join('-')}@Example.fr` };
}

/**
 * A bus that answers `procedures.groups.of_agent` with `groupA` and counts the calls; `membersChanged`
 * and `gap` play the notices procedures sends and a lost connection.
 */
function busWithGroups(groupIds: string[] = [groupA]) {
  const request = vi.fn(async () => ({ groups: groupIds.map((groupId) => ({ groupId, procedureId: randomUUID() })) }));
  const listeners: { listener: (data: { tenantId: string }) => void; onGap: () => void }[] = [];
  const listen = (_notice: unknown, listener: (data: { tenantId: string }) => void, onGap: () => void) => listeners.push({ listener, onGap });
  return {
    request,
    scopes: new AgentScopes({ request, listen } as never),
    membersChanged: (tenantId: string) => listeners.forEach(({ listener }) => listener({ tenantId })),
    gap: () => listeners.forEach(({ onGap }) => onGap()),
  };
}

/** [caller, scope for reading, scope for acting] */
const matrix: [string, BusContext, AgentScope | undefined, AgentScope | undefined][] = [
  ['instructeur of the tenant', { tenantId: tenant, actor: actor(['instructeur']) }, { kind: 'groups', tenantId: tenant, groupIds: [groupA] }, { kind: 'groups', tenantId: tenant, groupIds: [groupA] }],
  ['administrateur of the tenant', { tenantId: tenant, actor: actor(['administrateur']) }, { kind: 'tenant', tenantId: tenant }, undefined],
  ['administrateur and instructeur', { tenantId: tenant, actor: actor(['administrateur', 'instructeur']) }, { kind: 'tenant', tenantId: tenant }, { kind: 'groups', tenantId: tenant, groupIds: [groupA] }],
  ['system naming the tenant', { tenantId: tenant, system: 'experts' }, { kind: 'system', tenantId: tenant }, { kind: 'system', tenantId: tenant }],
  ['system naming no tenant', { system: 'experts' }, undefined, undefined],
  ['system naming a malformed tenant', { tenantId: 'tenant-a', system: 'experts' }, undefined, undefined],
  ['a service claiming to be the system for an actor', { tenantId: tenant, system: 'experts', actor: actor(['usager']) }, undefined, undefined],
  ['instructeur without a tenant', { actor: actor(['instructeur']) }, undefined, undefined],
  ['instructeur with a malformed tenant', { tenantId: 'x', actor: actor(['instructeur']) }, undefined, undefined],
  ['usager', { actor: actor(['usager']) }, undefined, undefined],
  ['usager naming a tenant', { tenantId: tenant, actor: actor(['usager']) }, undefined, undefined],
  ['expert naming a tenant', { tenantId: tenant, actor: actor(['expert']) }, undefined, undefined],
  ['operator naming a tenant', { tenantId: tenant, actor: actor(['operator']) }, undefined, undefined],
  ['anonymous', {}, undefined, undefined],
];

describe('agent scopes', () => {
  it.each(matrix)('%s', async (_name, ctx, reading, acting) => {
    const { scopes } = busWithGroups();
    expect(await scopes.forReading(ctx)).toEqual(reading);
    expect(await scopes.forActing(ctx)).toEqual(acting);
  });

  it('asks procedures for the groups as the caller once, until procedures announces a change of the tenant’s members', async () => {
    const { request, scopes, membersChanged, gap } = busWithGroups();
    const ctx: BusContext = { tenantId: tenant, actor: actor(['instructeur']) };
    await scopes.forActing(ctx);
    await scopes.forActing({ ...ctx, actor: { ...actor(['instructeur']), email: ctx.actor?.email.toUpperCase() ?? '' } });
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0]).toEqual([expect.objectContaining({ subject: 'procedures.groups.of_agent' }), {}, ctx]);
    await scopes.forActing({ tenantId: tenant, actor: actor(['instructeur', 'administrateur']) });
    expect(request).toHaveBeenCalledTimes(2);

    membersChanged(other);
    await scopes.forActing(ctx);
    expect(request).toHaveBeenCalledTimes(2);
    membersChanged(tenant);
    await scopes.forActing(ctx);
    expect(request).toHaveBeenCalledTimes(3);
    gap();
    await scopes.forActing(ctx);
    expect(request).toHaveBeenCalledTimes(4);
  });

  it('never asks for the groups of a caller who is no instructeur', async () => {
    const { request, scopes } = busWithGroups();
    await scopes.forReading({ tenantId: tenant, actor: actor(['administrateur']) });
    await scopes.forActing({ tenantId: tenant, actor: actor(['usager']) });
    await scopes.forReading({ tenantId: tenant, system: 'exports' });
    expect(request).not.toHaveBeenCalled();
  });
});

describe('scope rule', () => {
  const dossier = (state: DossierState, groupId: string | null = groupA, tenantId = tenant) => ({ tenantId, groupId, state });
  const groups: AgentScope = { kind: 'groups', tenantId: tenant, groupIds: [groupA] };
  const admin: AgentScope = { kind: 'tenant', tenantId: tenant };
  const system: AgentScope = { kind: 'system', tenantId: tenant };

  it('gives an instructeur the submitted dossiers of their groups only', () => {
    expect(scopeIncludes(groups, dossier('en_construction'))).toBe(true);
    expect(scopeIncludes(groups, dossier('accepte'))).toBe(true);
    expect(scopeIncludes(groups, dossier('en_construction', groupB))).toBe(false);
    expect(scopeIncludes(groups, dossier('en_construction', null))).toBe(false);
    expect(scopeIncludes(groups, dossier('en_instruction', groupA, other))).toBe(false);
  });

  it('keeps brouillons from every agent, administrateurs included; the system sees them', () => {
    expect(scopeIncludes(groups, dossier('brouillon'))).toBe(false);
    expect(scopeIncludes(admin, dossier('brouillon', null))).toBe(false);
    expect(scopeIncludes(admin, dossier('en_instruction', groupB))).toBe(true);
    expect(scopeIncludes(system, dossier('brouillon', null))).toBe(true);
    expect(scopeIncludes(system, dossier('brouillon', null, other))).toBe(false);
  });

  it('narrows a scope to some groups, never widens it', () => {
    expect(narrowScope(groups, [groupA, groupB])).toEqual({ kind: 'groups', tenantId: tenant, groupIds: [groupA] });
    expect(narrowScope(groups, [groupB])).toEqual({ kind: 'groups', tenantId: tenant, groupIds: [] });
    expect(narrowScope(admin, [groupB, groupB])).toEqual({ kind: 'groups', tenantId: tenant, groupIds: [groupB] });
    expect(narrowScope(system, undefined)).toBe(system);
  });
});

describe('caller checks', () => {
  it('counts a role only in the tenant the request is made in', () => {
    const ctx: BusContext = { tenantId: tenant, actor: actor(['instructeur']) };
    expect(isAgentOf(ctx, tenant)).toBe(true);
    expect(isAgentOf(ctx, other)).toBe(false);
    expect(isInstructeurOf(ctx, other)).toBe(false);
    expect(isAdministratorOf(ctx, tenant)).toBe(false);
    expect(isSystemFor({ tenantId: tenant, system: 'exports' }, other)).toBe(false);
  });

  it('ignores a tenant header that is not a uuid', () => {
    expect(tenantOf({ tenantId: 'not-a-uuid' })).toBeUndefined();
    expect(tenantOf({ tenantId: tenant })).toBe(tenant);
  });

  it('compares addresses whatever their case', () => {
    expect(normalizeEmail('  Agent.X@Example.FR ')).toBe('agent.x@example.fr');
  });
});

describe('scope of one procedure', () => {
  it('keeps the instructeur’s groups of that procedure only', async () => {
    const procedureId = randomUUID();
    const request = vi.fn(async () => ({ groups: [{ groupId: groupA, procedureId }, { groupId: groupB, procedureId: randomUUID() }] }));
    const scopes = new AgentScopes({ request, listen: () => undefined } as never);
    expect(await scopes.forReadingProcedure({ tenantId: tenant, actor: actor(['instructeur']) }, procedureId)).toEqual({ kind: 'groups', tenantId: tenant, groupIds: [groupA] });
    expect(await scopes.forReadingProcedure({ tenantId: tenant, actor: actor(['administrateur']) }, procedureId)).toEqual({ kind: 'tenant', tenantId: tenant });
    expect(await scopes.forReadingProcedure({ tenantId: tenant, actor: actor(['usager']) }, procedureId)).toBeUndefined();
  });
});
