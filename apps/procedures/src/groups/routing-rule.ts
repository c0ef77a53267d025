import { conditionSchema, evaluateCondition, validateConditionReferences, type Condition, type ConditionReferenceField, type GeoResolver } from '@guichet/conditions';
import { fieldErrorsFromZod, GuichetError, type FieldDefinition } from '@guichet/contracts';
import type { CompiledRule, RulePredicate } from './routing.table';

/** The key a rule is checked under (the group is not a field of the form, so no "earlier field" rule applies). */
const ruleOwner = 'routingRule';

function choicesOf(field: FieldDefinition): readonly string[] | undefined {
  const { choices } = field.options as { choices?: unknown };
  return Array.isArray(choices) && choices.every((choice) => typeof choice === 'string') ? (choices as string[]) : undefined;
}

/** The fields as the conditions library sees them; repetition children keep their block, so rules may not test them. */
function referenceFields(fields: readonly FieldDefinition[]): ConditionReferenceField[] {
  return fields.flatMap((field) => {
    const choices = choicesOf(field);
    const own: ConditionReferenceField = { stableId: field.stableId, type: field.type, label: field.label, ...(choices !== undefined ? { choices } : {}) };
    const children = (field.children ?? []).map((child): ConditionReferenceField => {
      const childChoices = choicesOf(child);
      return { stableId: child.stableId, type: child.type, label: child.label, parentStableId: field.stableId, ...(childChoices !== undefined ? { choices: childChoices } : {}) };
    });
    return [own, ...children];
  });
}

/**
 * A routing rule as sent by an administrateur, checked: a well-formed condition (shape, depth, size,
 * values per operator) that tests only fields of the procedure, with operators their types allow.
 * Refusals are VALIDATION_FAILED with `routingRule.<path in the condition>` → French message.
 */
export function checkRoutingRule(rule: unknown, fields: readonly FieldDefinition[]): Condition {
  const parsed = conditionSchema.safeParse(rule);
  if (!parsed.success) {
    const problems = Object.fromEntries(Object.entries(fieldErrorsFromZod(parsed.error)).map(([path, message]) => [path === '_' ? ruleOwner : `${ruleOwner}.${path}`, message]));
    throw new GuichetError('VALIDATION_FAILED', 'La règle de routage est invalide.', problems);
  }
  const problems = validateConditionReferences(referenceFields(fields), new Map([[ruleOwner, parsed.data]]));
  if (problems.length > 0) {
    const byPath: Record<string, string> = {};
    for (const problem of problems) {
      const path = problem.path === '' ? ruleOwner : `${ruleOwner}.${problem.path}`;
      byPath[path] ??= problem.message;
    }
    throw new GuichetError('VALIDATION_FAILED', 'La règle de routage ne correspond pas au formulaire de la démarche.', byPath);
  }
  return parsed.data;
}

/**
 * Turns a condition into nested closures once, so routing a dossier walks no tree and dispatches on
 * no `kind`; each comparison is left to the shared evaluator, so the semantics are exactly those
 * of the browser and the other server-side uses.
 */
export function compileCondition(condition: Condition, geo?: GeoResolver): RulePredicate {
  switch (condition.kind) {
    case 'constant': {
      const { value } = condition;
      return () => value;
    }
    case 'comparison':
      return (lookup) => evaluateCondition(condition, lookup, geo);
    case 'and':
    case 'or': {
      const parts = condition.conditions.map((child) => compileCondition(child, geo));
      const only = parts.length === 1 ? parts[0] : undefined;
      if (only !== undefined) return only;
      if (condition.kind === 'and') {
        return (lookup) => {
          for (let index = 0; index < parts.length; index += 1) if (!(parts[index] as RulePredicate)(lookup)) return false;
          return true;
        };
      }
      return (lookup) => {
        for (let index = 0; index < parts.length; index += 1) if ((parts[index] as RulePredicate)(lookup)) return true;
        return false;
      };
    }
  }
}

/**
 * The first `eq` comparison with a text value at the top of the rule (alone or in a top-level
 * `and`): the rule cannot hold unless that field equals it. The evaluator compares two strings as
 * trimmed text, so a string value matches only when its trimmed text is the key; values of other
 * shapes (numbers, locations) are not indexed and keep every such rule as a candidate.
 */
export function guardOf(condition: Condition): CompiledRule['guard'] {
  const candidates = condition.kind === 'and' ? condition.conditions : [condition];
  for (const node of candidates) {
    if (node.kind === 'comparison' && node.operator === 'eq' && typeof node.value === 'string') return { field: node.field, key: node.value.trim() };
  }
  return undefined;
}

/** A stored rule that no longer parses (it was checked when saved) matches nothing rather than failing routing. */
export function compileRoutingRule(rule: unknown, geo?: GeoResolver): CompiledRule {
  const parsed = conditionSchema.safeParse(rule);
  if (!parsed.success) return { predicate: () => false };
  const guard = guardOf(parsed.data);
  return { predicate: compileCondition(parsed.data, geo), ...(guard !== undefined ? { guard } : {}) };
}
