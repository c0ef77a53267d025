import { type Condition, type ConditionReferenceField, validateConditionReferences } from '@guichet/conditions';
import type { FieldDefinition } from '@guichet/contracts';
import { fieldCatalogue, maxAttachmentBytes, validateFieldOptions } from '@guichet/forms';

export { maxAttachmentBytes };

/** Labels that differ only by case, accents' encoding or spacing read as the same label. */
function labelKey(label: string): string {
  return label.normalize('NFC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('fr-FR');
}

type FieldLike = Pick<FieldDefinition, 'stableId' | 'type' | 'label' | 'mandatory' | 'options'> & {
  readonly children?: readonly FieldLike[] | undefined;
  readonly condition?: Condition | undefined;
};

/** What the condition check needs: every field in form order (a block's children right after it). */
interface Flattened {
  readonly references: ConditionReferenceField[];
  readonly conditions: Map<string, Condition>;
  /** Stable id → payload path of the field (`fields.3`, `fields.2.children.1`); first one wins. */
  readonly paths: Map<string, string>;
}

/**
 * Checks one list of fields (the form, or a repetition's children): unique labels, options against
 * the type's catalogue entry, structure types never mandatory, repetitions' children. Stable ids
 * are unique across the whole form, children included, so `seenStableIds` is shared.
 */
function validateLevel(fields: readonly FieldLike[], at: string, seenStableIds: Set<string>, errors: Record<string, string>, flat: Flattened, parent: string | undefined): void {
  const seenLabels = new Set<string>();
  fields.forEach((field, index) => {
    const path = `${at}.${index}`;
    if (seenStableIds.has(field.stableId)) errors[`${path}.stableId`] = 'Cet identifiant est déjà celui d’un autre champ.';
    seenStableIds.add(field.stableId);
    if (!flat.paths.has(field.stableId)) flat.paths.set(field.stableId, path);
    const choices = field.options.choices;
    flat.references.push({
      stableId: field.stableId,
      type: field.type,
      label: field.label,
      ...(choices !== undefined ? { choices } : {}),
      ...(parent !== undefined ? { parentStableId: parent } : {}),
    });
    if (field.condition !== undefined && !flat.conditions.has(field.stableId)) flat.conditions.set(field.stableId, field.condition);

    const label = labelKey(field.label);
    if (seenLabels.has(label)) errors[`${path}.label`] = 'Un autre champ porte déjà ce libellé.';
    seenLabels.add(label);

    if (field.mandatory && !fieldCatalogue[field.type].hasValue) errors[`${path}.mandatory`] = 'Un titre de section ou une explication ne peut pas être obligatoire.';

    for (const [option, message] of Object.entries(validateFieldOptions(field.type, field.options))) {
      errors[option === '' ? `${path}.options` : `${path}.options.${option}`] = message;
    }

    if (field.type === 'repetition') {
      if (parent !== undefined) {
        errors[`${path}.type`] = 'Un bloc répétable ne peut pas contenir un autre bloc répétable.';
        return;
      }
      const children = field.children ?? [];
      if (children.length === 0) errors[`${path}.children`] = 'Un bloc répétable contient au moins un champ.';
      validateLevel(children, `${path}.children`, seenStableIds, errors, flat, field.stableId);
    } else if (field.children !== undefined && field.children.length > 0) {
      errors[`${path}.children`] = 'Seul un bloc répétable contient des champs.';
    }
  });
}

/**
 * Checks what the contract's schema cannot see: the fields taken together (unique stable ids,
 * unique labels per level), each type's option rules from the field catalogue, and conditions
 * (only earlier fields, of the same block for a block's fields; operators and values per type; no
 * cycles). Returns field path → French message, empty when the fields are valid. Paths are relative
 * to the payload (`fields.2.options.choices`, `fields.4.children.1.label`, `fields.5.condition.field`,
 * `annotations.0.label`).
 */
export function validateFieldDefinitions(fields: readonly FieldLike[], annotations: readonly FieldLike[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  const flat: Flattened = { references: [], conditions: new Map(), paths: new Map() };
  const seenStableIds = new Set<string>();
  validateLevel(fields, 'fields', seenStableIds, errors, flat, undefined);
  // Annotations come after every field: they may read the fields, the fields never read them.
  validateLevel(annotations, 'annotations', seenStableIds, errors, flat, undefined);
  for (const problem of validateConditionReferences(flat.references, flat.conditions)) {
    const owner = flat.paths.get(problem.fieldStableId);
    if (owner === undefined) continue;
    errors[`${owner}.condition${problem.path === '' ? '' : `.${problem.path}`}`] ??= problem.message;
  }
  return errors;
}
