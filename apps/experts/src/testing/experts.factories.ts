import { randomUUID } from 'node:crypto';
import type { Actor, BusContext, Dossier } from '@guichet/contracts';

/** Test data for the experts service's tests: what dossiers would answer, and callers. */

export function aDossier(overrides: Partial<Dossier> = {}): Dossier {
  return {
    id: randomUUID(),
    number: 1000 + Math.floor(Math.random() * 1_000_000),
    tenantId: randomUUID(),
    procedureId: randomUUID(),
    procedureTitle: 'Déclaration annuelle des monuments historiques',
    revisionId: randomUUID(),
    state: 'en_instruction',
    test: false,
    usager: { accountId: randomUUID(), email: `usager-${randomUUID().slice(0, 8)}@example.fr`, firstName: 'Amélie', lastName: 'Durand' },
    values: {},
    correctionPending: false,
    motivation: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:30:00.000Z',
    submittedAt: '2026-03-01T09:30:00.000Z',
    decidedAt: null,
    traitements: [],
    ...overrides,
  };
}

export function anActor(roles: Actor['roles'], overrides: Partial<Actor> = {}): Actor {
  const accountId = overrides.accountId ?? randomUUID();
  return { accountId, roles, email: `${roles[0] ?? 'compte'}-${accountId.slice(0, 8)}@example.fr`, name: 'Test', ...overrides };
}

export const anAgentOf = (tenantId: string, role: 'instructeur' | 'administrateur' = 'instructeur'): BusContext => ({ tenantId, actor: anActor([role]) });

/** An expert's account: experts are national accounts, their requests name no tenant. */
export const anExpert = (email: string = `expert-${randomUUID().slice(0, 8)}@example.fr`): BusContext => ({ actor: anActor(['expert'], { email }) });
