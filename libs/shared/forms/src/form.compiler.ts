import { type Condition, type GeoResolver, evaluateCondition as evaluateSharedCondition } from '@guichet/conditions';
import { validateFieldValue } from './field-value.validators';
import { type FieldValue, type FormField, type FormValidationResult, type FormValues, structureFieldTypes } from './form-field.model';
import { type LocationCatalogue, departementOfCommuneCode } from './location-catalogue';
import { isPlainObject } from './typed-value.validators';

export const mandatoryMessage = 'Ce champ est obligatoire.';
export const unknownFieldMessage = 'Ce champ n’existe pas dans ce formulaire.';
export const notAnObjectMessage = 'Les valeurs du formulaire doivent être un objet (identifiant du champ → valeur).';
export const rowsShapeMessage = 'Bloc répétable : { rows: [{ rowId, values }] } attendu.';

/**
 * Decides whether a field's condition holds, reading earlier values through `lookup` (by stable id).
 * Defaults to `evaluateCondition` of `@guichet/conditions`, the one evaluator browser and server share.
 */
export type ConditionEvaluator = (condition: unknown, lookup: (stableId: string) => unknown, geo?: GeoResolver) => boolean;

export interface CompileFormOptions {
  /** Official lists for location codes (server); without it codes are checked by format only. */
  readonly locations?: LocationCatalogue;
  /**
   * Geography for the département/région operators. Defaults to one read from `locations`, or, in
   * the browser, to the département written in the commune code (régions then unknown).
   */
  readonly geo?: GeoResolver;
  /** Replaces the shared evaluator (tests). */
  readonly evaluateCondition?: ConditionEvaluator;
}

/** A `GeoResolver` over the official lists. */
export function geoFromLocations(locations: LocationCatalogue): GeoResolver {
  return {
    departementOfCommune: (code) => locations.commune(code)?.departement,
    regionOfDepartement: (code) => locations.departement(code)?.region,
  };
}

const formatOnlyGeo: GeoResolver = { departementOfCommune: departementOfCommuneCode, regionOfDepartement: () => undefined };

/** Conditions reaching here were checked by the contract's `conditionSchema` when the form was saved. */
const sharedEvaluator: ConditionEvaluator = (condition, lookup, geo) => evaluateSharedCondition(condition as Condition, lookup, geo);

/** A form's fields turned into the two checks a dossier goes through. */
export interface CompiledForm {
  readonly fields: readonly FormField[];
  /** While editing: missing values are fine, wrongly shaped ones and unknown fields are not. */
  validateDraft(values: unknown): FormValidationResult;
  /** At submission: as a draft, and every visible mandatory field has a value. */
  validateSubmission(values: unknown): FormValidationResult;
  /**
   * One top-level field checked alone, as a draft (missing is fine), its condition reading
   * `context` (the dossier's other values): what saving a single value needs (an instructeur saves
   * one private annotation, the others untouched).
   */
  validateOne(stableId: string, value: unknown, context: FormValues): SingleFieldResult;
  /**
   * The visible top-level fields that would not pass submission: a mandatory one without a value, a
   * repetition short of rows or with a row missing a mandatory value. Conditions read `values`, then
   * `context`; in form order.
   */
  incompleteFields(values: FormValues, context?: FormValues): FormField[];
}

/** The outcome of checking one field alone. */
export type SingleFieldResult =
  | { readonly kind: 'value'; readonly value: FieldValue }
  /** Nothing to keep (null, blank, no rows): saving it clears the stored value. */
  | { readonly kind: 'empty' }
  /** No such field in the form. */
  | { readonly kind: 'unknown' }
  /** Its condition is false for this dossier: it takes no value. */
  | { readonly kind: 'hidden' }
  /** Keyed as in `FormValidationResult` (`<stableId>`, `<stableId>.rows.<i>.<child>`). */
  | { readonly kind: 'invalid'; readonly fields: Record<string, string> };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const maxRowsHardLimit = 1_000;

function indexFields(fields: readonly FormField[], where: string): Map<string, FormField> {
  const byStableId = new Map<string, FormField>();
  for (const field of fields) {
    if (byStableId.has(field.stableId)) throw new Error(`compileForm: stable id ${field.stableId} appears twice${where}`);
    byStableId.set(field.stableId, field);
  }
  return byStableId;
}

