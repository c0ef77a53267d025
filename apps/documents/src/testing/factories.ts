import { randomUUID } from 'node:crypto';
import {
  dossierEventContracts,
  mailTemplateKinds,
  type Actor,
  type AttestationTemplate,
  type Dossier,
  type DossierChange,
  type EventEnvelope,
  type FieldDefinition,
  type Procedure,
  type Revision,
} from '@guichet/contracts';

/** Test data for the documents service's integration tests. */

export function usager(overrides: Partial<Actor> = {}): Actor {
  const accountId = randomUUID();
  return { accountId, roles: ['usager'], email: `usager-${accountId.slice(0, 8)}@example.fr`, ...overrides };
}

export function agent(role: 'instructeur' | 'administrateur' = 'instructeur'): Actor {
  const accountId = randomUUID();
  return { accountId, roles: [role], email: `${role}-${accountId.slice(0, 8)}@example.gouv.fr` };
}

export function field(overrides: Partial<FieldDefinition> & Pick<FieldDefinition, 'type' | 'label'>): FieldDefinition {
  return { stableId: randomUUID(), description: '', mandatory: false, options: {}, ...overrides };
}

export function revision(tenantId: string, procedureId: string, fields: FieldDefinition[]): Revision {
  return { id: randomUUID(), procedureId, tenantId, fields, annotations: [], publishedAt: '2026-01-01T00:00:00.000Z' };
}

export function acceptanceTemplate(overrides: Partial<AttestationTemplate> = {}): AttestationTemplate {
  return {
    kind: 'acceptation',
    title: 'Attestation d’acceptation du dossier n° --numéro du dossier--',
    body: 'Nous attestons que la demande de --prénom-- --nom-- a été acceptée le --date de décision--.\n\nMotivation : --motivation--\n\nCommune : --Commune--',
    footer: '--libellé démarche--',
    logoFileId: null,
    signatureFileId: null,
    ...overrides,
  };
}

export function procedure(tenantId: string, fields: FieldDefinition[], templates: AttestationTemplate[]): Procedure {
  const id = randomUUID();
  const published = revision(tenantId, id, fields);
  return {
    id,
    tenantId,
    tenantName: 'Préfecture de la Gironde',
    path: `demarche-${id.slice(0, 8)}`,
    title: 'Aide aux associations',
    description: '',
    state: 'publiee',
    draftRevision: { ...published, id: randomUUID(), publishedAt: null },
    publishedRevision: published,
    mailTemplates: Object.fromEntries(mailTemplateKinds.map((kind) => [kind, { subject: `Dossier --numéro du dossier-- (${kind})`, body: 'Bonjour --prénom--.' }])) as Procedure['mailTemplates'],
    attestationTemplates: templates,
    createdAt: '2026-01-01T00:00:00.000Z',
    publishedAt: '2026-01-01T00:00:00.000Z',
    closesAt: null,
    settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
    closure: null,
  };
}

let nextNumber = 1000;

export function dossier(owner: Actor, proc: Procedure, overrides: Partial<Dossier> = {}): Dossier {
  nextNumber += 1;
  const revisionId = proc.publishedRevision?.id ?? proc.draftRevision.id;
  return {
    id: randomUUID(),
    number: nextNumber,
    tenantId: proc.tenantId,
    procedureId: proc.id,
    procedureTitle: proc.title,
    revisionId,
    state: 'en_instruction',
    test: false,
    usager: { accountId: owner.accountId, email: owner.email, firstName: 'Camille', lastName: 'Lefèvre' },
    values: {},
    correctionPending: false,
    motivation: null,
    createdAt: '2026-02-01T09:00:00.000Z',
    updatedAt: '2026-02-01T09:00:00.000Z',
    submittedAt: '2026-02-01T09:00:00.000Z',
    decidedAt: null,
    traitements: [],
    ...overrides,
  };
}

/** A `dossier.state_changed` envelope as the dossiers service's outbox would publish it. */
export function stateChanged(
  d: Dossier,
  change: Pick<DossierChange, 'event' | 'from' | 'to'> & Partial<DossierChange>,
  envelope: { occurredAt?: string; tenantId?: string | null } = {},
): EventEnvelope<DossierChange> {
  const occurredAt = envelope.occurredAt ?? new Date().toISOString();
  return {
    id: randomUUID(),
    type: dossierEventContracts.stateChanged.type,
    version: dossierEventContracts.stateChanged.version,
    occurredAt,
    tenantId: envelope.tenantId === undefined ? d.tenantId : envelope.tenantId,
    actor: null,
    traceparent: null,
    data: {
      dossierId: d.id,
      number: d.number,
      procedureId: d.procedureId,
      procedureTitle: d.procedureTitle,
      revisionId: d.revisionId,
      traitementId: randomUUID(),
      motivation: null,
      usager: d.usager,
      values: d.values,
      submittedAt: d.submittedAt,
      decidedAt: ['accepte', 'refuse', 'sans_suite'].includes(change.to) ? occurredAt : null,
      ...change,
    },
  };
}
