import { conditionSchema, type Condition } from './condition.model';
import { evaluateCondition, type GeoResolver } from './condition.evaluator';
import type { CompiledRule, RulePredicate } from './routing.table';

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
