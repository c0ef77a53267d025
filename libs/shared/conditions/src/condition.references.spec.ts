import { describe, expect, it } from 'vitest';
import {
  type Condition,
  type ConditionReferenceField,
  type ConditionValue,
  type Operator,
  findConditionCycles,
  operators,
  operatorsForFieldType,
  validateConditionReferences,
} from './index';

const on = (field: string, operator: Operator, value?: ConditionValue): Condition =>
  value === undefined ? { kind: 'comparison', field, operator } : { kind: 'comparison', field, operator, value };

const fields: ConditionReferenceField[] = [
  { stableId: 'type', type: 'drop_down_list', label: 'Type de demande', choices: ['Association', 'Entreprise'] },
  { stableId: 'themes', type: 'multiple_drop_down_list', label: 'Thèmes', choices: ['Sport', 'Culture'] },
  { stableId: 'montant', type: 'integer_number', label: 'Montant' },
  { stableId: 'taux', type: 'decimal_number', label: 'Taux' },
  { stableId: 'debut', type: 'date', label: 'Date de début' },
  { stableId: 'urgent', type: 'yes_no', label: 'Urgent' },
  { stableId: 'commune', type: 'communes', label: 'Commune' },
  { stableId: 'departement', type: 'departements', label: 'Département' },
  { stableId: 'region', type: 'regions', label: 'Région' },
  { stableId: 'adresse', type: 'address', label: 'Adresse' },
  { stableId: 'pays', type: 'pays', label: 'Pays' },
  { stableId: 'nom', type: 'text', label: 'Nom' },
  { stableId: 'titre', type: 'header_section', label: 'Section' },
  { stableId: 'piece', type: 'piece_justificative', label: 'Justificatif' },
  { stableId: 'note', type: 'text', label: 'Note interne', conditionField: false },
  { stableId: 'bloc', type: 'repetition', label: 'Bénéficiaires' },
  { stableId: 'beneficiaire', type: 'text', label: 'Nom du bénéficiaire', parentStableId: 'bloc' },
  { stableId: 'age', type: 'integer_number', label: 'Âge', parentStableId: 'bloc' },
  { stableId: 'cible', type: 'text', label: 'Champ conditionné' },
];

/** Problems of one condition placed on the last field. */
const problemsOf = (condition: Condition, owner = 'cible') => validateConditionReferences(fields, new Map([[owner, condition]]));
const codesOf = (condition: Condition, owner = 'cible') => problemsOf(condition, owner).map((problem) => problem.code);

describe('operatorsForFieldType', () => {
  it.each([
    ['text', ['eq', 'not_eq', 'empty', 'not_empty']],
    ['drop_down_list', ['eq', 'not_eq', 'empty', 'not_empty']],
    ['yes_no', ['eq', 'not_eq', 'empty', 'not_empty']],
    ['checkbox', ['eq', 'not_eq', 'empty', 'not_empty']],
    ['integer_number', ['eq', 'not_eq', 'lt', 'lte', 'gt', 'gte', 'empty', 'not_empty']],
    ['date', ['eq', 'not_eq', 'lt', 'lte', 'gt', 'gte', 'empty', 'not_empty']],
    ['multiple_drop_down_list', ['include', 'exclude', 'empty', 'not_empty']],
    ['address', ['in_departement', 'not_in_departement', 'in_region', 'not_in_region', 'empty', 'not_empty']],
    ['communes', ['eq', 'not_eq', 'in_departement', 'not_in_departement', 'in_region', 'not_in_region', 'empty', 'not_empty']],
    ['piece_justificative', ['empty', 'not_empty']],
    ['header_section', []],
    ['repetition', []],
    ['unknown_type', []],
    ['toString', []],
  ])('%s', (type, expected) => expect(operatorsForFieldType(type)).toEqual(expected));

  it('never offers include/exclude outside multiple choice, nor geography outside location fields', () => {
    for (const type of ['text', 'drop_down_list', 'integer_number', 'date', 'yes_no', 'regions', 'pays']) {
      const allowed = operatorsForFieldType(type);
      expect(allowed).not.toContain('include');
      expect(allowed).not.toContain('in_departement');
      expect(allowed).not.toContain('in_region');
    }
  });

  it('only offers known operators', () => {
    for (const field of fields) for (const operator of operatorsForFieldType(field.type)) expect(operators).toContain(operator);
  });
});

