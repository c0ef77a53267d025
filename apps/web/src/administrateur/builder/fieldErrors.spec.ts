import { describe, expect, it } from 'vitest';
import { errorsByField, errorsUnder, unplacedErrors } from './fieldErrors';
import { type BuilderField, newField } from './fieldList';

const fields: BuilderField[] = [
  newField('text', 'a'),
  { ...newField('repetition', 'block'), children: [newField('text', 'child-1'), newField('integer_number', 'child-2')] },
  newField('integer_number', 'n'),
];

describe('errors of a failed save', () => {
  it('go to the field they are about, by stable id, children included', () => {
    const { byField, others } = errorsByField(fields, {
      'fields.2.options.max': 'Le maximum doit être supérieur ou égal au minimum.',
      'body.fields.0.label': 'Un autre champ porte déjà ce libellé.',
      'fields.1.children.1.condition.conditions.0.value': 'Un nombre est attendu.',
      'fields.1.children': 'Un bloc répétable contient au moins un champ.',
      'fields.1.children.7.label': 'Libellé manquant.',
      'fields.9.label': 'Champ inconnu.',
      fields: 'Au plus 1000 champs.',
    });
    expect(byField.get('n')).toEqual({ 'options.max': 'Le maximum doit être supérieur ou égal au minimum.' });
    expect(byField.get('a')).toEqual({ label: 'Un autre champ porte déjà ce libellé.' });
    expect(byField.get('child-2')).toEqual({ 'condition.conditions.0.value': 'Un nombre est attendu.' });
    // A child the list does not have: the message stays on its block.
    expect(byField.get('block')).toEqual({ children: 'Un bloc répétable contient au moins un champ.' });
    expect(others).toEqual(['Champ inconnu.', 'Au plus 1000 champs.']);
  });

  it('split by part of the field, and the rest shown at its top', () => {
    const own = { label: 'L', 'options.max': 'M', options: 'O', 'condition.field': 'F', condition: 'C', stableId: 'S' };
    expect(errorsUnder(own, 'options')).toEqual({ max: 'M', '': 'O' });
    expect(errorsUnder(own, 'condition')).toEqual({ field: 'F', '': 'C' });
    expect(errorsUnder(undefined, 'options')).toEqual({});
    expect(unplacedErrors(own, (path) => path !== 'stableId')).toEqual(['S']);
  });
});
