import { type ComparisonCondition, type Condition, type ConditionValue, type Operator, maxConditionDepth, operatorsForFieldType } from '@guichet/conditions';
import { type FormField } from '@guichet/forms';

/**
 * Pure helpers behind the condition editor. The editor always edits a group (`and`/`or`) at the
 * root; a node is addressed by its path of indexes in the nested `conditions` lists.
 */
export type ConditionGroup = Extract<Condition, { kind: 'and' | 'or' }>;
export type NodePath = readonly number[];

/** Deepest group level the editor lets users add (the root is level 1). */
export const maxGroupLevel = Math.min(3, maxConditionDepth - 1);

/** A stored condition as the editor shows it: a comparison or a constant becomes a group. */
export function toGroup(condition: Condition): ConditionGroup {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return condition;
    case 'comparison':
      return { kind: 'and', conditions: [condition] };
    case 'constant':
      // An empty `and` always holds, an empty `or` never does.
      return { kind: condition.value ? 'and' : 'or', conditions: [] };
  }
}

/** The fields a condition may test: those whose type has operators (not titles, blocks, …). */
export function testableFields(fields: readonly FormField[]): FormField[] {
  return fields.filter((field) => operatorsForFieldType(field.type).length > 0);
}

export function nodeAt(root: ConditionGroup, path: NodePath): Condition | undefined {
  let node: Condition | undefined = root;
  for (const index of path) {
    if (node === undefined || (node.kind !== 'and' && node.kind !== 'or')) return undefined;
    node = node.conditions[index];
  }
  return node;
}

/** A copy of `root` with the node at `path` replaced by `update(node)`, or removed when it returns null. */
export function updateAt(root: ConditionGroup, path: NodePath, update: (node: Condition) => Condition | null): ConditionGroup {
  const [head, ...rest] = path;
  if (head === undefined) {
    const updated = update(root);
    return updated === null ? { ...root, conditions: [] } : toGroup(updated);
  }
  const conditions: Condition[] = [];
  root.conditions.forEach((child, index) => {
    if (index !== head) {
      conditions.push(child);
      return;
    }
    if (rest.length === 0) {
      const updated = update(child);
      if (updated !== null) conditions.push(updated);
      return;
    }
    conditions.push(child.kind === 'and' || child.kind === 'or' ? updateAt(child, rest, update) : child);
  });
  return { ...root, conditions };
}

export function removeAt(root: ConditionGroup, path: NodePath): ConditionGroup {
  return updateAt(root, path, () => null);
}

/** Adds `node` at the end of the group at `path`. */
export function appendTo(root: ConditionGroup, path: NodePath, node: Condition): ConditionGroup {
  return updateAt(root, path, (group) => (group.kind === 'and' || group.kind === 'or' ? { ...group, conditions: [...group.conditions, node] } : group));
}

/** How the value of a comparison is typed in, for a field type and an operator. */
export type ValueInput =
  | { kind: 'none' }
  | { kind: 'text' }
  | { kind: 'number'; integer: boolean }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'boolean' }
  | { kind: 'choice'; choices: readonly string[] }
  | { kind: 'departement' }
  | { kind: 'region' }
  | { kind: 'pays' }
  | { kind: 'code'; hint: string };

export const civiliteChoices = ['M.', 'Mme'] as const;

export function valueInputFor(field: FormField | undefined, operator: Operator): ValueInput {
  if (operator === 'empty' || operator === 'not_empty') return { kind: 'none' };
  if (operator === 'in_departement' || operator === 'not_in_departement') return { kind: 'departement' };
  if (operator === 'in_region' || operator === 'not_in_region') return { kind: 'region' };
  switch (field?.type) {
    case 'integer_number':
      return { kind: 'number', integer: true };
    case 'decimal_number':
      return { kind: 'number', integer: false };
    case 'date':
      return { kind: 'date' };
    case 'datetime':
      return { kind: 'datetime' };
    case 'checkbox':
    case 'yes_no':
      return { kind: 'boolean' };
    case 'drop_down_list':
    case 'multiple_drop_down_list':
      return { kind: 'choice', choices: field.options?.choices ?? [] };
    case 'civilite':
      return { kind: 'choice', choices: civiliteChoices };
    case 'departements':
      return { kind: 'departement' };
    case 'regions':
      return { kind: 'region' };
    case 'pays':
      return { kind: 'pays' };
    case 'communes':
      return { kind: 'code', hint: 'Code INSEE de la commune (exemple : 75056).' };
    case 'epci':
      return { kind: 'code', hint: 'Numéro SIREN de l’EPCI, 9 chiffres (exemple : 200054781).' };
    default:
      return { kind: 'text' };
  }
}

