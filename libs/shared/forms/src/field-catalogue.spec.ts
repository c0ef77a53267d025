import { describe, expect, it } from 'vitest';
import { fieldCatalogue, fieldCategories, inapplicableOptions, validateFieldOptions } from './field-catalogue';
import { formFieldTypes } from './form-field.model';

describe('fieldCatalogue', () => {
  it('describes every field type with a French label and a builder category', () => {
    expect(Object.keys(fieldCatalogue).sort()).toEqual([...formFieldTypes].sort());
    for (const type of formFieldTypes) {
      expect(fieldCatalogue[type].label.length).toBeGreaterThan(2);
      expect(fieldCategories).toContain(fieldCatalogue[type].category);
    }
  });

  it('accepts empty options for every type that needs none (the spine builds fields with options: {})', () => {
    const needingOptions = formFieldTypes.filter((type) => Object.keys(validateFieldOptions(type, {})).length > 0);
    expect(needingOptions.sort()).toEqual(['drop_down_list', 'formatted', 'linked_drop_down_list', 'multiple_drop_down_list']);
  });

  it('refuses options a type does not take, by name', () => {
    expect(inapplicableOptions('text', { maxLength: 3, choices: ['a'], min: 1 }).sort()).toEqual(['choices', 'min']);
    expect(inapplicableOptions('drop_down_list', { choices: [] })).toEqual([]);
  });

  it('validates per-type option rules with French messages', () => {
    expect(validateFieldOptions('repetition', { minRows: 2, maxRows: 1 })).toEqual({ maxRows: 'Le nombre maximal de lignes doit être supérieur ou égal au minimum.' });
    expect(validateFieldOptions('formatted', { mode: 'regex', pattern: '\\d{5}' })).toEqual({});
    expect(validateFieldOptions('formatted', { mode: 'regex', pattern: '\\d{5}', letters: true })).toEqual({ letters: 'Cette option ne s’applique qu’au mode « simple ».' });
    expect(validateFieldOptions('datetime', { min: '2024-01-01T10:00', max: '2024-01-01T09:00' })).toEqual({ max: 'Le maximum doit être supérieur ou égal au minimum.' });
    expect(validateFieldOptions('piece_justificative', { maxFiles: 0 })).toHaveProperty(['maxFiles']);
    expect(validateFieldOptions('carte', { allowedGeometries: ['Circle'] })).toHaveProperty(['allowedGeometries']);
  });
});
