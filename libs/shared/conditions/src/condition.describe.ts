import { type Condition, type ConditionValue } from './condition.model';
import { operatorLabel } from './condition.references';

function describeValue(value: ConditionValue): string {
  if (Array.isArray(value)) return value.map((item) => `« ${item} »`).join(', ');
  if (typeof value === 'boolean') return value ? '« Oui »' : '« Non »';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const date = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (date !== null) return `${date[3] ?? ''}/${date[2] ?? ''}/${date[1] ?? ''}`;
  return `« ${value} »`;
}

function describeNode(condition: Condition, labelOf: (stableId: string) => string | undefined, nested: boolean): string {
  switch (condition.kind) {
    case 'constant':
      return condition.value ? 'toujours' : 'jamais';
    case 'comparison': {
      const subject = `« ${labelOf(condition.field) ?? 'champ inconnu'} » ${operatorLabel(condition.operator)}`;
      if (condition.value === undefined) return subject;
      const geographic = condition.operator.includes('departement') || condition.operator.includes('region');
      return `${subject} ${geographic ? String(condition.value) : describeValue(condition.value)}`;
    }
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) return condition.kind === 'and' ? 'toujours' : 'jamais';
      if (condition.conditions.length === 1 && condition.conditions[0] !== undefined) return describeNode(condition.conditions[0], labelOf, nested);
      const parts = condition.conditions.map((child) => describeNode(child, labelOf, true));
      const sentence = parts.join(condition.kind === 'and' ? ' et ' : ' ou ');
      return nested ? `(${sentence})` : sentence;
    }
  }
}

/**
 * A French sentence for the builder and the revision diff: « Si « Type de demande » est égal à
 * « Association » et (« Montant » est supérieur à 1000 ou « Urgent » est égal à « Oui ») ».
 * `labelOf` gives a field's label by stable id; unknown fields read « champ inconnu ».
 */
export function describeCondition(condition: Condition, labelOf: (stableId: string) => string | undefined): string {
  if (condition.kind === 'constant') return condition.value ? 'Toujours' : 'Jamais';
  const sentence = describeNode(condition, labelOf, false);
  if (sentence === 'toujours' || sentence === 'jamais') return sentence === 'toujours' ? 'Toujours' : 'Jamais';
  return `Si ${sentence}`;
}
