import type { DossierChange, FieldDefinition, MailTemplate } from '@guichet/contracts';
import { tagRenderer, taggableFields, tagsForProcedure, type TagDefinition } from '@guichet/tags';
import { textToHtml } from './email-html';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface DossierEmailInput {
  change: DossierChange;
  /** The procedure's template for the e-mail's kind. */
  template: MailTemplate;
  procedureTitle: string;
  /** The fields of the dossier's revision: one tag per field, by label. */
  fields: readonly FieldDefinition[];
  /** The private annotation fields of the revision: one tag each too, valued from `change.annotations`. */
  annotations?: readonly FieldDefinition[];
  /** Base URL of the web app, without a trailing slash. */
  publicUrl: string;
}

const frenchDate = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' });
const frenchNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 10 });

/** `28/11/2026` (Paris time), as the tags show dates; empty when there is no date. */
export function formatFrenchDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : frenchDate.format(date);
}

export const dossierUrl = (publicUrl: string, dossierId: string): string => `${publicUrl}/dossiers/${dossierId}`;
export const attestationUrl = (publicUrl: string, dossierId: string): string => `${publicUrl}/api/dossiers/${dossierId}/attestation`;

/** A field value as a person reads it in an e-mail. */
export function formatFieldValue(field: Pick<FieldDefinition, 'type'>, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map((item) => formatFieldValue(field, item))
      .filter((item) => item !== '')
      .join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return Number.isFinite(value) ? frenchNumber.format(value) : '';
  if (typeof value === 'string') {
    if (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      const [year, month, day] = value.split('-');
      return `${day ?? ''}/${month ?? ''}/${year ?? ''}`;
    }
    return value;
  }
  if (typeof value === 'object') {
    // An attachment (or a list of them): its file name; any other structure has no plain-text form.
    const record = value as Record<string, unknown>;
    const name = record.fileName ?? record.filename ?? record.name;
    return typeof name === 'string' ? name : '';
  }
  return '';
}

/** The value of every tag the procedure offers, keyed by tag name. */
export function dossierTagValues(input: Omit<DossierEmailInput, 'template'>, procedureTags: readonly TagDefinition[] = tagsForProcedure(taggableFields(input.fields, input.annotations))): Record<string, string> {
  const { change, publicUrl } = input;
  const byId: Record<string, string> = {
    dossier_number: String(change.number),
    dossier_depose_at: formatFrenchDate(change.submittedAt),
    dossier_processed_at: formatFrenchDate(change.decidedAt),
    dossier_motivation: change.motivation ?? '',
    dossier_url: dossierUrl(publicUrl, change.dossierId),
    dossier_attestation_url: change.to === 'accepte' || change.to === 'refuse' ? attestationUrl(publicUrl, change.dossierId) : '',
    individual_last_name: change.usager.lastName,
    individual_first_name: change.usager.firstName,
    // Set by routing at submission; a brouillon (or an event from an older producer) has none.
    dossier_groupe_instructeur: change.groupeInstructeur?.label ?? '',
    procedure_libelle: input.procedureTitle,
  };
  for (const field of input.fields) byId[`champ_${field.stableId}`] = formatFieldValue(field, change.values[field.stableId]);
  for (const annotation of input.annotations ?? []) byId[`champ_${annotation.stableId}`] = formatFieldValue(annotation, change.annotations?.[annotation.stableId]);
  const values: Record<string, string> = {};
  for (const tag of procedureTags) values[tag.name] = byId[tag.id] ?? '';
  return values;
}

/**
 * Renders a procedure's e-mail template for a dossier event. Every tag the procedure knows is
 * replaced (by an empty string when it has no value in the dossier's state); text that merely looks
 * like a tag (`-- voir ci-dessous --`) is left as written.
 */
export function renderDossierEmail(input: DossierEmailInput): RenderedEmail {
  const availableTags = tagsForProcedure(taggableFields(input.fields, input.annotations));
  const render = tagRenderer(dossierTagValues(input, availableTags), availableTags);
  const subject = render(input.template.subject).replace(/\s+/g, ' ').trim();
  const text = render(input.template.body);
  return { subject, text, html: textToHtml(text) };
}
