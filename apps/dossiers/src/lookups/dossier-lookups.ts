import type { DossierLookup, LookupKind } from '@guichet/contracts';
import type { FieldValue, FormField, FormFieldType, FormValues } from '@guichet/forms';

/** Types whose value is checked in a register when saved and at submission (addresses are only suggested). */
export const checkedFieldTypes: ReadonlySet<FormFieldType> = new Set<FormFieldType>(['siret', 'rna', 'referentiel']);

export const unavailableMessage = 'Le service de vérification est momentanément indisponible : la valeur est conservée sans vérification.';

export const notFoundMessages: Readonly<Record<LookupKind, string>> = {
  entreprise: 'Aucun établissement n’est enregistré avec ce numéro SIRET.',
  association: 'Aucune association n’est enregistrée avec ce numéro RNA.',
  adresse: 'Aucune adresse ne correspond à cette recherche.',
  referentiel: 'Cette valeur est introuvable dans le référentiel.',
};

/**
 * A value to look up. `stableId` is where its lookup is stored in `dossier.lookups`: the field's
 * stable id at the top level, `rowLookupKey(…)` inside a repeated block (it follows the row's id, so
 * it stays with the row when rows are added, removed or reordered). `errorKey` is where a refusal
 * goes, as the form's own errors (`<block>.rows.<index>.<child>` inside a block).
 */
export interface PendingLookup {
  readonly stableId: string;
  readonly errorKey: string;
  readonly field: FormField;
  readonly query: string;
}

/** The key of the lookup of a repeated block's child in one row: `<block>.rows.<rowId>.<child>`. */
export const rowLookupKey = (blockStableId: string, rowId: string, childStableId: string): string => `${blockStableId}.rows.${rowId}.${childStableId}`;

const rowKeyPattern = /^([^.]+)\.rows\.([0-9a-f-]{36})\.([^.]+)$/u;

interface Row {
  readonly rowId: string;
  readonly values: FormValues;
}

/** The rows of a repeated block's cleaned value (`{ rows: [{ rowId, values }] }`), [] otherwise. */
function rowsOf(value: FieldValue | undefined): Row[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('rows' in value)) return [];
  const rows = (value as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) return [];
  return rows.filter((row): row is Row => typeof row === 'object' && row !== null && typeof (row as Row).rowId === 'string' && typeof (row as Row).values === 'object' && (row as Row).values !== null);
}

/** The value a lookup key designates: a top-level value, or a child's value in the row of that id. */
function valueAt(values: FormValues, key: string): { value: FieldValue | undefined; index?: number } {
  const inRow = rowKeyPattern.exec(key);
  if (inRow === null) return { value: values[key] };
  const [, block = '', rowId = '', child = ''] = inRow;
  const rows = rowsOf(values[block]);
  const index = rows.findIndex((row) => row.rowId === rowId);
  return index < 0 ? { value: undefined } : { value: rows[index]?.values[child], index };
}

/** A stored lookup still describes the value when it was made for that very value. */
const applies = (lookup: DossierLookup | undefined, value: FieldValue | undefined): lookup is DossierLookup => lookup !== undefined && typeof value === 'string' && lookup.query === value;

/** A value needs a lookup when it has none for that very value, or one left unchecked. */
function needsLookup(previous: Readonly<Record<string, DossierLookup>>, key: string, value: FieldValue | undefined): value is string {
  if (typeof value !== 'string' || value === '') return false;
  const before = previous[key];
  return !(applies(before, value) && before.status === 'found');
}

/**
 * The values among `candidates` (top-level stable ids) that need a lookup: checked types at the top
 * level of the form and in each row of a repeated block among the candidates, with a value, never
 * looked up for that value or left unchecked (register unavailable).
 */
export function pendingLookups(fields: readonly FormField[], values: FormValues, previous: Readonly<Record<string, DossierLookup>>, candidates: Iterable<string>): PendingLookup[] {
  const wanted = new Set(candidates);
  const pending: PendingLookup[] = [];
  for (const field of fields) {
    if (!wanted.has(field.stableId)) continue;
    if (field.type === 'repetition') {
      const children = (field.children ?? []).filter((child) => checkedFieldTypes.has(child.type));
      if (children.length === 0) continue;
      rowsOf(values[field.stableId]).forEach((row, index) => {
        for (const child of children) {
          const key = rowLookupKey(field.stableId, row.rowId, child.stableId);
          const value = row.values[child.stableId];
          if (needsLookup(previous, key, value)) pending.push({ stableId: key, errorKey: `${field.stableId}.rows.${index}.${child.stableId}`, field: child, query: value });
        }
      });
      continue;
    }
    if (!checkedFieldTypes.has(field.type)) continue;
    const value = values[field.stableId];
    if (needsLookup(previous, field.stableId, value)) pending.push({ stableId: field.stableId, errorKey: field.stableId, field, query: value });
  }
  return pending;
}

/**
 * The lookups that still apply to `values`: those of hidden, removed, cleared or changed values go,
 * and in repeated blocks those of removed rows.
 */
export function applicableLookups(lookups: Readonly<Record<string, DossierLookup>>, values: FormValues): Record<string, DossierLookup> {
  return Object.fromEntries(Object.entries(lookups).filter(([key, lookup]) => applies(lookup, valueAt(values, key).value)));
}

/**
 * The notice of each value kept unchecked, keyed like field errors (`values.<stableId>`; inside a
 * repeated block `values.<block>.rows.<index>.<child>`, the row's position in `values`).
 */
export function uncheckedWarnings(lookups: Readonly<Record<string, DossierLookup>>, values: FormValues = {}): Record<string, string> {
  const warnings: Record<string, string> = {};
  for (const [key, lookup] of Object.entries(lookups)) {
    if (lookup.status !== 'unavailable') continue;
    const inRow = rowKeyPattern.exec(key);
    const index = inRow === null ? undefined : valueAt(values, key).index;
    warnings[`values.${inRow === null || index === undefined ? key : `${inRow[1]}.rows.${index}.${inRow[3]}`}`] = unavailableMessage;
  }
  return warnings;
}
