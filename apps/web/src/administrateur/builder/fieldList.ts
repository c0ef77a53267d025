import { type FormField, type FormFieldType, fieldCatalogue, fieldCategories, fieldCategoryLabels, formFieldTypes } from '@guichet/forms';
import { type FieldDefinition } from '@guichet/contracts';
import { defaultOptionsFor, keepApplicableOptions } from './optionInputs';

/** A field of the form being built: the API's definition (a repetition's children inside). */
export type BuilderField = FieldDefinition;
export type BuilderChild = NonNullable<FieldDefinition['children']>[number];

/** The catalogue's types grouped by category, in catalogue order, for the "add a field" picker. */
export const fieldTypeGroups: readonly { category: string; label: string; types: readonly { type: FormFieldType; label: string }[] }[] = fieldCategories.map((category) => ({
  category,
  label: fieldCategoryLabels[category],
  types: formFieldTypes.filter((type) => fieldCatalogue[type].category === category).map((type) => ({ type, label: fieldCatalogue[type].label })),
}));

export function newField(type: FormFieldType, stableId: string = crypto.randomUUID()): BuilderField {
  return {
    stableId,
    type,
    label: fieldCatalogue[type].label,
    description: '',
    mandatory: false,
    options: defaultOptionsFor(type),
    ...(type === 'repetition' ? { children: [] } : {}),
  };
}

/** The same field with another type: options it no longer takes are dropped, children kept only for a block. */
export function changeType<T extends BuilderChild | BuilderField>(field: T, type: FormFieldType): T {
  const { children: _children, ...rest } = field as BuilderField;
  const changed = { ...rest, type, options: keepApplicableOptions(type, field.options), ...(fieldCatalogue[type].hasValue ? {} : { mandatory: false }) };
  if (type === 'repetition') return { ...changed, children: (field as BuilderField).children ?? [] } as T;
  return changed as T;
}

/** The list with the item at `index` moved by `offset` (-1 up, +1 down); unchanged at the ends. */
export function move<T>(list: readonly T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset;
  const copy = [...list];
  const item = copy[index];
  const other = copy[target];
  if (item === undefined || other === undefined) return copy;
  copy[index] = other;
  copy[target] = item;
  return copy;
}

/**
 * The fields a field's condition may test, as the procedures service allows: the fields placed
 * before it; for a block's field, the earlier fields of its block and the form's fields before the
 * block. Fields without a label are left out (nothing to show in the picker).
 */
export function fieldsBefore(fields: readonly BuilderField[], stableId: string): FormField[] {
  const before: FormField[] = [];
  for (const field of fields) {
    if (field.stableId === stableId) return before;
    if (field.type === 'repetition') {
      const children = field.children ?? [];
      const index = children.findIndex((child) => child.stableId === stableId);
      if (index >= 0) return [...before, ...children.slice(0, index)];
    }
    before.push(field);
  }
  return before;
}

/** The form as the service takes it: labels trimmed, empty descriptions kept, no children outside blocks. */
export function toPayload(fields: readonly BuilderField[]): BuilderField[] {
  return fields.map((field) => {
    const { children, ...rest } = field;
    const trimmed = { ...rest, label: rest.label.trim() };
    return field.type === 'repetition' ? { ...trimmed, children: (children ?? []).map((child) => ({ ...child, label: child.label.trim() })) } : trimmed;
  });
}
