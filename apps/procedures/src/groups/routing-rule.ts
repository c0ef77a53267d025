import { conditionSchema, validateConditionReferences, type Condition, type ConditionReferenceField } from '@guichet/conditions';
import { fieldErrorsFromZod, GuichetError, type FieldDefinition } from '@guichet/contracts';

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
