import { describe, expect, it } from 'vitest';
import { type Condition, type ConditionValue, type GeoResolver, type Operator, evaluateCondition, evaluateStoredCondition, isEmptyValue, visibleFields } from './index';

/** A tiny slice of the official geography, enough for the département/région operators. */
const geo: GeoResolver = {
  departementOfCommune: (code) => ({ '75056': '75', '13055': '13', '2A004': '2A', '97411': '974', '69123': '69' })[code],
  regionOfDepartement: (code) => ({ '75': '11', '92': '11', '13': '93', '2A': '94', '974': '04', '69': '84' })[code],
};

const cmp = (operator: Operator, value?: ConditionValue): Condition =>
  value === undefined ? { kind: 'comparison', field: 'f', operator } : { kind: 'comparison', field: 'f', operator, value };

/** Evaluates `f <operator> value` with `f` holding `actual`. */
const check = (operator: Operator, actual: unknown, value?: ConditionValue, resolver: GeoResolver | null = geo): boolean =>
  evaluateCondition(cmp(operator, value), (id) => (id === 'f' ? actual : undefined), resolver ?? undefined);

type Row = readonly [description: string, actual: unknown, value: ConditionValue | undefined, expected: boolean];

const missingValues: readonly [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['blank text', '   '],
  ['empty list', []],
  ['empty object', {}],
  ['NaN', Number.NaN],
];

describe('isEmptyValue', () => {
  it.each(missingValues)('%s is empty', (_, value) => expect(isEmptyValue(value)).toBe(true));
  it.each([
    ['text', 'a'],
    ['zero', 0],
    ['false', false],
    ['a list', ['a']],
    ['an address', { label: '1 rue' }],
  ] as const)('%s is not empty', (_, value) => expect(isEmptyValue(value)).toBe(false));
});

describe('empty / not_empty', () => {
  it.each(missingValues)('missing (%s): empty is true, not_empty false', (_, value) => {
    expect(check('empty', value)).toBe(true);
    expect(check('not_empty', value)).toBe(false);
  });
  it.each([
    ['text', 'x'],
    ['zero', 0],
    ['false', false],
    ['choices', ['A']],
    ['location', { code: '75056' }],
  ] as const)('present (%s): empty is false, not_empty true', (_, value) => {
    expect(check('empty', value)).toBe(false);
    expect(check('not_empty', value)).toBe(true);
  });
});

describe('every operator with a value is false on a missing value', () => {
  const withValue: readonly [Operator, ConditionValue][] = [
    ['eq', 'A'],
    ['not_eq', 'A'],
    ['lt', 10],
    ['lte', 10],
    ['gt', 10],
    ['gte', '2024-01-01'],
    ['include', 'A'],
    ['exclude', 'A'],
    ['in_departement', '75'],
    ['not_in_departement', '75'],
    ['in_region', '11'],
    ['not_in_region', '11'],
  ];
  for (const [operator, value] of withValue) {
    it.each(missingValues)(`${operator}: %s → false`, (_, missing) => expect(check(operator, missing, value)).toBe(false));
  }
});

describe('eq / not_eq', () => {
  const rows: readonly Row[] = [
    ['same text', 'Association', 'Association', true],
    ['same text with surrounding spaces', ' Association ', 'Association', true],
    ['other text', 'Entreprise', 'Association', false],
    ['case matters', 'association', 'Association', false],
    ['same number', 12, 12, true],
    ['number stored as text', '12', 12, true],
    ['decimal with a comma', '12,5', 12.5, true],
    ['other number', 13, 12, false],
    ['number against numeric text value', 12, '12', true],
    ['true against true', true, true, true],
    ['false against false', false, false, true],
    ['true against false', true, false, false],
    ['boolean against text "true" (wrong type)', true, 'true', false],
    ['text "true" against boolean (wrong type)', 'true', true, false],
    ['text against number (wrong type)', 'douze', 12, false],
    ['choices against the same set in another order', ['B', 'A'], ['A', 'B'], true],
    ['choices against a smaller set', ['A', 'B'], ['A'], false],
    ['text against a set (wrong type)', 'A', ['A'], false],
    ['commune code', '75056', '75056', true],
    ['location object by code', { code: '75056' }, '75056', true],
    ['address by city code', { label: 'x', cityCode: '75056' }, '75056', true],
    ['location object with another code', { code: '13055' }, '75056', false],
    ['list against text (wrong type)', ['A'], 'A', false],
  ];
  it.each(rows)('eq: %s → %s', (_, actual, value, expected) => expect(check('eq', actual, value)).toBe(expected));
  it.each(rows)('not_eq is the opposite on a present value: %s', (_, actual, value, expected) => expect(check('not_eq', actual, value)).toBe(!expected));
});

