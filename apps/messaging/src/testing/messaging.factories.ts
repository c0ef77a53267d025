import { randomUUID } from 'node:crypto';
import type { Dossier, DossierChange, EventEnvelope, FieldDefinition, MailTemplateKind, Procedure, Revision } from '@guichet/contracts';

/** Test data for the messaging service's tests: what other services would send it. */

export function aField(overrides: Partial<FieldDefinition> & Pick<FieldDefinition, 'type' | 'label'>): FieldDefinition {
  return { stableId: randomUUID(), description: '', mandatory: false, options: {}, ...overrides };
}

export function aDossierChange(overrides: Partial<DossierChange> = {}): DossierChange {
  return {
    dossierId: randomUUID(),
    number: 1000 + Math.floor(Math.random() * 1_000_000),
    procedureId: randomUUID(),
    procedureTitle: 'Déclaration annuelle des monuments historiques',
    revisionId: randomUUID(),
    traitementId: randomUUID(),
    event: 'passer_en_construction',
    from: 'brouillon',
    to: 'en_construction',
    motivation: null,
    usager: { accountId: randomUUID(), email: `usager-${randomUUID().slice(0, 8)}@example.fr`, firstName: 'Amélie', lastName: 'Durand' },
    values: {},
    submittedAt: '2026-03-01T09:30:00.000Z',
    decidedAt: null,
    ...overrides,
  };
}

/** The envelope `addToOutbox` builds, as dossiers would publish it. */
export function anEnvelope<D>(type: string, data: D, tenantId: string | null): EventEnvelope<D> {
  return { id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), tenantId, actor: null, traceparent: null, data };
}

const defaultTemplates: Record<MailTemplateKind, { subject: string; body: string }> = {
  initiated: { subject: 'Votre dossier n° --numéro du dossier-- a bien été déposé', body: 'Bonjour --prénom-- --nom--,\n\nVotre dossier n° --numéro du dossier-- sur la démarche « --libellé démarche-- » a été déposé le --date de dépôt--.\n\nSuivez-le ici : --lien dossier--' },
  received: { subject: 'Votre dossier n° --numéro du dossier-- est en instruction', body: 'Votre dossier n° --numéro du dossier-- est en cours d’instruction.' },
  closed: { subject: 'Votre dossier n° --numéro du dossier-- a été accepté', body: 'Décision du --date de décision-- : --motivation--\n\nAttestation : --lien attestation--' },
  refused: { subject: 'Votre dossier n° --numéro du dossier-- a été refusé', body: 'Motif : --motivation--' },
  without_continuation: { subject: 'Votre dossier n° --numéro du dossier-- a été classé sans suite', body: 'Motif : --motivation--' },
  re_instructed: { subject: 'Votre dossier n° --numéro du dossier-- est réexaminé', body: 'Votre dossier n° --numéro du dossier-- est de nouveau en instruction.' },
};

export function aRevision(overrides: Partial<Revision> = {}): Revision {
  return { id: randomUUID(), procedureId: randomUUID(), tenantId: randomUUID(), fields: [], annotations: [], publishedAt: '2026-02-01T08:00:00.000Z', ...overrides };
}

export function aProcedure(overrides: Partial<Procedure> = {}): Procedure {
  const id = overrides.id ?? randomUUID();
  const tenantId = overrides.tenantId ?? randomUUID();
  const revision = aRevision({ procedureId: id, tenantId });
  return {
    id,
    tenantId,
    tenantName: 'Préfecture du Rhône',
    path: `monuments-${id.slice(0, 8)}`,
    title: 'Déclaration annuelle des monuments historiques',
    description: '',
    state: 'publiee',
    draftRevision: revision,
    publishedRevision: revision,
    mailTemplates: defaultTemplates,
    attestationTemplates: [],
    createdAt: '2026-01-15T08:00:00.000Z',
    publishedAt: '2026-02-01T08:00:00.000Z',
    closesAt: null,
    settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
    closure: null,
    ...overrides,
  };
}

export function aDossier(overrides: Partial<Dossier> = {}): Dossier {
  return {
    id: randomUUID(),
    number: 1000 + Math.floor(Math.random() * 1_000_000),
    tenantId: randomUUID(),
    procedureId: randomUUID(),
    procedureTitle: 'Déclaration annuelle des monuments historiques',
    revisionId: randomUUID(),
    state: 'en_construction',
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