describe('validateConditionReferences: valid conditions', () => {
  it.each<[string, Condition]>([
    ['choice equals one of its options', on('type', 'eq', 'Association')],
    ['multiple choice includes an option', on('themes', 'include', 'Sport')],
    ['number greater than a number', on('montant', 'gt', 1000)],
    ['decimal lower than a decimal', on('taux', 'lt', 0.5)],
    ['date after a date', on('debut', 'gte', '2024-01-01')],
    ['yes/no equals true', on('urgent', 'eq', true)],
    ['commune in a département', on('commune', 'in_departement', '2A')],
    ['commune equals an INSEE code', on('commune', 'eq', '75056')],
    ['département in a region', on('departement', 'in_region', '11')],
    ['region equals a code', on('region', 'eq', '84')],
    ['address not in a département', on('adresse', 'not_in_departement', '13')],
    ['country equals a code', on('pays', 'eq', 'FR')],
    ['text is empty', on('nom', 'empty')],
    ['file is present', on('piece', 'not_empty')],
    ['constant', { kind: 'constant', value: true }],
    ['nested groups', { kind: 'and', conditions: [on('type', 'eq', 'Entreprise'), { kind: 'or', conditions: [on('montant', 'lt', 10), on('urgent', 'eq', false)] }] }],
  ])('%s', (_, condition) => expect(problemsOf(condition)).toEqual([]));

  it('lets a child of a repetition test an earlier sibling', () => {
    const problems = validateConditionReferences(fields, new Map([['age', on('beneficiaire', 'not_empty')]]));
    expect(problems).toEqual([]);
  });

  it('lets a child of a repetition test an earlier top-level field', () => {
    expect(validateConditionReferences(fields, new Map([['age', on('type', 'eq', 'Association')]]))).toEqual([]);
  });

  it('accepts a routing rule (owner outside the form) on any field', () => {
    expect(validateConditionReferences(fields, new Map([['group-1', on('cible', 'eq', 'x')]]))).toEqual([]);
  });

  it('accepts no conditions', () => expect(validateConditionReferences(fields, new Map())).toEqual([]));
});