/** The value a new comparison starts with: none, or the first choice when there is a list. */
function initialValue(input: ValueInput): ConditionValue | undefined {
  switch (input.kind) {
    case 'boolean':
      return true;
    case 'choice':
      return input.choices[0];
    default:
      return undefined;
  }
}

/** Whether a kept value still suits a new value input (same kind, and a valid choice). */
function valueFits(value: ConditionValue | undefined, before: ValueInput, after: ValueInput): boolean {
  if (value === undefined || before.kind !== after.kind) return false;
  if (after.kind === 'choice') return typeof value === 'string' && after.choices.includes(value);
  if (after.kind === 'number' && after.integer) return typeof value === 'number' && Number.isInteger(value);
  return true;
}

function comparison(field: string, operator: Operator, value: ConditionValue | undefined): ComparisonCondition {
  return value === undefined ? { kind: 'comparison', field, operator } : { kind: 'comparison', field, operator, value };
}

/** A comparison on the first testable field (or on nothing yet when there is none). */
export function newComparison(fields: readonly FormField[]): ComparisonCondition {
  const field = testableFields(fields)[0];
  if (field === undefined) return { kind: 'comparison', field: '', operator: 'not_empty' };
  const operator = operatorsForFieldType(field.type)[0] ?? 'not_empty';
  return comparison(field.stableId, operator, initialValue(valueInputFor(field, operator)));
}

/** Another field: the operator is kept when the new type allows it, the value when it still fits. */
export function withField(current: ComparisonCondition, fields: readonly FormField[], stableId: string): ComparisonCondition {
  const before = fields.find((field) => field.stableId === current.field);
  const after = fields.find((field) => field.stableId === stableId);
  const allowed = after === undefined ? [] : operatorsForFieldType(after.type);
  const operator = allowed.includes(current.operator) ? current.operator : (allowed[0] ?? current.operator);
  const input = valueInputFor(after, operator);
  const keep = valueFits(current.value, valueInputFor(before, current.operator), input);
  return comparison(stableId, operator, keep ? current.value : initialValue(input));
}

export function withOperator(current: ComparisonCondition, fields: readonly FormField[], operator: Operator): ComparisonCondition {
  const field = fields.find((candidate) => candidate.stableId === current.field);
  const input = valueInputFor(field, operator);
  const keep = valueFits(current.value, valueInputFor(field, current.operator), input);
  return comparison(current.field, operator, keep ? current.value : initialValue(input));
}

export function withValue(current: ComparisonCondition, value: ConditionValue | undefined): ComparisonCondition {
  return comparison(current.field, current.operator, value);
}

/**
 * What an input gives for a comparison's value: numbers as numbers (French decimal comma accepted),
 * `true`/`false` for yes/no, text otherwise; blank is no value.
 */
export function parseValueInput(input: ValueInput, raw: string): ConditionValue | undefined {
  if (raw.trim() === '') return undefined;
  switch (input.kind) {
    case 'number': {
      const number = Number(raw.trim().replace(',', '.'));
      return Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      return raw === 'true';
    case 'code':
      return raw.trim().toUpperCase();
    default:
      return raw;
  }
}

/** The text an input shows for a stored value. */
export function formatValueInput(value: ConditionValue | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * Errors of a condition keyed by the paths the procedures service reports inside it (`''`,
 * `conditions.0.value`…), turned into the editor's paths when the stored root was a lone
 * comparison (which the editor shows as the first comparison of a group).
 */
export function errorAt(errors: Readonly<Record<string, string>> | undefined, stored: Condition | null, path: NodePath, part: 'field' | 'operator' | 'value' | ''): string | undefined {
  if (errors === undefined) return undefined;
  const suffix = part === '' ? [] : [part];
  if (stored?.kind === 'comparison') {
    if (path.length === 1 && path[0] === 0) return errors[suffix.join('.')];
    return undefined;
  }
  const key = [...path.flatMap((index) => ['conditions', String(index)]), ...suffix].join('.');
  return errors[key];
}