describe('lt / lte / gt / gte', () => {
  const table: readonly [description: string, actual: unknown, value: ConditionValue, lt: boolean, lte: boolean, gt: boolean, gte: boolean][] = [
    ['smaller number', 5, 10, true, true, false, false],
    ['equal number', 10, 10, false, true, false, true],
    ['greater number', 15, 10, false, false, true, true],
    ['negative decimal', -0.5, 0, true, true, false, false],
    ['numeric text', '15', 10, false, false, true, true],
    ['numeric text with a comma', '9,99', 10, true, true, false, false],
    ['earlier date', '2023-12-31', '2024-01-01', true, true, false, false],
    ['same date', '2024-01-01', '2024-01-01', false, true, false, true],
    ['later date', '2024-02-01', '2024-01-01', false, false, true, true],
    ['date-time on the same day as a date', '2024-01-01T23:00:00Z', '2024-01-01', false, true, false, true],
    ['date-times compared as instants', '2024-01-01T10:00:00+02:00', '2024-01-01T09:00:00Z', true, true, false, false],
    ['text against a number (wrong type)', 'beaucoup', 10, false, false, false, false],
    ['boolean against a number (wrong type)', true, 10, false, false, false, false],
    ['list against a number (wrong type)', ['5'], 10, false, false, false, false],
    ['number against a date (wrong type)', 20240101, '2024-01-01', false, false, false, false],
    ['text against a date (wrong type)', 'hier', '2024-01-01', false, false, false, false],
    ['impossible date against a date', '2024-02-31', '2024-01-01', false, false, false, false],
    ['date against a non-date text value', '2024-01-01', 'demain', false, false, false, false],
  ];
  it.each(table)('%s', (_, actual, value, lt, lte, gt, gte) => {
    expect([check('lt', actual, value), check('lte', actual, value), check('gt', actual, value), check('gte', actual, value)]).toEqual([lt, lte, gt, gte]);
  });
});

describe('include / exclude', () => {
  const table: readonly [description: string, actual: unknown, value: ConditionValue, include: boolean, exclude: boolean][] = [
    ['chosen among several', ['A', 'B'], 'A', true, false],
    ['not chosen', ['B', 'C'], 'A', false, true],
    ['only option chosen', ['A'], 'A', true, false],
    ['single choice stored as text', 'A', 'A', true, false],
    ['single other choice stored as text', 'B', 'A', false, true],
    ['case matters', ['a'], 'A', false, true],
    ['number (wrong type)', 1, '1', false, false],
    ['boolean (wrong type)', true, 'A', false, false],
    ['list of numbers (wrong type)', [1, 2], '1', false, false],
    ['object (wrong type)', { code: 'A' }, 'A', false, false],
  ];
  it.each(table)('%s', (_, actual, value, include, exclude) => {
    expect([check('include', actual, value), check('exclude', actual, value)]).toEqual([include, exclude]);
  });
});

describe('in_departement / not_in_departement', () => {
  const table: readonly [description: string, actual: unknown, value: string, inside: boolean, outside: boolean][] = [
    ['commune code resolved by the geo resolver', '75056', '75', true, false],
    ['commune code in another département', '13055', '75', false, true],
    ['Corsican commune', '2A004', '2A', true, false],
    ['overseas commune (three-character département)', '97411', '974', true, false],
    ['département field value', '92', '92', true, false],
    ['other département field value', '92', '75', false, true],
    ['location object with its département', { code: '75056', departement: '75' }, '75', true, false],
    ['location object with a commune code only', { code: '13055' }, '75', false, true],
    ['address with its département', { label: '1 rue', departement: '13' }, '13', true, false],
    ['address with a city code only', { label: '1 rue', cityCode: '75056' }, '75', true, false],
    ['address without any code (unknown place)', { label: '1 rue de Paris' }, '75', false, false],
    ['EPCI code without département (unknown place)', '200054781', '75', false, false],
    ['free text (wrong type)', 'Paris', '75', false, false],
    ['number (wrong type)', 75, '75', false, false],
    ['boolean (wrong type)', true, '75', false, false],
  ];
  it.each(table)('%s', (_, actual, value, inside, outside) => {
    expect([check('in_departement', actual, value), check('not_in_departement', actual, value)]).toEqual([inside, outside]);
  });

  it('reads the département from the commune code when no resolver is given', () => {
    expect(check('in_departement', '69123', '69', null)).toBe(true);
    expect(check('in_departement', '97411', '974', null)).toBe(true);
    expect(check('not_in_departement', '69123', '75', null)).toBe(true);
  });

  it('prefers the resolver over the code prefix', () => {
    const odd: GeoResolver = { departementOfCommune: () => '13', regionOfDepartement: () => undefined };
    expect(check('in_departement', '75056', '13', odd)).toBe(true);
    expect(check('in_departement', '75056', '75', odd)).toBe(false);
  });
});

