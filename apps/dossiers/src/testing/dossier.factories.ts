import { randomUUID } from 'node:crypto';
import type { Actor, BusContext, FieldDefinition, Role } from '@guichet/contracts';

/** Test data for the dossiers service: callers and form fields. */

export function actor(roles: Role[], overrides: Partial<Actor> = {}): Actor {
  const accountId = randomUUID();
  return { accountId, roles, email: `${roles[0] ?? 'compte'}-${accountId.slice(0, 8)}@example.fr`, ...overrides };
}

export const usager = (): BusContext => ({ actor: actor(['usager']) });
export const instructeurOf = (tenantId: string): BusContext => ({ tenantId, actor: actor(['instructeur']) });
export const administrateurOf = (tenantId: string): BusContext => ({ tenantId, actor: actor(['administrateur']) });
/** An expert acting with their own account: only the experts service may vouch for them. */
export const expert = (tenantId?: string): BusContext => ({ ...(tenantId !== undefined ? { tenantId } : {}), actor: actor(['expert']) });
export const systemOf = (system: string, tenantId?: string): BusContext => ({ system, ...(tenantId !== undefined ? { tenantId } : {}) });

export const aUsagerIdentity = () => ({ email: 'ignored@example.fr', firstName: 'Amélie', lastName: 'Durand' });

export function field(overrides: Partial<FieldDefinition> & Pick<FieldDefinition, 'label' | 'type'>): FieldDefinition {
  return { stableId: randomUUID(), description: '', mandatory: false, options: {}, ...overrides };
}

/** A small subsidy form: one field of most types, some mandatory. */
export function subsidyForm() {
  const fields = {
    section: field({ label: 'L’association', type: 'header_section' }),
    name: field({ label: 'Nom de l’association', type: 'text', mandatory: true, options: { maxLength: 100 } }),
    email: field({ label: 'Courriel de contact', type: 'email', mandatory: true }),
    phone: field({ label: 'Téléphone', type: 'phone' }),
    members: field({ label: 'Nombre d’adhérents', type: 'integer_number', options: { min: 1, max: 100_000 } }),
    budget: field({ label: 'Budget', type: 'decimal_number', mandatory: true }),
    kind: field({ label: 'Type de projet', type: 'drop_down_list', mandatory: true, options: { choices: ['Culture', 'Sport', 'Solidarité'] } }),
    founded: field({ label: 'Date de création', type: 'date' }),
    honour: field({ label: 'J’atteste sur l’honneur', type: 'checkbox', mandatory: true }),
    files: field({ label: 'Statuts', type: 'piece_justificative', mandatory: true }),
  };
  const complete = {
    [fields.name.stableId]: 'Les Amis du Patrimoine',
    [fields.email.stableId]: 'contact@amis-patrimoine.fr',
    [fields.phone.stableId]: '06 12 34 56 78',
    [fields.members.stableId]: 120,
    [fields.budget.stableId]: '1 500,50',
    [fields.kind.stableId]: 'Culture',
    [fields.founded.stableId]: '1998-05-14',
    [fields.honour.stableId]: true,
    [fields.files.stableId]: [{ fileId: randomUUID(), fileName: 'statuts.pdf' }],
  };
  return { fields, list: Object.values(fields), complete };
}
