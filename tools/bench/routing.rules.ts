import type { Condition } from '@guichet/conditions';
import type { FieldDefinition } from '@guichet/contracts';

export interface BenchFields {
  departement: FieldDefinition;
  theme: FieldDefinition;
  montant: FieldDefinition;
}

const comparison = (field: string, operator: 'eq' | 'in_departement' | 'gte', value: string | number): Condition => ({ kind: 'comparison', field, operator, value });

/**
 * The rule of the benchmark's group for one (département, theme) pair. Half use the geographic
 * operator, half an equality plus a threshold, so several comparison paths of the evaluator run.
 */
export function benchRule(fields: BenchFields, departement: string, theme: string, index: number): Condition {
  if (index % 2 === 0) {
    return { kind: 'and', conditions: [comparison(fields.departement.stableId, 'in_departement', departement), comparison(fields.theme.stableId, 'eq', theme)] };
  }
  return {
    kind: 'and',
    conditions: [comparison(fields.departement.stableId, 'eq', departement), comparison(fields.theme.stableId, 'eq', theme), comparison(fields.montant.stableId, 'gte', 0)],
  };
}