describe('in_region / not_in_region', () => {
  const table: readonly [description: string, actual: unknown, value: string, inside: boolean, outside: boolean][] = [
    ['commune through its département', '75056', '11', true, false],
    ['commune in another region', '13055', '11', false, true],
    ['département field value', '92', '11', true, false],
    ['overseas département', '974', '04', true, false],
    ['location object with its region', { code: '75056', region: '11' }, '11', true, false],
    ['region given wins over the code', { code: '75056', region: '84' }, '11', false, true],
    ['address with a city code only', { label: 'x', cityCode: '2A004' }, '94', true, false],
    ['département the resolver does not know', '01', '84', false, false],
    ['free text (wrong type)', 'Île-de-France', '11', false, false],
    ['number (wrong type)', 11, '11', false, false],
  ];
  it.each(table)('%s', (_, actual, value, inside, outside) => {
    expect([check('in_region', actual, value), check('not_in_region', actual, value)]).toEqual([inside, outside]);
  });

  it('cannot tell a region without a resolver', () => {
    expect(check('in_region', '75056', '11', null)).toBe(false);
    expect(check('not_in_region', '75056', '11', null)).toBe(false);
    expect(check('in_region', { code: '75056', region: '11' }, '11', null)).toBe(true);
  });
});

describe('and / or / constant', () => {
  const values: Record<string, unknown> = { type: 'Association', montant: 1500, urgent: true };
  const lookup = (id: string): unknown => values[id];
  const yes: Condition = { kind: 'comparison', field: 'type', operator: 'eq', value: 'Association' };
  const no: Condition = { kind: 'comparison', field: 'montant', operator: 'lt', value: 1000 };
  const run = (condition: Condition): boolean => evaluateCondition(condition, lookup);

  it('constant true always holds, constant false never', () => {
    expect(run({ kind: 'constant', value: true })).toBe(true);
    expect(run({ kind: 'constant', value: false })).toBe(false);
  });
  it.each([
    [[yes, yes], true],
    [[yes, no], false],
    [[no, yes], false],
    [[no, no], false],
  ] as const)('and truth table %#', (conditions, expected) => expect(run({ kind: 'and', conditions: [...conditions] })).toBe(expected));
  it.each([
    [[yes, yes], true],
    [[yes, no], true],
    [[no, yes], true],
    [[no, no], false],
  ] as const)('or truth table %#', (conditions, expected) => expect(run({ kind: 'or', conditions: [...conditions] })).toBe(expected));
  it('an empty and holds, an empty or does not', () => {
    expect(run({ kind: 'and', conditions: [] })).toBe(true);
    expect(run({ kind: 'or', conditions: [] })).toBe(false);
  });
  it('nests: type = Association and (montant < 1000 or urgent)', () => {
    const urgent: Condition = { kind: 'comparison', field: 'urgent', operator: 'eq', value: true };
    expect(run({ kind: 'and', conditions: [yes, { kind: 'or', conditions: [no, urgent] }] })).toBe(true);
    expect(run({ kind: 'and', conditions: [yes, { kind: 'or', conditions: [no, { kind: 'constant', value: false }] }] })).toBe(false);
    expect(run({ kind: 'or', conditions: [no, { kind: 'and', conditions: [urgent, { kind: 'constant', value: false }] }] })).toBe(false);
  });
  it('or(empty, not_eq) is how to include an unanswered field', () => {
    const notAssociation: Condition = {
      kind: 'or',
      conditions: [
        { kind: 'comparison', field: 'x', operator: 'empty' },
        { kind: 'comparison', field: 'x', operator: 'not_eq', value: 'Association' },
      ],
    };
    expect(evaluateCondition(notAssociation, () => undefined)).toBe(true);
    expect(evaluateCondition(notAssociation, () => 'Entreprise')).toBe(true);
    expect(evaluateCondition(notAssociation, () => 'Association')).toBe(false);
  });
  it('stops at the first decisive branch (does not read the remaining fields)', () => {
    const read: string[] = [];
    const tracking = (id: string): unknown => {
      read.push(id);
      return values[id];
    };
    evaluateCondition({ kind: 'or', conditions: [yes, no] }, tracking);
    expect(read).toEqual(['type']);
  });
});

