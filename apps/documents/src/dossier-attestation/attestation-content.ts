import type { AttestationTemplate, DossierChange, FieldDefinition } from '@guichet/contracts';
import { fieldTagId, renderTemplate, taggableFields, tagsForProcedure } from '@guichet/tags';
import { fieldValueText, formatLongDateFr } from '@guichet/field-values';

export interface AttestationText {
  title: string;
  body: string;
  footer: string;
}

/**
 * The value of every tag an attestation may use, keyed by tag name: the usager's fields from
 * `change.values`, the private annotations from `change.annotations`.
 */
export function attestationTagValues(change: DossierChange, fields: readonly FieldDefinition[], procedureTitle: string, annotations: readonly FieldDefinition[] = []): Record<string, string> {
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
  const byTagId = new Map([...fields.map((field) => [fieldTagId(field.stableId), { field, value: change.values[field.stableId] }] as const), ...annotations.map((field) => [fieldTagId(field.stableId), { field, value: change.annotations?.[field.stableId] }] as const)]);
  for (const tag of tagsForProcedure(taggableFields(fields, annotations))) {
    const valued = tag.kind === 'field' ? byTagId.get(tag.id) : undefined;
    if (valued) values[tag.name] = fieldValueText(valued.field.type, valued.value);
  }
  return values;
}

/**
 * Title, body and footer of the template with the tags replaced. Only the tags that have a value in
 * the decided state are replaced; text that merely looks like a tag stays as written, as in DS.
 */
export function renderAttestationText(template: AttestationTemplate, change: DossierChange, fields: readonly FieldDefinition[], procedureTitle: string, annotations: readonly FieldDefinition[] = []): AttestationText {
  const values = attestationTagValues(change, fields, procedureTitle, annotations);
  const availableTags = tagsForProcedure(taggableFields(fields, annotations), change.to);
  const render = (text: string): string => renderTemplate(text, values, { availableTags });
  return { title: render(template.title), body: render(template.body), footer: render(template.footer) };
}
