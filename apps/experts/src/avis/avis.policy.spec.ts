import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anActor, anAgentOf, anExpert } from '../testing/experts.factories';
import { isAgentOf, normalizeEmail } from '@guichet/platform-access';
import { visibleAvisOf } from './avis.policy';

const tenantId = randomUUID();
const avis = [
  { id: 'a', expertEmail: 'alice@example.fr', confidential: false },
  { id: 'b', expertEmail: 'bruno@example.fr', confidential: true },
  { id: 'c', expertEmail: 'chloe@example.fr', confidential: false },
];
const ids = (items: { id: string }[] | null) => items?.map((item) => item.id) ?? null;

describe('avis visibility', () => {
  it('shows every avis, confidential ones included, to the tenant’s agents and services', () => {
    expect(ids(visibleAvisOf(anAgentOf(tenantId), tenantId, avis))).toEqual(['a', 'b', 'c']);
    expect(ids(visibleAvisOf(anAgentOf(tenantId, 'administrateur'), tenantId, avis))).toEqual(['a', 'b', 'c']);
    expect(ids(visibleAvisOf({ system: 'exports', tenantId }, tenantId, avis))).toEqual(['a', 'b', 'c']);
  });

  it('shows an expert their own avis and the other experts’ non-confidential ones, whatever the case of the address', () => {
    expect(ids(visibleAvisOf(anExpert('Bruno@Example.fr'), tenantId, avis))).toEqual(['a', 'b', 'c']);
    expect(ids(visibleAvisOf(anExpert('alice@example.fr'), tenantId, avis))).toEqual(['a', 'c']);
  });

  it('shows nothing (NOT_FOUND) to the usager, agents of another tenant, other accounts and anonymous callers', () => {
    expect(visibleAvisOf({ actor: anActor(['usager']) }, tenantId, avis)).toBeNull();
    expect(visibleAvisOf(anAgentOf(randomUUID()), tenantId, avis)).toBeNull();
    expect(visibleAvisOf({ actor: anActor(['instructeur']) }, tenantId, avis)).toBeNull();
    expect(visibleAvisOf({ system: 'exports', tenantId: randomUUID() }, tenantId, avis)).toBeNull();
    expect(visibleAvisOf({}, tenantId, avis)).toBeNull();
    // A usager sees nothing even when no avis was asked: no way to tell "none" from "hidden".
    expect(visibleAvisOf({ actor: anActor(['usager']) }, tenantId, [])).toBeNull();
    expect(visibleAvisOf(anAgentOf(tenantId), tenantId, [])).toEqual([]);
  });

  it('counts agent roles only in the tenant the request is made in', () => {
    expect(isAgentOf(anAgentOf(tenantId), tenantId)).toBe(true);
    expect(isAgentOf({ tenantId, actor: anActor(['usager', 'expert']) }, tenantId)).toBe(false);
    expect(isAgentOf({ tenantId: 'pas-un-uuid', actor: anActor(['instructeur']) }, 'pas-un-uuid')).toBe(false);
  });

  it('compares addresses without case or surrounding blanks', () => {
    expect(normalizeEmail('  Expert@Example.FR ')).toBe('expert@example.fr');
  });
});
