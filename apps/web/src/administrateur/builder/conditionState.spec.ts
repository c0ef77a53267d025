import { type Condition } from '@guichet/conditions';
import { type FormField } from '@guichet/forms';
import { describe, expect, it } from 'vitest';
import {
  type ConditionGroup,
  appendTo,
  errorAt,
  newComparison,
  nodeAt,
  parseValueInput,
  removeAt,
  testableFields,
  toGroup,
  updateAt,
  valueInputFor,
  withField,
  withOperator,
} from './conditionState';

const title: FormField = { stableId: 'title', type: 'header_section', label: 'Votre demande' };
const kind: FormField = { stableId: 'kind', type: 'drop_down_list', label: 'Type', options: { choices: ['Association', 'Entreprise'] } };
const amount: FormField = { stableId: 'amount', type: 'integer_number', label: 'Montant' };
const price: FormField = { stableId: 'price', type: 'decimal_number', label: 'Prix' };
const commune: FormField = { stableId: 'commune', type: 'communes', label: 'Commune' };
const fields = [title, kind, amount, price, commune];

describe('condition editor state', () => {
  it('shows any stored condition as a group', () => {
    const comparison: Condition = { kind: 'comparison', field: 'amount', operator: 'gt', value: 3 };
    expect(toGroup(comparison)).toEqual({ kind: 'and', conditions: [comparison] });
    expect(toGroup({ kind: 'constant', value: true })).toEqual({ kind: 'and', conditions: [] });
    expect(toGroup({ kind: 'constant', value: false })).toEqual({ kind: 'or', conditions: [] });
    const group: Condition = { kind: 'or', conditions: [comparison] };
    expect(toGroup(group)).toBe(group);
  });

  it('offers only the fields a condition can test', () => {
    expect(testableFields(fields).map((field) => field.stableId)).toEqual(['kind', 'amount', 'price', 'commune']);
  });

  it('starts a comparison on the first testable field, with its first choice', () => {
    expect(newComparison(fields)).toEqual({ kind: 'comparison', field: 'kind', operator: 'eq', value: 'Association' });
    expect(newComparison([title])).toEqual({ kind: 'comparison', field: '', operator: 'not_empty' });
  });

  it('keeps the operator and the value when the new field accepts them, resets them otherwise', () => {
    const onAmount = { kind: 'comparison', field: 'amount', operator: 'gt', value: 3 } as const;
    // Another number field: `gt` and the integer both fit.
    expect(withField(onAmount, fields, 'price')).toEqual({ kind: 'comparison', field: 'price', operator: 'gt', value: 3 });
    // A list: `gt` does not apply, the value becomes its first choice.
    expect(withField(onAmount, fields, 'kind')).toEqual({ kind: 'comparison', field: 'kind', operator: 'eq', value: 'Association' });
    // A decimal value does not fit an integer field.
    const onPrice = { kind: 'comparison', field: 'price', operator: 'lt', value: 2.5 } as const;
    expect(withField(onPrice, fields, 'amount')).toEqual({ kind: 'comparison', field: 'amount', operator: 'lt' });
  });

  it('drops the value for operators without one and switches the input for location operators', () => {
    const onCommune = { kind: 'comparison', field: 'commune', operator: 'eq', value: '75056' } as const;
    expect(withOperator(onCommune, fields, 'empty')).toEqual({ kind: 'comparison', field: 'commune', operator: 'empty' });
    expect(withOperator(onCommune, fields, 'in_departement')).toEqual({ kind: 'comparison', field: 'commune', operator: 'in_departement' });
    expect(valueInputFor(commune, 'in_region')).toEqual({ kind: 'region' });
    expect(valueInputFor(commune, 'eq').kind).toBe('code');
    expect(valueInputFor(kind, 'eq')).toEqual({ kind: 'choice', choices: ['Association', 'Entreprise'] });
    expect(valueInputFor(amount, 'not_empty')).toEqual({ kind: 'none' });
  });

  it('parses typed values by input kind', () => {
    expect(parseValueInput({ kind: 'number', integer: false }, '12,5')).toBe(12.5);
    expect(parseValueInput({ kind: 'number', integer: true }, 'douze')).toBeUndefined();
    expect(parseValueInput({ kind: 'boolean' }, 'false')).toBe(false);
    expect(parseValueInput({ kind: 'code', hint: '' }, ' 2a004 ')).toBe('2A004');
    expect(parseValueInput({ kind: 'text' }, '   ')).toBeUndefined();
  });

  it('adds, replaces and removes nodes by path without touching the others', () => {
    const a: Condition = { kind: 'comparison', field: 'amount', operator: 'gt', value: 1 };
    const b: Condition = { kind: 'comparison', field: 'amount', operator: 'lt', value: 9 };
    let root: ConditionGroup = { kind: 'and', conditions: [a] };
    root = appendTo(root, [], { kind: 'or', conditions: [b] });
    root = appendTo(root, [1], a);
    expect(nodeAt(root, [1, 1])).toEqual(a);
    const replaced = updateAt(root, [1, 0], () => ({ kind: 'comparison', field: 'amount', operator: 'empty' }));
    expect(nodeAt(replaced, [1, 0])).toEqual({ kind: 'comparison', field: 'amount', operator: 'empty' });
    expect(nodeAt(root, [1, 0])).toEqual(b);
    expect(removeAt(root, [0])).toEqual({ kind: 'and', conditions: [{ kind: 'or', conditions: [b, a] }] });
  });

  it('finds the service’s errors at the editor’s paths', () => {
    const group: Condition = { kind: 'and', conditions: [{ kind: 'or', conditions: [{ kind: 'comparison', field: 'x', operator: 'empty' }] }] };
    const errors = { 'conditions.0.conditions.0.field': 'Champ placé après.', '': 'Boucle.' };
    expect(errorAt(errors, group, [0, 0], 'field')).toBe('Champ placé après.');
    expect(errorAt(errors, group, [0, 0], 'value')).toBeUndefined();
    expect(errorAt(errors, group, [], '')).toBe('Boucle.');
    // A lone comparison is shown as the first comparison of a group.
    const lone: Condition = { kind: 'comparison', field: 'x', operator: 'eq', value: 'a' };
    expect(errorAt({ value: 'Valeur invalide.' }, lone, [0], 'value')).toBe('Valeur invalide.');
  });
});
