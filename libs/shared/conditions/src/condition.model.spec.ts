import { describe, expect, it } from 'vitest';
import { type Condition, conditionSchema, isIsoDate, maxConditionDepth, maxConditionNodes, referencedFields } from './index';

const comparison = (operator: string, value?: unknown): Record<string, unknown> =>
  value === undefined ? { kind: 'comparison', field: 'f', operator } : { kind: 'comparison', field: 'f', operator, value };

const accepts = (input: unknown): boolean => conditionSchema.safeParse(input).success;

describe('conditionSchema: accepted conditions', () => {
  it.each([
    ['empty without value', comparison('empty')],
    ['not_empty without value', comparison('not_empty')],
    ['eq text', comparison('eq', 'Association')],
    ['eq number', comparison('eq', 12.5)],
    ['eq boolean', comparison('eq', false)],
    ['eq a set of choices', comparison('eq', ['A', 'B'])],
    ['not_eq text', comparison('not_eq', 'A')],
    ['lt number', comparison('lt', -3)],
    ['lte date', comparison('lte', '2024-02-29')],
    ['gt date-time', comparison('gt', '2024-01-01T10:00:00Z')],
    ['gte zero', comparison('gte', 0)],
    ['include a choice', comparison('include', 'Sport')],
    ['exclude a choice', comparison('exclude', 'Culture')],
    ['in_departement 75', comparison('in_departement', '75')],
    ['in_departement 2A', comparison('in_departement', '2A')],
    ['not_in_departement 971', comparison('not_in_departement', '971')],
    ['in_region 11', comparison('in_region', '11')],
    ['not_in_region 04', comparison('not_in_region', '04')],
    ['constant true', { kind: 'constant', value: true }],
    ['constant false', { kind: 'constant', value: false }],
    ['empty and', { kind: 'and', conditions: [] }],
    ['nested and/or', { kind: 'and', conditions: [comparison('empty'), { kind: 'or', conditions: [comparison('eq', 'x'), { kind: 'constant', value: true }] }] }],
  ])('%s', (_, input) => expect(accepts(input)).toBe(true));

  it('returns the typed tree', () => {
    const parsed: Condition = conditionSchema.parse({ kind: 'or', conditions: [comparison('eq', 'x')] });
    expect(parsed).toEqual({ kind: 'or', conditions: [{ kind: 'comparison', field: 'f', operator: 'eq', value: 'x' }] });
  });
});

describe('conditionSchema: refused conditions', () => {
  it.each([
    ['empty with a value', comparison('empty', 'x')],
    ['not_empty with a value', comparison('not_empty', false)],
    ['eq without value', comparison('eq')],
    ['eq with an infinite number', comparison('eq', Number.POSITIVE_INFINITY)],
    ['eq with null', comparison('eq', null)],
    ['eq with an object', comparison('eq', { a: 1 })],
    ['lt with text', comparison('lt', 'dix')],
    ['lt with a boolean', comparison('lt', true)],
    ['gt with an impossible date', comparison('gt', '2023-02-29')],
    ['gte with a French date', comparison('gte', '01/01/2024')],
    ['include a list', comparison('include', ['A'])],
    ['include blank', comparison('include', '  ')],
    ['exclude a number', comparison('exclude', 3)],
    ['in_departement 96', comparison('in_departement', '96')],
    ['in_departement 20', comparison('in_departement', '20')],
    ['in_departement 977', comparison('in_departement', '977')],
    ['in_departement a number', comparison('in_departement', 75)],
    ['in_region with three digits', comparison('in_region', '111')],
    ['not_in_region a name', comparison('not_in_region', 'Bretagne')],
    ['unknown operator', comparison('contains', 'x')],
    ['unknown kind', { kind: 'not', conditions: [] }],
    ['missing field', { kind: 'comparison', operator: 'empty' }],
    ['blank field', { kind: 'comparison', field: '', operator: 'empty' }],
    ['extra key', { ...comparison('empty'), extra: 1 }],
    ['constant without boolean', { kind: 'constant', value: 'yes' }],
    ['group without list', { kind: 'and', conditions: comparison('empty') }],
    ['bad child in a group', { kind: 'or', conditions: [comparison('empty'), comparison('lt', 'x')] }],
    ['null', null],
    ['a string', 'eq'],
    ['an array', [comparison('empty')]],
  ])('%s', (_, input) => expect(accepts(input)).toBe(false));

  it('reports the value path of a bad comparison', () => {
    const result = conditionSchema.safeParse({ kind: 'and', conditions: [comparison('empty'), comparison('in_region', 'Bretagne')] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(['conditions', 1, 'value']);
  });

  it(`refuses a tree deeper than ${maxConditionDepth} levels without exhausting the stack`, () => {
    let deep: unknown = comparison('empty');
    for (let i = 0; i < 100_000; i += 1) deep = { kind: 'and', conditions: [deep] };
    const result = conditionSchema.safeParse(deep);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/trop imbriquée/u);
  });

  it(`accepts exactly ${maxConditionDepth} levels`, () => {
    let deep: unknown = comparison('empty');
    for (let i = 1; i < maxConditionDepth; i += 1) deep = { kind: 'and', conditions: [deep] };
    expect(accepts(deep)).toBe(true);
    expect(accepts({ kind: 'and', conditions: [deep] })).toBe(false);
  });

  it(`refuses more than ${maxConditionNodes} elements`, () => {
    const many = { kind: 'or', conditions: Array.from({ length: maxConditionNodes }, () => comparison('empty')) };
    const result = conditionSchema.safeParse(many);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/trop longue/u);
  });
});

describe('isIsoDate', () => {
  it.each(['2024-02-29', '2024-12-31', '2024-01-01T00:00', '2024-01-01T10:00:00Z', '2024-01-01T10:00:00.123+02:00'])('%s is a date', (value) =>
    expect(isIsoDate(value)).toBe(true),
  );
  it.each(['2023-02-29', '2024-04-31', '2024-13-01', '24-01-01', '2024-1-1', '01/01/2024', '', 20240101])('%s is not', (value) => expect(isIsoDate(value)).toBe(false));
});

describe('referencedFields', () => {
  it('lists each field once, in order of first use', () => {
    const condition: Condition = {
      kind: 'and',
      conditions: [
        { kind: 'comparison', field: 'b', operator: 'empty' },
        { kind: 'or', conditions: [{ kind: 'comparison', field: 'a', operator: 'eq', value: 1 }, { kind: 'comparison', field: 'b', operator: 'not_empty' }] },
        { kind: 'constant', value: true },
      ],
    };
    expect(referencedFields(condition)).toEqual(['b', 'a']);
  });
  it('is empty for a constant', () => expect(referencedFields({ kind: 'constant', value: true })).toEqual([]));
});
