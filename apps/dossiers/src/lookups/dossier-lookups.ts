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

/** A value to look up: the top-level field, its cleaned value as the query. */
export interface PendingLookup {
  readonly stableId: string;
  readonly field: FormField;
  readonly query: string;
}

/** A stored lookup still describes the value when it was made for that very value. */
const applies = (lookup: DossierLookup | undefined, value: FieldValue | undefined): lookup is DossierLookup => lookup !== undefined && typeof value === 'string' && lookup.query === value;

/**
 * The values among `candidates` (stable ids) that need a lookup: checked types at the top level of
 * the form, with a value, never looked up for that value or left unchecked (register unavailable).
 * Fields inside repeated blocks are not looked up.
 */
export function pendingLookups(fields: readonly FormField[], values: FormValues, previous: Readonly<Record<string, DossierLookup>>, candidates: Iterable<string>): PendingLookup[] {
  const wanted = new Set(candidates);
  const pending: PendingLookup[] = [];
  for (const field of fields) {
    if (!wanted.has(field.stableId) || !checkedFieldTypes.has(field.type)) continue;
    const value = values[field.stableId];
    if (typeof value !== 'string' || value === '') continue;
    const before = previous[field.stableId];
    if (applies(before, value) && before.status === 'found') continue;
    pending.push({ stableId: field.stableId, field, query: value });
  }
  return pending;
}

/** The lookups that still apply to `values`: those of hidden, removed, cleared or changed values go. */
export function applicableLookups(lookups: Readonly<Record<string, DossierLookup>>, values: FormValues): Record<string, DossierLookup> {
  return Object.fromEntries(Object.entries(lookups).filter(([stableId, lookup]) => applies(lookup, values[stableId])));
}

/** The notice of each value kept unchecked, keyed like field errors (`values.<stableId>`). */
export function uncheckedWarnings(lookups: Readonly<Record<string, DossierLookup>>): Record<string, string> {
  return Object.fromEntries(Object.entries(lookups).filter(([, lookup]) => lookup.status === 'unavailable').map(([stableId]) => [`values.${stableId}`, unavailableMessage]));
}
