import { randomUUID } from 'node:crypto';
import { mailTemplateKinds, type Actor, type Dossier, type FieldDefinition, type Procedure } from '@guichet/contracts';

/** Test data for the exports service's integration tests. */

export function agent(role: 'instructeur' | 'administrateur' = 'instructeur'): Actor {
  const accountId = randomUUID();
  return { accountId, roles: [role], email: `${role}-${accountId.slice(0, 8)}@example.gouv.fr` };
}

export function usager(): Actor {
  const accountId = randomUUID();
  return { accountId, roles: ['usager'], email: `usager-${accountId.slice(0, 8)}@example.fr` };
}

export function field(overrides: Partial<FieldDefinition> & Pick<FieldDefinition, 'type' | 'label'>): FieldDefinition {
  return { stableId: randomUUID(), description: '', mandatory: false, options: {}, ...overrides };
}

export function procedure(tenantId: string, fields: FieldDefinition[]): Procedure {
  const id = randomUUID();
  const published = { id: randomUUID(), procedureId: id, tenantId, fields, annotations: [], publishedAt: '2026-01-01T00:00:00.000Z' };
  return {
    id,
    tenantId,
    tenantName: 'Métropole de Lyon',
    path: `pass-ete-${id.slice(0, 8)}`,
    title: 'Pass été',
    description: '',
    state: 'publiee',
    draftRevision: { ...published, id: randomUUID(), publishedAt: null },
    publishedRevision: published,
    mailTemplates: Object.fromEntries(mailTemplateKinds.map((kind) => [kind, { subject: `Dossier (${kind})`, body: 'Bonjour.' }])) as Procedure['mailTemplates'],
    attestationTemplates: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2026-01-01T00:00:00.000Z',
    closesAt: null,
    settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
    closure: null,
  };
}

const defaultGroups = new Map<string, string>();

/** The group a procedure's dossiers are routed to unless told otherwise (one per procedure). */
export function defaultGroupOf(proc: Pick<Procedure, 'id'>): string {
  let groupId = defaultGroups.get(proc.id);
  if (groupId === undefined) {
    groupId = randomUUID();
    defaultGroups.set(proc.id, groupId);
  }
  return groupId;
}

export function dossier(proc: Procedure, number: number, overrides: Partial<Dossier> = {}): Dossier {
  return {
    id: randomUUID(),
    number,
    tenantId: proc.tenantId,
    procedureId: proc.id,
    procedureTitle: proc.title,
    revisionId: proc.publishedRevision?.id ?? proc.draftRevision.id,
    state: 'en_construction',
    test: false,
    usager: { accountId: randomUUID(), email: `demandeur${String(number)}@example.fr`, firstName: 'Jeanne', lastName: `Martin-${String(number)}` },
    values: {},
    correctionPending: false,
    motivation: null,
    createdAt: '2026-06-01T08:00:00.000Z',
    updatedAt: '2026-06-01T08:00:00.000Z',
    submittedAt: '2026-06-01T08:00:00.000Z',
    decidedAt: null,
    traitements: [],
    groupeInstructeur: { id: defaultGroupOf(proc), label: 'Groupe par défaut' },
    ...overrides,
  };
}
