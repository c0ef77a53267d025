import { type Condition, type GeoResolver, visibleFields } from '@guichet/conditions';
import { type FormField, validateFieldValue } from '@guichet/forms';

/** A field as the dossier form shows it: the validator's `FormField` and its help text. */
export type DossierField = FormField & { readonly description?: string; readonly children?: readonly DossierField[] };

/** The values being typed, by stable id (raw: text as typed; the validator cleans them). */
export type DossierValues = Readonly<Record<string, unknown>>;

export type RepetitionRow = { rowId: string; values: Record<string, unknown> };

/** A repetition's rows as stored in the values (`{ rows: [{ rowId, values }] }`), or none. */
export function rowsOf(value: unknown): RepetitionRow[] {
  if (value === null || typeof value !== 'object' || !('rows' in value) || !Array.isArray(value.rows)) return [];
  return (value.rows as unknown[]).filter(
    (row): row is RepetitionRow => row !== null && typeof row === 'object' && typeof (row as RepetitionRow).rowId === 'string' && typeof (row as RepetitionRow).values === 'object',
  );
}

/**
 * Reads values as the compiled form's conditions do: a field's cleaned value (`validateFieldValue`),
 * nothing for an empty or invalid one, then `outer` (the form, for a row's fields).
 */
export function cleanedLookup(fields: readonly FormField[], values: DossierValues, outer: (stableId: string) => unknown = () => undefined): (stableId: string) => unknown {
  const byId = new Map(fields.map((field) => [field.stableId, field]));
  return (stableId) => {
    const field = byId.get(stableId);
    if (field === undefined) return outer(stableId);
    if (field.type === 'repetition') return undefined;
    const result = validateFieldValue(field, values[stableId]);
    return result.kind === 'value' ? result.value : undefined;
  };
}

/**
 * The stable ids of the fields shown for these values, with the evaluator the server uses: a hidden
 * field reads as empty for the fields after it (hiding cascades), as `compileForm` validates.
 */
export function shownFields(fields: readonly FormField[], values: DossierValues, geo: GeoResolver, outer?: (stableId: string) => unknown): Set<string> {
  const lookup = cleanedLookup(fields, values, outer);
  const level = fields.map((field) => ({ stableId: field.stableId, condition: (field.condition ?? null) as Condition | null }));
  return visibleFields(level, lookup, geo);
}

/** The message of the field at `key` (`<stableId>` or `<block>.rows.<i>.<childStableId>`), from the validator's errors. */
export function errorKey(stableId: string, row?: { block: string; index: number }): string {
  return row === undefined ? stableId : `${row.block}.rows.${row.index}.${stableId}`;
}

/**
 * What to send to save `current` over the values last `saved` (the API merges them): the values
 * that changed, and `null` for those cleared, so a value emptied in the form is emptied on the server.
 */
export function valuesPatch(saved: DossierValues, current: DossierValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [stableId, value] of Object.entries(current)) {
    if (value === undefined) continue;
    if (JSON.stringify(value) !== JSON.stringify(saved[stableId])) patch[stableId] = value;
  }
  for (const [stableId, value] of Object.entries(saved)) {
    if (value !== null && value !== undefined && current[stableId] === undefined) patch[stableId] = null;
  }
  return patch;
}
