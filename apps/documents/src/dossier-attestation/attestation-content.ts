import type { AttestationTemplate, DossierChange, FieldDefinition } from '@guichet/contracts';
import { fieldTagId, renderTemplate, tagsForProcedure } from '@guichet/tags';
import { fieldValueText, formatLongDateFr } from '@guichet/field-values';

export interface AttestationText {
  title: string;
  body: string;
  footer: string;
}

/** The value of every tag an attestation may use, keyed by tag name. */
export function attestationTagValues(change: DossierChange, fields: readonly FieldDefinition[], procedureTitle: string): Record<string, string> {
  const date = (iso: string | null): string => (iso === null ? '' : formatLongDateFr(iso));
  const values: Record<string, string> = {
    'numéro du dossier': String(change.number),
    'date de dépôt': date(change.submittedAt),
    'date de décision': date(change.decidedAt),
    motivation: change.motivation ?? '',
    nom: change.usager.lastName,
    prénom: change.usager.firstName,
    'libellé démarche': procedureTitle,
  };
  const byTagId = new Map(fields.map((field) => [fieldTagId(field.stableId), field]));
  for (const tag of tagsForProcedure(fields)) {
    const field = tag.kind === 'field' ? byTagId.get(tag.id) : undefined;
    if (field) values[tag.name] = fieldValueText(field.type, change.values[field.stableId]);
  }
  return values;
}

/**
 * Title, body and footer of the template with the tags replaced. Only the tags that have a value in
 * the decided state are replaced; text that merely looks like a tag stays as written, as in DS.
 */
export function renderAttestationText(template: AttestationTemplate, change: DossierChange, fields: readonly FieldDefinition[], procedureTitle: string): AttestationText {
  const values = attestationTagValues(change, fields, procedureTitle);
  const availableTags = tagsForProcedure(fields, change.to);
  const render = (text: string): string => renderTemplate(text, values, { availableTags });
  return { title: render(template.title), body: render(template.body), footer: render(template.footer) };
}