describe('visibleFields', () => {
  const when = (field: string, value: ConditionValue): Condition => ({ kind: 'comparison', field, operator: 'eq', value });

  it('shows fields without a condition and those whose condition holds', () => {
    const fields = [{ stableId: 'a' }, { stableId: 'b', condition: when('a', 'oui') }, { stableId: 'c', condition: null }];
    expect([...visibleFields(fields, () => 'oui')]).toEqual(['a', 'b', 'c']);
    expect([...visibleFields(fields, () => 'non')]).toEqual(['a', 'c']);
  });

  it('treats a hidden field as empty for later conditions (cascade)', () => {
    const values: Record<string, unknown> = { a: 'non', b: 'oui' };
    const fields = [
      { stableId: 'a' },
      { stableId: 'b', condition: when('a', 'oui') },
      { stableId: 'c', condition: when('b', 'oui') },
      { stableId: 'd', condition: { kind: 'comparison', field: 'b', operator: 'empty' } as Condition },
    ];
    // b holds a stale "oui" but is hidden, so c is hidden and d (b is empty) is shown.
    expect([...visibleFields(fields, (id) => values[id])]).toEqual(['a', 'd']);
    values['a'] = 'oui';
    expect([...visibleFields(fields, (id) => values[id])]).toEqual(['a', 'b', 'c']);
  });

  it('hides the children of a hidden repetition block, and what depends on them', () => {
    const values: Record<string, unknown> = { a: 'non', child: 'x' };
    const fields = [
      { stableId: 'a' },
      { stableId: 'block', condition: when('a', 'oui'), children: [{ stableId: 'child' }, { stableId: 'child2', condition: when('child', 'x') }] },
      { stableId: 'after', condition: { kind: 'comparison', field: 'child', operator: 'not_empty' } as Condition },
    ];
    expect([...visibleFields(fields, (id) => values[id])]).toEqual(['a']);
    values['a'] = 'oui';
    expect([...visibleFields(fields, (id) => values[id])]).toEqual(['a', 'block', 'child', 'child2', 'after']);
  });

  it('decides the children of a visible block with their own conditions', () => {
    const fields = [{ stableId: 'block', children: [{ stableId: 'c1' }, { stableId: 'c2', condition: when('c1', 'oui') }] }];
    expect([...visibleFields(fields, () => 'non')]).toEqual(['block', 'c1']);
  });

  it('uses the geo resolver', () => {
    const fields = [{ stableId: 'commune' }, { stableId: 'idf', condition: { kind: 'comparison', field: 'commune', operator: 'in_region', value: '11' } as Condition }];
    expect(visibleFields(fields, () => '75056', geo).has('idf')).toBe(true);
    expect(visibleFields(fields, () => '13055', geo).has('idf')).toBe(false);
    expect(visibleFields(fields, () => '75056').has('idf')).toBe(false);
  });

  it('returns nothing for no fields', () => {
    expect(visibleFields([], () => undefined).size).toBe(0);
  });
});

describe('evaluateStoredCondition', () => {
  const stored: unknown = JSON.parse('{"kind":"comparison","field":"commune","operator":"in_region","value":"11"}');

  it('parses a stored condition and evaluates it with the resolver', () => {
    expect(evaluateStoredCondition(stored, () => '75056', geo)).toBe(true);
    expect(evaluateStoredCondition(stored, () => '13055', geo)).toBe(false);
  });

  it('ignores a geo argument that is not a resolver', () => {
    expect(evaluateStoredCondition(stored, () => '75056', { departementOfCommune: 'nope' })).toBe(false);
    expect(evaluateStoredCondition(stored, () => ({ code: '75056', region: '11' }), 42)).toBe(true);
  });

  it('gives the same answer when called again with the same object (cached parse)', () => {
    const condition: unknown = { kind: 'comparison', field: 'a', operator: 'eq', value: 1 };
    expect(evaluateStoredCondition(condition, () => 1)).toBe(true);
    expect(evaluateStoredCondition(condition, () => 2)).toBe(false);
  });

  it.each([null, 'eq', { kind: 'comparison', field: 'a', operator: 'lt', value: 'x' }, { kind: 'nope' }])('throws on a malformed condition %#', (condition) => {
    expect(() => evaluateStoredCondition(condition, () => 1)).toThrow(/malformed condition/u);
  });
});
