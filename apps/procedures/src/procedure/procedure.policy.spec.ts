import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { administrateurOf, instructeurOf, systemCaller, usager } from '../testing/procedure.factories';
import { isAgentOf, tenantOf } from '@guichet/platform-access';
import { assertMayCreateProcedure, assertMayEditProcedure, assertMayListProcedures, mayReadProcedure } from './procedure.policy';

const tenantA = randomUUID();
const tenantB = randomUUID();

describe('procedure policy', () => {
  it('ignores a tenant header that is not an id', () => {
    expect(tenantOf({ tenantId: 'not-a-uuid' })).toBeUndefined();
    expect(tenantOf({ tenantId: tenantA })).toBe(tenantA);
  });

  it('lets agents of the tenant and system callers read, no one else', () => {
    expect(mayReadProcedure(administrateurOf(tenantA), tenantA)).toBe(true);
    expect(mayReadProcedure(instructeurOf(tenantA), tenantA)).toBe(true);
    expect(mayReadProcedure(administrateurOf(tenantB), tenantA)).toBe(false);
    expect(mayReadProcedure({ ...usager(), tenantId: tenantA }, tenantA)).toBe(false);
    expect(mayReadProcedure(systemCaller(), tenantA)).toBe(true);
    expect(mayReadProcedure(systemCaller(tenantA), tenantA)).toBe(true);
    expect(mayReadProcedure(systemCaller(tenantB), tenantA)).toBe(false);
    expect(isAgentOf({ tenantId: tenantA }, tenantA)).toBe(false);
  });

  it('lets only administrateurs edit: instructeurs are forbidden, outsiders find nothing', () => {
    expect(() => assertMayEditProcedure(administrateurOf(tenantA), tenantA)).not.toThrow();
    expect(() => assertMayEditProcedure(instructeurOf(tenantA), tenantA)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
    expect(() => assertMayEditProcedure(administrateurOf(tenantB), tenantA)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
    expect(() => assertMayEditProcedure(systemCaller(tenantA), tenantA)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
  });

  it('lets only an administrateur create, in their own tenant', () => {
    expect(assertMayCreateProcedure(administrateurOf(tenantA))).toBe(tenantA);
    expect(() => assertMayCreateProcedure({})).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }) as Error);
    expect(() => assertMayCreateProcedure(usager())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
    expect(() => assertMayCreateProcedure(instructeurOf(tenantA))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
    expect(() => assertMayCreateProcedure({ ...administrateurOf(tenantA), tenantId: 'nope' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
  });

  it('lists for agents and system callers naming a tenant', () => {
    expect(assertMayListProcedures(instructeurOf(tenantA))).toBe(tenantA);
    expect(assertMayListProcedures(systemCaller(tenantA))).toBe(tenantA);
    expect(() => assertMayListProcedures(systemCaller())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
    expect(() => assertMayListProcedures(usager())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as Error);
  });
});
