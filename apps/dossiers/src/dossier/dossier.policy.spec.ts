import { randomUUID } from 'node:crypto';
import type { BusContext } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { actor } from '../testing/dossier.factories';
import { isAgentOf, isInstructeurOf, isSystemFor, readableTenantOf, tenantOf, transitionRoleOf } from './dossier.policy';

const tenant = randomUUID();
const other = randomUUID();

/** [caller, tenant it may read, role it may move dossiers with] */
const matrix: [string, BusContext, string | undefined, { tenantId: string; role: string } | undefined][] = [
  ['instructeur of the tenant', { tenantId: tenant, actor: actor(['instructeur']) }, tenant, { tenantId: tenant, role: 'instructeur' }],
  ['administrateur of the tenant', { tenantId: tenant, actor: actor(['administrateur']) }, tenant, undefined],
  ['administrateur and instructeur', { tenantId: tenant, actor: actor(['administrateur', 'instructeur']) }, tenant, { tenantId: tenant, role: 'instructeur' }],
  ['system naming the tenant', { tenantId: tenant, system: 'experts' }, tenant, { tenantId: tenant, role: 'system' }],
  ['system naming no tenant', { system: 'experts' }, undefined, undefined],
  ['system naming a malformed tenant', { tenantId: 'tenant-a', system: 'experts' }, undefined, undefined],
  ['instructeur without a tenant', { actor: actor(['instructeur']) }, undefined, undefined],
  ['instructeur with a malformed tenant', { tenantId: 'x', actor: actor(['instructeur']) }, undefined, undefined],
  ['usager', { actor: actor(['usager']) }, undefined, undefined],
  ['usager naming a tenant', { tenantId: tenant, actor: actor(['usager']) }, undefined, undefined],
  ['expert naming a tenant', { tenantId: tenant, actor: actor(['expert']) }, undefined, undefined],
  ['operator naming a tenant', { tenantId: tenant, actor: actor(['operator']) }, undefined, undefined],
  ['anonymous', {}, undefined, undefined],
];

describe('dossier policy', () => {
  it.each(matrix)('%s', (_name, ctx, readable, mover) => {
    expect(readableTenantOf(ctx)).toBe(readable);
    expect(transitionRoleOf(ctx)).toEqual(mover);
  });

  it('counts a role only in the tenant the request is made in', () => {
    const ctx: BusContext = { tenantId: tenant, actor: actor(['instructeur']) };
    expect(isAgentOf(ctx, tenant)).toBe(true);
    expect(isAgentOf(ctx, other)).toBe(false);
    expect(isInstructeurOf(ctx, other)).toBe(false);
    expect(isSystemFor({ tenantId: tenant, system: 'exports' }, other)).toBe(false);
  });

  it('ignores a tenant header that is not a uuid', () => {
    expect(tenantOf({ tenantId: 'not-a-uuid' })).toBeUndefined();
    expect(tenantOf({ tenantId: tenant })).toBe(tenant);
  });
});
