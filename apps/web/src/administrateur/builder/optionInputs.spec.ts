import { formFieldTypes, validateFieldOptions } from '@guichet/forms';
import { describe, expect, it } from 'vitest';
import { defaultOptionsFor, formatLinkedChoices, keepApplicableOptions, optionInputsFor, parseLines, parseLinkedChoices, setOption, visibleOptionInputs } from './optionInputs';

describe('option inputs generated from the catalogue', () => {
  it('gives each type the inputs of its options schema', () => {
    expect(optionInputsFor('integer_number').map(({ key, kind }) => [key, kind])).toEqual([
      ['min', 'number'],
      ['max', 'number'],
    ]);
    expect(optionInputsFor('integer_number')[0]).toMatchObject({ integer: true });
    expect(optionInputsFor('decimal_number').map((input) => input.key)).toEqual(['min', 'max', 'decimalPlaces']);
    expect(optionInputsFor('decimal_number')[0]).toMatchObject({ kind: 'number', integer: false });
    expect(optionInputsFor('date').map(({ key, kind }) => [key, kind])).toEqual([
      ['min', 'date'],
      ['max', 'date'],
    ]);
    expect(optionInputsFor('datetime')[0]).toMatchObject({ kind: 'datetime', label: 'Date et heure minimales' });
    expect(optionInputsFor('drop_down_list').map(({ key, kind }) => [key, kind])).toEqual([
      ['choices', 'list'],
      ['other', 'boolean'],
    ]);
    expect(optionInputsFor('linked_drop_down_list')).toMatchObject([{ key: 'linkedChoices', kind: 'linkedChoices' }]);
    expect(optionInputsFor('carte')).toMatchObject([{ key: 'allowedGeometries', kind: 'multi', values: [{ value: 'Point' }, { value: 'LineString' }, { value: 'Polygon' }] }]);
    expect(optionInputsFor('formatted')[0]).toMatchObject({ key: 'mode', kind: 'enum', required: true });
    // The template file needs an upload: not edited here.
    expect(optionInputsFor('piece_justificative').map((input) => input.key)).toEqual(['allowedMimeTypes', 'maxFileBytes', 'maxFiles']);
    expect(optionInputsFor('piece_justificative')[1]).toMatchObject({ unit: { label: 'Mo' }, max: 200 });
    for (const type of ['text', 'email', 'header_section', 'communes'] as const) expect(optionInputsFor(type).length).toBe(type === 'text' ? 1 : 0);
  });

  it('labels every option input in French', () => {
    for (const type of formFieldTypes) {
      for (const input of optionInputsFor(type)) expect(input.label, `${type}.${input.key}`).toMatch(/^[A-ZÉ]/u);
    }
  });

  it('starts every type with options its schema accepts, except the lists to fill', () => {
    for (const type of formFieldTypes) {
      const errors = validateFieldOptions(type, defaultOptionsFor(type));
      const expected = ['drop_down_list', 'multiple_drop_down_list'].includes(type) ? ['choices'] : type === 'linked_drop_down_list' ? ['linkedChoices'] : [];
      expect(Object.keys(errors), type).toEqual(expected);
    }
  });

  it('shows the options of a formatted field’s mode and drops the other mode’s', () => {
    const simple = { mode: 'simple' as const, letters: true, minLength: 2, maxLength: 5 };
    expect(visibleOptionInputs('formatted', simple).map((input) => input.key)).toEqual(['mode', 'patternExample', 'letters', 'digits', 'minLength', 'maxLength']);
    const regex = setOption('formatted', simple, 'mode', 'regex');
    expect(regex).toEqual({ mode: 'regex', maxLength: 5 });
    expect(visibleOptionInputs('formatted', regex).map((input) => input.key)).toEqual(['mode', 'pattern', 'patternExample', 'maxLength']);
    expect(setOption('integer_number', { min: 1, max: 3 }, 'max', undefined)).toEqual({ min: 1 });
  });

  it('keeps only the options the new type takes when a field changes type', () => {
    expect(keepApplicableOptions('decimal_number', { min: 1, max: 9, maxLength: 4 })).toEqual({ min: 1, max: 9 });
    expect(keepApplicableOptions('drop_down_list', { min: 1 })).toEqual({ choices: [] });
    expect(keepApplicableOptions('multiple_drop_down_list', { choices: ['a'], other: true })).toEqual({ choices: ['a'] });
  });

  it('reads lists one entry per line and two-level choices with « - »', () => {
    expect(parseLines(' Association \n\nEntreprise\r\n')).toEqual(['Association', 'Entreprise']);
    const linked = parseLinkedChoices('Fruits\n- Pomme\n  -Poire\nLégumes\n\n- \n');
    expect(linked).toEqual([
      { value: 'Fruits', children: ['Pomme', 'Poire'] },
      { value: 'Légumes', children: [] },
    ]);
    expect(parseLinkedChoices(formatLinkedChoices(linked))).toEqual(linked);
    // A « - » line before any choice is a choice.
    expect(parseLinkedChoices('- Seul')).toEqual([{ value: 'Seul', children: [] }]);
  });
});
