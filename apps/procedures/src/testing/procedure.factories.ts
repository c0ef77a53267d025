import { randomUUID } from 'node:crypto';
import type { Actor, AttestationTemplate, BusContext, FieldDefinition, MailTemplate, MailTemplateKind, Role } from '@guichet/contracts';

/** Test data for the procedures service: callers, fields, templates. */

export function actor(roles: Role[], overrides: Partial<Actor> = {}): Actor {
  const accountId = randomUUID();
  return { accountId, roles, email: `agent-${accountId.slice(0, 8)}@example.gouv.fr`, ...overrides };
}

export const administrateurOf = (tenantId: string): BusContext => ({ tenantId, actor: actor(['administrateur']) });
export const instructeurOf = (tenantId: string): BusContext => ({ tenantId, actor: actor(['instructeur']) });
export const usager = (): BusContext => ({ actor: actor(['usager'], { email: `usager-${randomUUID().slice(0, 8)}@example.fr` }) });
export const systemCaller = (tenantId?: string): BusContext => ({ system: 'dossiers', ...(tenantId !== undefined ? { tenantId } : {}) });

let pathCounter = 0;
/** A path no other test uses (paths are unique across the instance). */
export function uniquePath(prefix = 'demarche'): string {
  pathCounter += 1;
  return `${prefix}-${pathCounter}-${randomUUID().slice(0, 8)}`;
}

export function field(overrides: Partial<FieldDefinition> & Pick<FieldDefinition, 'label'>): FieldDefinition {
  return { stableId: randomUUID(), type: 'text', description: '', mandatory: false, options: {}, ...overrides };
}

export function sampleFields(): FieldDefinition[] {
  return [
    field({ label: 'Identité', type: 'header_section' }),
    field({ label: 'Nom de l’association', type: 'text', mandatory: true, options: { maxLength: 200 } }),
    field({ label: 'Nombre d’adhérents', type: 'integer_number', options: { min: 0, max: 100_000 } }),
    field({ label: 'Type de projet', type: 'drop_down_list', options: { choices: ['Culture', 'Sport', 'Solidarité'] } }),
    field({ label: 'Budget prévisionnel', type: 'piece_justificative', options: { allowedMimeTypes: ['application/pdf'], maxFileBytes: 10_000_000 } }),
  ];
}

export function mailTemplates(overrides: Partial<Record<MailTemplateKind, MailTemplate>> = {}): Record<MailTemplateKind, MailTemplate> {
  const template = (what: string): MailTemplate => ({ subject: `Dossier --numéro du dossier-- ${what}`, body: `Bonjour --prénom-- --nom--, votre dossier est ${what}. --lien dossier--` });
  return {
    initiated: template('déposé'),
    received: template('en instruction'),
    closed: template('accepté'),
    refused: template('refusé'),
    without_continuation: template('classé sans suite'),
    re_instructed: template('réexaminé'),
    ...overrides,
  };
}

export function attestationTemplate(overrides: Partial<AttestationTemplate> = {}): AttestationTemplate {
  return {
    kind: 'acceptation',
    title: 'Attestation d’acceptation',
    body: 'Le dossier n° --numéro du dossier-- de --prénom-- --nom-- a été accepté le --date de décision--.',
    footer: '',
    logoFileId: null,
    signatureFileId: null,
    ...overrides,
  };
}