/**
 * Compiles a revision's fields once; the result validates any number of value sets. Values are keyed
 * by `stableId`; the cleaned values leave out empty ones (null, blank text, no file), so saving null
 * clears a value, and fields whose condition is false (hidden): they are neither required nor
 * stored. A repetition's value is `{ rows: [{ rowId, values: { childStableId: value } }] }`; errors
 * inside a row are keyed `<stableId>.rows.<i>.<childStableId>`. Throws if two fields share a stable
 * id (the procedures service refuses that).
 */
export function compileForm(fields: readonly FormField[], options: CompileFormOptions = {}): CompiledForm {
  const byStableId = indexFields(fields, '');
  const children = new Map<string, Map<string, FormField>>();
  const hasCondition = (field: FormField): boolean => field.condition !== undefined && field.condition !== null;
  for (const field of fields) {
    if (field.type === 'repetition') children.set(field.stableId, indexFields(field.children ?? [], ` in repetition ${field.stableId}`));
  }
  const context = options.locations !== undefined ? { locations: options.locations } : {};
  const evaluate = options.evaluateCondition ?? sharedEvaluator;
  const geo = options.geo ?? (options.locations !== undefined ? geoFromLocations(options.locations) : formatOnlyGeo);

  function visible(field: FormField, lookup: (stableId: string) => unknown): boolean {
    return !hasCondition(field) || evaluate(field.condition, lookup, geo);
  }

  /** One list of fields (the form, or one row) against a values object; errors prefixed by `at`. */
  function validateLevel(
    level: readonly FormField[],
    values: Record<string, unknown>,
    known: ReadonlyMap<string, FormField>,
    requireMandatory: boolean,
    at: string,
    outer: (stableId: string) => unknown,
    errors: Record<string, string>,
  ): FormValues {
    for (const key of Object.keys(values)) {
      if (!known.has(key)) errors[`${at}${key}`] = unknownFieldMessage;
    }
    const cleaned: FormValues = {};
    // Conditions read what is already cleaned at this level first (earlier fields), then outside.
    const lookup = (stableId: string): unknown => (Object.hasOwn(cleaned, stableId) ? cleaned[stableId] : outer(stableId));
    for (const field of level) {
      if (!visible(field, lookup)) continue;
      const raw = Object.hasOwn(values, field.stableId) ? values[field.stableId] : undefined;
      const key = `${at}${field.stableId}`;
      const mandatory = requireMandatory && field.mandatory === true && !structureFieldTypes.has(field.type);
      if (field.type === 'repetition') {
        const rows = validateRows(field, raw, requireMandatory, key, lookup, errors);
        if (rows === undefined) continue;
        if (rows.length === 0) {
          if (mandatory) errors[key] = mandatoryMessage;
          continue;
        }
        cleaned[field.stableId] = { rows };
        continue;
      }
      const result = validateFieldValue(field, raw, context);
      if (result.kind === 'invalid') {
        errors[key] = result.message;
        continue;
      }
      // A mandatory checkbox is an agreement ("J'atteste…"): it must be ticked, not merely answered.
      const missing = result.kind === 'empty' || (field.type === 'checkbox' && result.value === false);
      if (mandatory && missing) {
        errors[key] = mandatoryMessage;
        continue;
      }
      if (result.kind === 'value') cleaned[field.stableId] = result.value;
    }
    return cleaned;
  }

  /** The cleaned rows, or undefined when refused (errors recorded). */
  function validateRows(
    field: FormField,
    raw: unknown,
    requireMandatory: boolean,
    key: string,
    lookup: (stableId: string) => unknown,
    errors: Record<string, string>,
  ): FieldValue[] | undefined {
    if (raw === undefined || raw === null) return checkRowCount(field, 0, requireMandatory, key, errors) ? [] : undefined;
    if (!isPlainObject(raw) || !Array.isArray(raw['rows']) || Object.keys(raw).some((name) => name !== 'rows')) {
      errors[key] = rowsShapeMessage;
      return undefined;
    }
    const rows = raw['rows'] as unknown[];
    const maxRows = Math.min(field.options?.maxRows ?? maxRowsHardLimit, maxRowsHardLimit);
    if (rows.length > maxRows) {
      errors[key] = `Au plus ${maxRows} ligne${maxRows > 1 ? 's' : ''}.`;
      return undefined;
    }
    const known = children.get(field.stableId) ?? new Map<string, FormField>();
    const childFields = field.children ?? [];
    const seenRowIds = new Set<string>();
    const cleaned: FieldValue[] = [];
    let failed = false;
    rows.forEach((row, index) => {
      const rowKey = `${key}.rows.${index}`;
      if (!isPlainObject(row) || typeof row['rowId'] !== 'string' || !uuidPattern.test(row['rowId']) || !isPlainObject(row['values'] ?? {})) {
        errors[rowKey] = 'Ligne invalide : { rowId (UUID), values } attendu.';
        failed = true;
        return;
      }
      const rowId = row['rowId'].toLowerCase();
      if (seenRowIds.has(rowId)) {
        errors[`${rowKey}.rowId`] = 'Cet identifiant de ligne est déjà celui d’une autre ligne.';
        failed = true;
        return;
      }
      seenRowIds.add(rowId);
      const before = Object.keys(errors).length;
      const values = validateLevel(childFields, (row['values'] ?? {}) as Record<string, unknown>, known, requireMandatory, `${rowKey}.`, lookup, errors);
      if (Object.keys(errors).length > before) failed = true;
      cleaned.push({ rowId, values });
    });
    if (failed) return undefined;
    return checkRowCount(field, cleaned.length, requireMandatory, key, errors) ? cleaned : undefined;
  }

  /** The minimum only binds at submission, so a draft can be filled row by row. */
  function checkRowCount(field: FormField, count: number, requireMandatory: boolean, key: string, errors: Record<string, string>): boolean {
    const minRows = field.options?.minRows ?? 0;
    if (requireMandatory && count > 0 && count < minRows) {
      errors[key] = `Au moins ${minRows} ligne${minRows > 1 ? 's' : ''}.`;
      return false;
    }
    if (requireMandatory && count === 0 && minRows > 0) {
      errors[key] = field.mandatory === true ? mandatoryMessage : `Au moins ${minRows} ligne${minRows > 1 ? 's' : ''}.`;
      return false;
    }
    return true;
  }

  function validate(values: unknown, requireMandatory: boolean): FormValidationResult {
    if (!isRecord(values)) return { ok: false, fields: { _: notAnObjectMessage } };
    const errors: Record<string, string> = {};
    const cleaned = validateLevel(fields, values, byStableId, requireMandatory, '', () => undefined, errors);
    return Object.keys(errors).length > 0 ? { ok: false, fields: errors } : { ok: true, values: cleaned };
  }

  function validateOne(stableId: string, value: unknown, context: FormValues): SingleFieldResult {
    const field = byStableId.get(stableId);
    if (field === undefined) return { kind: 'unknown' };
    const lookup = (id: string): unknown => (Object.hasOwn(context, id) ? context[id] : undefined);
    if (!visible(field, lookup)) return { kind: 'hidden' };
    const errors: Record<string, string> = {};
    const cleaned = validateLevel([field], { [stableId]: value }, new Map([[stableId, field]]), false, '', lookup, errors);
    if (Object.keys(errors).length > 0) return { kind: 'invalid', fields: errors };
    return Object.hasOwn(cleaned, stableId) ? { kind: 'value', value: cleaned[stableId] as FieldValue } : { kind: 'empty' };
  }

  function incompleteFields(values: FormValues, context: FormValues = {}): FormField[] {
    const lookup = (id: string): unknown => (Object.hasOwn(values, id) ? values[id] : Object.hasOwn(context, id) ? context[id] : undefined);
    return fields.filter((field) => {
      if (structureFieldTypes.has(field.type) || !visible(field, lookup)) return false;
      const errors: Record<string, string> = {};
      validateLevel([field], Object.hasOwn(values, field.stableId) ? { [field.stableId]: values[field.stableId] } : {}, new Map([[field.stableId, field]]), true, '', lookup, errors);
      return Object.keys(errors).length > 0;
    });
  }

  return {
    fields,
    validateDraft: (values) => validate(values, false),
    validateSubmission: (values) => validate(values, true),
    validateOne,
    incompleteFields,
  };
}
