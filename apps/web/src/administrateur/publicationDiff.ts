import { conditionSchema, describeCondition } from '@guichet/conditions';
import { fieldCatalogue, formFieldTypes, type FormFieldType } from '@guichet/forms';
import { type FieldDefinition, type RevisionChange } from '@guichet/contracts';
import { optionInputsFor } from './builder/optionInputs';

/** French names of the kinds of change, as the publication page lists them. */
export const changeKindLabels: Readonly<Record<RevisionChange['kind'], string>> = {
  added: 'Ajouté',
  removed: 'Supprimé',
  moved: 'Déplacé',
  changed: 'Modifié',
};

export type ChangeLine = { what: string; from: string; to: string };

const isFieldType = (value: unknown): value is FormFieldType => typeof value === 'string' && (formFieldTypes as readonly string[]).includes(value);

/** Every field of both revisions (repetition children included) by stable id; the draft wins. */
export function fieldsById(...revisions: readonly (readonly FieldDefinition[])[]): Map<string, FieldDefinition> {
  const byId = new Map<string, FieldDefinition>();
  const add = (fields: readonly FieldDefinition[]) => {
    for (const field of fields) {
      if (!byId.has(field.stableId)) byId.set(field.stableId, field);
      add(field.children ?? []);
    }
  };
  for (const fields of revisions) add(fields);
  return byId;
}

/** A stored value in French: texts quoted, yes/no, lists joined, empty values named. */
function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(vide)';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return String(value).replace('.', ',');
  if (typeof value === 'string') return `« ${value} »`;
  if (Array.isArray(value)) return value.length === 0 ? '(vide)' : value.map((item) => formatValue(item)).join(', ');
  if (typeof value === 'object' && 'value' in value) {
    const { value: choice, children } = value as { value: unknown; children?: unknown };
    return Array.isArray(children) && children.length > 0 ? `${formatValue(choice)} (${formatValue(children)})` : formatValue(choice);
  }
  return JSON.stringify(value);
}

/**
 * The lines « what: from → to » of a changed field, in French: type names from the catalogue,
 * options by their builder label, conditions as sentences (field labels from `fields`).
 */
export function changeLines(change: RevisionChange, fields: ReadonlyMap<string, FieldDefinition>): ChangeLine[] {
  const labelOf = (stableId: string) => fields.get(stableId)?.label;
  const type = fields.get(change.stableId)?.type;
  return change.changes.map(({ attribute, from, to, summary }) => {
    switch (attribute) {
      case 'label':
        return { what: 'Libellé', from: formatValue(from), to: formatValue(to) };
      case 'description':
        return { what: 'Description', from: formatValue(from), to: formatValue(to) };
      case 'type':
        return { what: 'Type', from: isFieldType(from) ? fieldCatalogue[from].label : formatValue(from), to: isFieldType(to) ? fieldCatalogue[to].label : formatValue(to) };
      case 'mandatory':
        return { what: 'Caractère obligatoire', from: from === true ? 'obligatoire' : 'facultatif', to: to === true ? 'obligatoire' : 'facultatif' };
      case 'condition': {
        const sentence = (value: unknown): string => {
          if (value === null || value === undefined) return 'toujours affiché';
          const parsed = conditionSchema.safeParse(value);
          return parsed.success ? describeCondition(parsed.data, labelOf) : formatValue(value);
        };
        return { what: 'Condition d’affichage', from: sentence(from), to: sentence(to) };
      }
      case 'children': {
        const count = (value: unknown): string => {
          const length = Array.isArray(value) ? value.length : 0;
          return length === 0 ? 'aucun champ' : `${length} champ${length > 1 ? 's' : ''}`;
        };
        return { what: 'Champs du bloc répétable', from: count(from), to: count(to) };
      }
      default: {
        if (attribute.startsWith('options.')) {
          const key = attribute.slice('options.'.length);
          const input = type === undefined ? undefined : optionInputsFor(type).find((candidate) => candidate.key === key);
          return { what: input?.label ?? `Option « ${key} »`, from: formatValue(from), to: formatValue(to) };
        }
        return { what: summary, from: formatValue(from), to: formatValue(to) };
      }
    }
  });
}
