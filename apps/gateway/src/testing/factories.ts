import { randomUUID } from 'node:crypto';
import { mailTemplateKinds, type Avis, type Dossier, type ExportJob, type FileInfo, type Procedure } from '@guichet/contracts';

const now = () => new Date().toISOString();

export function aProcedure(overrides: Partial<Procedure> = {}): Procedure {
  const id = overrides.id ?? randomUUID();
  const tenantId = overrides.tenantId ?? randomUUID();
  const revision = { id: randomUUID(), procedureId: id, tenantId, fields: [], annotations: [], publishedAt: null };
  return {
    id,
    tenantId,
    tenantName: 'Préfecture de test',
    path: `demarche-${id.slice(0, 8)}`,
    title: 'Démarche de test',
    description: '',
    state: 'brouillon',
    draftRevision: revision,
    publishedRevision: null,
    mailTemplates: Object.fromEntries(mailTemplateKinds.map((kind) => [kind, { subject: `Votre dossier (${kind})`, body: 'Bonjour --prénom-- --nom--.' }])) as Procedure['mailTemplates'],
    attestationTemplates: [],
    createdAt: now(),
    publishedAt: null,
    closesAt: null,
    settings: { serviceContact: null, logoFileId: null, declarativeMode: null, svaSvr: null, retentionMonths: 12, expertsAllowed: true, submissionMessage: '' },
    closure: null,
    ...overrides,
  };
}

export function aDossier(overrides: Partial<Dossier> = {}): Dossier {
  return {
    id: randomUUID(),
    number: 1,
    tenantId: randomUUID(),
    procedureId: randomUUID(),
    procedureTitle: 'Démarche de test',
    revisionId: randomUUID(),
    state: 'brouillon',
    test: false,
    usager: { accountId: randomUUID(), email: 'usager@example.fr', firstName: 'Camille', lastName: 'Martin' },
    values: {},
    correctionPending: false,
    motivation: null,
    createdAt: now(),
    updatedAt: now(),
    submittedAt: null,
    decidedAt: null,
    traitements: [],
    ...overrides,
  };
}

export function anAvis(overrides: Partial<Avis> = {}): Avis {
  return {
    id: randomUUID(),
    dossierId: randomUUID(),
    dossierNumber: 1,
    procedureTitle: 'Démarche de test',
    tenantId: randomUUID(),
    expertEmail: 'expert@example.fr',
    introduction: 'Votre avis, s’il vous plaît.',
    confidential: false,
    question: null,
    answer: null,
    questionAnswer: null,
    requestedBy: 'instructeur@example.fr',
    requestedAt: now(),
    answeredAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function aFile(overrides: Partial<FileInfo> = {}): FileInfo {
  return { id: randomUUID(), dossierId: null, ownerAccountId: randomUUID(), fileName: 'piece.pdf', mimeType: 'application/pdf', size: 1234, status: 'pending', purpose: 'champ', createdAt: now(), ...overrides };
}

export function anExportJob(overrides: Partial<ExportJob> = {}): ExportJob {
  return { id: randomUUID(), procedureId: randomUUID(), format: 'csv', status: 'pending', dossierCount: null, error: null, createdAt: now(), readyAt: null, ...overrides };
}

export function aPresignedUrl(url = 'http://127.0.0.1:4568/bucket/object?X-Amz-Signature=abc', method: 'GET' | 'PUT' = 'GET') {
  return { url, method, headers: {}, expiresAt: new Date(Date.now() + 300_000).toISOString() };
}
