import { describe, expect, it } from 'vitest';
import { type Condition, type ConditionValue, type Operator, describeCondition } from './index';

const labels: Record<string, string> = { type: 'Type de demande', montant: 'Montant', urgent: 'Urgent', themes: 'Thèmes', commune: 'Commune', debut: 'Date de début' };
const labelOf = (id: string): string | undefined => labels[id];
const on = (field: string, operator: Operator, value?: ConditionValue): Condition =>
  value === undefined ? { kind: 'comparison', field, operator } : { kind: 'comparison', field, operator, value };
const say = (condition: Condition): string => describeCondition(condition, labelOf);

describe('describeCondition', () => {
  it.each([
    [on('type', 'eq', 'Association'), 'Si « Type de demande » est égal à « Association »'],
    [on('type', 'not_eq', 'Association'), 'Si « Type de demande » est différent de « Association »'],
    [on('montant', 'lt', 1000), 'Si « Montant » est inférieur à 1000'],
    [on('montant', 'lte', 12.5), 'Si « Montant » est inférieur ou égal à 12,5'],
    [on('montant', 'gt', -3), 'Si « Montant » est supérieur à -3'],
    [on('debut', 'gte', '2024-03-01'), 'Si « Date de début » est supérieur ou égal à 01/03/2024'],
    [on('themes', 'include', 'Sport'), 'Si « Thèmes » contient « Sport »'],
    [on('themes', 'exclude', 'Sport'), 'Si « Thèmes » ne contient pas « Sport »'],
    [on('themes', 'eq', ['Sport', 'Culture']), 'Si « Thèmes » est égal à « Sport », « Culture »'],
    [on('commune', 'in_departement', '2A'), 'Si « Commune » est dans le département 2A'],
    [on('commune', 'not_in_departement', '75'), 'Si « Commune » n’est pas dans le département 75'],
    [on('commune', 'in_region', '11'), 'Si « Commune » est dans la région 11'],
    [on('commune', 'not_in_region', '11'), 'Si « Commune » n’est pas dans la région 11'],
    [on('urgent', 'eq', true), 'Si « Urgent » est égal à « Oui »'],
    [on('urgent', 'eq', false), 'Si « Urgent » est égal à « Non »'],
    [on('montant', 'empty'), 'Si « Montant » est vide'],
    [on('montant', 'not_empty'), 'Si « Montant » est rempli'],
  ] as const)('%#: %s', (condition, sentence) => expect(say(condition)).toBe(sentence));

  it('joins an and with « et »', () => {
    expect(say({ kind: 'and', conditions: [on('type', 'eq', 'Association'), on('montant', 'gt', 1000)] })).toBe(
      'Si « Type de demande » est égal à « Association » et « Montant » est supérieur à 1000',
    );
  });

  it('joins an or with « ou » and brackets nested groups', () => {
    const condition: Condition = {
      kind: 'and',
      conditions: [on('type', 'eq', 'Association'), { kind: 'or', conditions: [on('montant', 'gt', 1000), on('urgent', 'eq', true)] }],
    };
    expect(say(condition)).toBe('Si « Type de demande » est égal à « Association » et (« Montant » est supérieur à 1000 ou « Urgent » est égal à « Oui »)');
  });

  it('does not bracket a group of one', () => {
    expect(say({ kind: 'or', conditions: [{ kind: 'and', conditions: [on('montant', 'empty')] }] })).toBe('Si « Montant » est vide');
  });

  it('names an unknown field', () => expect(say(on('disparu', 'empty'))).toBe('Si « champ inconnu » est vide'));

  it.each([
    [{ kind: 'constant', value: true }, 'Toujours'],
    [{ kind: 'constant', value: false }, 'Jamais'],
    [{ kind: 'and', conditions: [] }, 'Toujours'],
    [{ kind: 'or', conditions: [] }, 'Jamais'],
  ] as const)('%#: constants and empty groups read %s', (condition, sentence) => expect(say(condition as Condition)).toBe(sentence));

  it('writes a constant inside a group in lower case', () => {
    expect(say({ kind: 'or', conditions: [on('montant', 'empty'), { kind: 'constant', value: false }] })).toBe('Si « Montant » est vide ou jamais');
  });
});
