import type { Dossier, FieldDefinition } from '@guichet/contracts';
import { stateLabels } from '@guichet/dossier-state';
import { fieldValueText, formatDateTimeFr } from '@guichet/field-values';

export interface CsvColumn {
  header: string;
  value(dossier: Dossier): string;
}

/** Field types that only structure the form: they hold no value, so they get no column. */
const valueless = new Set<FieldDefinition['type']>(['header_section', 'explication']);

/**
 * The columns of a dossiers export: the dossier and its applicant, then one per field of the given
 * revision, headed by its label, then one per private annotation (as DS, agents' exports carry
 * them; exports are only ever made for agents), headed « Annotation : <label> ». Values are found
 * by stable id, so dossiers still on an older revision fill the columns they share with it.
 */
export function dossierColumns(fields: readonly FieldDefinition[], annotations: readonly FieldDefinition[] = []): CsvColumn[] {
  return [
    { header: 'Numéro', value: (d) => String(d.number) },
    { header: 'État', value: (d) => stateLabels[d.state] },
    { header: 'Déposé le', value: (d) => formatDateTimeFr(d.submittedAt) },
    { header: 'Décidé le', value: (d) => formatDateTimeFr(d.decidedAt) },
    { header: 'Demandeur nom', value: (d) => d.usager.lastName },
    { header: 'Demandeur prénom', value: (d) => d.usager.firstName },
    { header: 'Demandeur e-mail', value: (d) => d.usager.email },
    ...fields
      .filter((field) => !valueless.has(field.type))
      .map((field): CsvColumn => ({ header: field.label, value: (d) => fieldValueText(field.type, d.values[field.stableId]) })),
    ...annotations
      .filter((annotation) => !valueless.has(annotation.type))
      .map((annotation): CsvColumn => ({ header: `Annotation : ${annotation.label}`, value: (d) => fieldValueText(annotation.type, d.annotations?.[annotation.stableId]) })),
  ];
}
