import { validateFieldValue } from './field-value.validators';
import { type FormField, type FormValidationResult, type FormValues, structureFieldTypes } from './form-field.model';

export const mandatoryMessage = 'Ce champ est obligatoire.';
export const unknownFieldMessage = 'Ce champ n’existe pas dans ce formulaire.';
export const notAnObjectMessage = 'Les valeurs du formulaire doivent être un objet (identifiant du champ → valeur).';

/** A form's fields turned into the two checks a dossier goes through. */
export interface CompiledForm {
  readonly fields: readonly FormField[];
  /** While editing: missing values are fine, wrongly shaped ones and unknown fields are not. */
  validateDraft(values: unknown): FormValidationResult;
  /** At submission: as a draft, and every mandatory field has a value. */
  validateSubmission(values: unknown): FormValidationResult;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Compiles a revision's fields once; the result validates any number of value sets. Values are keyed
 * by `stableId`; the cleaned values leave out empty ones (null, blank text, no file), so saving null
 * clears a value. Throws if two fields share a stable id (the procedures service refuses that).
 */
export function compileForm(fields: readonly FormField[]): CompiledForm {
  const byStableId = new Map<string, FormField>();
  for (const field of fields) {
    if (byStableId.has(field.stableId)) throw new Error(`compileForm: stable id ${field.stableId} appears twice`);
    byStableId.set(field.stableId, field);
  }

  function validate(values: unknown, requireMandatory: boolean): FormValidationResult {
    if (!isRecord(values)) return { ok: false, fields: { _: notAnObjectMessage } };
    const errors: Record<string, string> = {};
    for (const key of Object.keys(values)) {
      if (!byStableId.has(key)) errors[key] = unknownFieldMessage;
    }
    const cleaned: FormValues = {};
    for (const field of fields) {
      const raw = Object.hasOwn(values, field.stableId) ? values[field.stableId] : undefined;
      const result = validateFieldValue(field, raw);
      if (result.kind === 'invalid') {
        errors[field.stableId] = result.message;
        continue;
      }
      const mandatory = requireMandatory && field.mandatory === true && !structureFieldTypes.has(field.type);
      // A mandatory checkbox is an agreement ("J'atteste…"): it must be ticked, not merely answered.
      const missing = result.kind === 'empty' || (field.type === 'checkbox' && result.value === false);
      if (mandatory && missing) {
        errors[field.stableId] = mandatoryMessage;
        continue;
      }
      if (result.kind === 'value') cleaned[field.stableId] = result.value;
    }
    return Object.keys(errors).length > 0 ? { ok: false, fields: errors } : { ok: true, values: cleaned };
  }

  return {
    fields,
    validateDraft: (values) => validate(values, false),
    validateSubmission: (values) => validate(values, true),
  };
}