describe('validateConditionReferences: refused conditions', () => {
  it('refuses a reference to a later field, with a French message and path', () => {
    const problems = validateConditionReferences(fields, new Map([['type', on('montant', 'gt', 3)]]));
    expect(problems).toEqual([
      { fieldStableId: 'type', path: 'field', code: 'CONDITION_REFERS_TO_LATER_FIELD', message: expect.stringContaining('« Montant » est placé après') },
    ]);
  });

  it('refuses a field testing itself', () => {
    expect(codesOf(on('montant', 'gt', 3), 'montant')).toContain('CONDITION_REFERS_TO_LATER_FIELD');
  });

  it('refuses a missing field, pointing inside nested groups', () => {
    const problems = problemsOf({ kind: 'and', conditions: [on('type', 'eq', 'Association'), { kind: 'or', conditions: [on('disparu', 'empty')] }] });
    expect(problems).toEqual([
      { fieldStableId: 'cible', path: 'conditions.1.conditions.0.field', code: 'CONDITION_REFERS_TO_MISSING_FIELD', message: expect.stringContaining('n’existe pas') },
    ]);
  });

  it('refuses a field that may not be tested (private annotation)', () => {
    expect(problemsOf(on('note', 'empty'))).toEqual([expect.objectContaining({ code: 'CONDITION_REFERS_TO_MISSING_FIELD', message: expect.stringContaining('Note interne') })]);
  });

  it('refuses a top-level field testing a field inside a repetition', () => {
    expect(codesOf(on('beneficiaire', 'not_empty'))).toEqual(['CONDITION_REFERS_TO_MISSING_FIELD']);
  });

  it.each([
    ['include on a single choice', on('type', 'include', 'Association')],
    ['lt on a text', on('nom', 'lt', 3)],
    ['gt on a choice', on('type', 'gt', 3)],
    ['eq on a multiple choice', on('themes', 'eq', 'Sport')],
    ['in_departement on a text', on('nom', 'in_departement', '75')],
    ['in_region on a region', on('region', 'in_region', '11')],
    ['eq on an address', on('adresse', 'eq', '1 rue')],
    ['eq on a file', on('piece', 'eq', 'x')],
    ['empty on a section title', on('titre', 'empty')],
    ['not_empty on a repetition', on('bloc', 'not_empty')],
  ] as const)('refuses the operator: %s', (_, condition) => {
    const problems = problemsOf(condition);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([['CONDITION_OPERATOR_NOT_ALLOWED', 'operator']]);
    expect(problems[0]?.message).toMatch(/ne s’applique pas/u);
  });

  it.each([
    ['an option the choice does not have', on('type', 'eq', 'Collectivité')],
    ['an option the multiple choice does not have', on('themes', 'include', 'Musique')],
    ['text against a number field', on('montant', 'eq', '12')],
    ['a decimal against an integer field', on('montant', 'gt', 1.5)],
    ['a number against a date field', on('debut', 'lt', 20240101)],
    ['an impossible date', on('debut', 'lt', '2024-02-30')],
    ['text against yes/no', on('urgent', 'eq', 'oui')],
    ['a bad commune code', on('commune', 'eq', 'Paris')],
    ['a bad département code', on('departement', 'eq', '20')],
    ['a bad region code', on('region', 'eq', 'IDF')],
    ['a lower-case country code', on('pays', 'eq', 'fr')],
    ['a number against a text field', on('nom', 'eq', 3)],
    ['a value for empty', on('nom', 'empty', 'x')],
    ['no value for eq', on('nom', 'eq')],
    ['a bad département for in_departement', on('commune', 'in_departement', '99')],
  ] as const)('refuses the value: %s', (_, condition) => {
    expect(problemsOf(condition).map((problem) => [problem.code, problem.path])).toEqual([['CONDITION_VALUE_INVALID', 'value']]);
  });

  it('reports every problem of a condition, in order', () => {
    const condition: Condition = { kind: 'or', conditions: [on('disparu', 'empty'), on('nom', 'lt', 3), on('montant', 'eq', 'x')] };
    expect(problemsOf(condition).map((problem) => [problem.code, problem.path])).toEqual([
      ['CONDITION_REFERS_TO_MISSING_FIELD', 'conditions.0.field'],
      ['CONDITION_OPERATOR_NOT_ALLOWED', 'conditions.1.operator'],
      ['CONDITION_VALUE_INVALID', 'conditions.2.value'],
    ]);
  });

  it('reports a cycle, on every field in it, besides the later reference', () => {
    const problems = validateConditionReferences(
      fields,
      new Map<string, Condition>([
        ['type', on('montant', 'gt', 1)],
        ['montant', on('type', 'eq', 'Association')],
      ]),
    );
    expect(problems.map((problem) => [problem.fieldStableId, problem.code])).toEqual([
      ['type', 'CONDITION_REFERS_TO_LATER_FIELD'],
      ['type', 'CONDITION_CYCLE'],
      ['montant', 'CONDITION_CYCLE'],
    ]);
    expect(problems[1]?.message).toBe('Ces conditions dépendent les unes des autres en boucle : « Type de demande » → « Montant ».');
  });
});

describe('findConditionCycles', () => {
  const graph = (edges: Record<string, string[]>): Map<string, Condition> =>
    new Map(Object.entries(edges).map(([owner, targets]) => [owner, { kind: 'and', conditions: targets.map((target) => on(target, 'empty')) } as Condition]));

  it('finds nothing in a chain', () => expect(findConditionCycles(graph({ a: [], b: ['a'], c: ['b', 'a'] }))).toEqual([]));
  it('finds nothing when a rule refers to fields without conditions', () => expect(findConditionCycles(graph({ g1: ['x', 'y'], g2: ['x'] }))).toEqual([]));
  it('finds nothing in a diamond', () => expect(findConditionCycles(graph({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }))).toEqual([]));
  it('finds nothing for no conditions', () => expect(findConditionCycles(new Map())).toEqual([]));
  it('finds a field testing itself', () => expect(findConditionCycles(graph({ a: ['a'], b: ['a'] }))).toEqual([['a']]));
  it('finds a two-field loop', () => expect(findConditionCycles(graph({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b']]));
  it('finds a longer loop, ignoring the fields hanging off it', () =>
    expect(findConditionCycles(graph({ a: ['c'], b: ['a'], c: ['b'], d: ['a'], e: [] }))).toEqual([['a', 'b', 'c']]));
  it('finds two separate loops, in order of first appearance', () =>
    expect(findConditionCycles(graph({ x: ['y'], y: ['x'], a: ['b'], b: ['a'] }))).toEqual([
      ['x', 'y'],
      ['a', 'b'],
    ]));
  it('handles thousands of rules in a chain without overflowing the stack', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 20_000; i += 1) edges[`n${i}`] = [`n${i + 1}`];
    edges['n20000'] = ['n0'];
    const cycles = findConditionCycles(graph(edges));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(20_001);
  });
});
