import { describe, expect, it } from 'vitest';
import { type GuichetError } from '@guichet/contracts';
import { busContextOf, chooseTenant, defaultTenantOf, rolesOf, type Caller, type MembershipView } from './caller';

const alpha = '0b6f7a0e-4c1d-4e2a-9f3b-1a2b3c4d5e01';
const beta = '0b6f7a0e-4c1d-4e2a-9f3b-1a2b3c4d5e02';
const gamma = '0b6f7a0e-4c1d-4e2a-9f3b-1a2b3c4d5e03';
const memberships: MembershipView[] = [
  { tenantId: beta, tenantName: 'Beta', role: 'instructeur' },
  { tenantId: alpha, tenantName: 'Alpha', role: 'administrateur' },
  { tenantId: alpha, tenantName: 'Alpha', role: 'instructeur' },
];
const plain = { isOperator: false, isExpert: false };

describe('rolesOf', () => {
  it('makes every account an usager, and nothing more without flags or memberships', () => {
    expect(rolesOf(plain, [], null)).toEqual(['usager']);
  });

  it('gives the agent roles of the current tenant only', () => {
    expect(rolesOf(plain, memberships, alpha)).toEqual(['usager', 'administrateur', 'instructeur']);
    expect(rolesOf(plain, memberships, beta)).toEqual(['usager', 'instructeur']);
    expect(rolesOf(plain, memberships, gamma)).toEqual(['usager']);
    expect(rolesOf(plain, memberships, null)).toEqual(['usager']);
  });

  it('adds the national roles from the account flags', () => {
    expect(rolesOf({ isOperator: true, isExpert: true }, [], null)).toEqual(['usager', 'expert', 'operator']);
  });
});

describe('chooseTenant', () => {
  it('keeps the session’s tenant while the caller is still a member of it, else takes the first by name', () => {
    expect(chooseTenant(memberships, beta, undefined)).toEqual({ id: beta, name: 'Beta' });
    // The session's tenant was left: the caller acts in another of theirs rather than in none.
    expect(chooseTenant(memberships, gamma, undefined)).toEqual({ id: alpha, name: 'Alpha' });
    // Made an instructeur while signed in as an usager: the role counts from the next request.
    expect(chooseTenant(memberships, null, undefined)).toEqual({ id: alpha, name: 'Alpha' });
    expect(chooseTenant([], gamma, undefined)).toBeNull();
    expect(chooseTenant([], null, undefined)).toBeNull();
  });

  it('lets the header pick another of the caller’s own tenants', () => {
    expect(chooseTenant(memberships, beta, alpha)).toEqual({ id: alpha, name: 'Alpha' });
  });

  it('refuses a tenant the caller is not a member of (FORBIDDEN) and a malformed header (MALFORMED_REQUEST)', () => {
    expect(() => chooseTenant(memberships, alpha, gamma)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }) as GuichetError);
    expect(() => chooseTenant(memberships, alpha, 'alpha')).toThrow(expect.objectContaining({ code: 'MALFORMED_REQUEST' }) as GuichetError);
    expect(() => chooseTenant(memberships, alpha, '')).toThrow(expect.objectContaining({ code: 'MALFORMED_REQUEST' }) as GuichetError);
  });
});

describe('defaultTenantOf', () => {
  it('starts a session in the first tenant by name, or none', () => {
    expect(defaultTenantOf(memberships)).toBe(alpha);
    expect(defaultTenantOf([])).toBeNull();
  });
});

describe('busContextOf', () => {
  it('sends nothing for an anonymous caller', () => {
    expect(busContextOf(null)).toEqual({});
  });

  it('sends the current tenant and the actor with its display name and roles', () => {
    const caller: Caller = {
      sessionId: 's',
      account: { id: '5d3c2b1a-0f9e-4d8c-b7a6-9e8d7c6b5a40', email: 'agent@example.fr', firstName: 'Dana', lastName: 'Double', isOperator: false, isExpert: false },
      memberships,
      currentTenant: { id: alpha, name: 'Alpha' },
      roles: ['usager', 'administrateur'],
    };
    expect(busContextOf(caller)).toEqual({
      tenantId: alpha,
      actor: { accountId: caller.account.id, email: 'agent@example.fr', name: 'Dana Double', roles: ['usager', 'administrateur'] },
    });
    expect(busContextOf({ ...caller, currentTenant: null })).not.toHaveProperty('tenantId');
  });
});
