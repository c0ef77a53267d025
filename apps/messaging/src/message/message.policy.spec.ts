import { randomUUID } from 'node:crypto';
import type { Actor, BusContext } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { aDossier } from '../testing/messaging.factories';
import { mayReadThread, threadRoleOf } from './message.policy';

const dossier = aDossier();
const actor = (roles: Actor['roles'], accountId: string = randomUUID()): Actor => ({ accountId, roles, email: 'someone@example.fr' });

describe('message thread policy', () => {
  it('lets the owner write as usager, wherever the request comes from', () => {
    const ctx: BusContext = { actor: actor(['usager'], dossier.usager.accountId) };
    expect(threadRoleOf(ctx, dossier)).toBe('usager');
    expect(mayReadThread(ctx, dossier)).toBe(true);
  });

  it('lets instructeurs and administrateurs of the dossier’s tenant write as instructeur', () => {
    for (const role of ['instructeur', 'administrateur'] as const) {
      const ctx: BusContext = { tenantId: dossier.tenantId, actor: actor([role]) };
      expect(threadRoleOf(ctx, dossier)).toBe('instructeur');
      expect(mayReadThread(ctx, dossier)).toBe(true);
    }
  });

  it('refuses agents of another tenant, other usagers, experts and anonymous callers', () => {
    const refused: BusContext[] = [
      { tenantId: randomUUID(), actor: actor(['instructeur']) },
      { actor: actor(['instructeur']) },
      { tenantId: 'not-a-uuid', actor: actor(['administrateur']) },
      { actor: actor(['usager']) },
      { tenantId: dossier.tenantId, actor: actor(['expert']) },
      {},
    ];
    for (const ctx of refused) {
      expect(threadRoleOf(ctx, dossier)).toBeNull();
      expect(mayReadThread(ctx, dossier)).toBe(false);
    }
  });

  it('lets a service read the thread of its tenant’s dossier, never write in it', () => {
    expect(mayReadThread({ system: 'exports', tenantId: dossier.tenantId }, dossier)).toBe(true);
    expect(threadRoleOf({ system: 'exports', tenantId: dossier.tenantId }, dossier)).toBeNull();
    expect(mayReadThread({ system: 'exports', tenantId: randomUUID() }, dossier)).toBe(false);
    expect(mayReadThread({ system: 'exports' }, dossier)).toBe(false);
  });
});
