import { structureFieldTypes, type FormField } from '@guichet/forms';

/** Where one annotation stands in the page: as saved, changed and not saved yet, being saved, refused. */
export type AnnotationStatus = { kind: 'saved'; at: string } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'failed'; message: string };

const prefix = 'annotations.';

/**
 * The server's field errors on annotations (`annotations.<stableId>`, `annotations.<block>.rows.<i>.<child>`)
 * keyed as the dossier form shows them (`<stableId>`, `<block>.rows.<i>.<child>`); other paths are left out.
 */
export function annotationErrors(fields: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([path]) => path.startsWith(prefix)).map(([path, message]) => [path.slice(prefix.length), message]));
}

/** Errors of one annotation (its own key and its rows'), to drop once it is saved or changed. */
export function withoutErrorsOf(errors: Readonly<Record<string, string>>, stableId: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== stableId && !key.startsWith(`${stableId}.`)));
}

/** What the API is sent for a value as typed: null clears the annotation (nothing typed, blank text, no rows). */
export function annotationValueToSend(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  if (Array.isArray(value) && value.length === 0) return null;
  return value;
}

/** Whether the annotation takes a value (a title or an explanation does not, so it has no « Enregistrer »). */
export const takesValue = (field: Pick<FormField, 'type'>): boolean => !structureFieldTypes.has(field.type);

/**
 * The values the page shows after the dossier was read again (another agent saved, or this one): the
 * server's, except for the annotations being edited here and not saved yet.
 */
export function refreshedDrafts(drafts: Readonly<Record<string, unknown>>, server: Readonly<Record<string, unknown>>, statuses: Readonly<Record<string, AnnotationStatus>>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...server };
  for (const [stableId, status] of Object.entries(statuses)) {
    if (status.kind === 'dirty' || status.kind === 'saving' || status.kind === 'failed') {
      if (drafts[stableId] === undefined) delete next[stableId];
      else next[stableId] = drafts[stableId];
    }
  }
  return next;
}
