import { describe, expect, it } from 'vitest';
import { field, sampleFields } from '../testing/procedure.factories';
import { maxAttachmentBytes, validateFieldDefinitions } from './field-definitions.validation';

describe('validateFieldDefinitions', () => {
  it('accepts a well-formed form, and an empty one', () => {
    expect(validateFieldDefinitions(sampleFields())).toEqual({});
    expect(validateFieldDefinitions([])).toEqual({});
  });

  it('refuses a stable id used twice, on the second field', () => {
    const first = field({ label: 'Nom' });
    expect(validateFieldDefinitions([first, field({ label: 'Prénom', stableId: first.stableId })])).toEqual({
      'fields.1.stableId': 'Cet identifiant est déjà celui d’un autre champ.',
    });
  });

  it('refuses a label used twice, ignoring case and spacing', () => {
    const errors = validateFieldDefinitions([field({ label: 'Nom de famille' }), field({ label: ' nom  DE famille ' })]);
    expect(errors).toEqual({ 'fields.1.label': 'Un autre champ porte déjà ce libellé.' });
  });

  it('requires choices for a drop-down list, distinct and not blank', () => {
    expect(validateFieldDefinitions([field({ label: 'Choix', type: 'drop_down_list' })])).toEqual({ 'fields.0.options.choices': 'Indiquez au moins un choix.' });
    expect(validateFieldDefinitions([field({ label: 'Choix', type: 'drop_down_list', options: { choices: [] } })])).toHaveProperty(['fields.0.options.choices']);
    expect(validateFieldDefinitions([field({ label: 'Choix', type: 'drop_down_list', options: { choices: ['A', 'B', 'A '] } })])).toEqual({
      'fields.0.options.choices': 'Le choix « A » figure plusieurs fois.',
    });
    expect(validateFieldDefinitions([field({ label: 'Choix', type: 'drop_down_list', options: { choices: ['A', '  '] } })])).toEqual({
      'fields.0.options.choices': 'Un choix ne peut pas être vide.',
    });
  });

  it('refuses min greater than max, and non-integer bounds for an integer', () => {
    expect(validateFieldDefinitions([field({ label: 'Âge', type: 'decimal_number', options: { min: 10, max: 2 } })])).toEqual({
      'fields.0.options.max': 'Le maximum doit être supérieur ou égal au minimum.',
    });
    expect(validateFieldDefinitions([field({ label: 'Âge', type: 'decimal_number', options: { min: 2, max: 2 } })])).toEqual({});
    expect(validateFieldDefinitions([field({ label: 'Âge', type: 'integer_number', options: { min: 0.5 } })])).toEqual({ 'fields.0.options.min': 'Indiquez un nombre entier.' });
  });

  it('refuses an option that does not apply to the type', () => {
    expect(validateFieldDefinitions([field({ label: 'Nom', type: 'text', options: { choices: ['A'] } })])).toEqual({
      'fields.0.options.choices': 'Cette option ne s’applique pas à ce type de champ.',
    });
    expect(validateFieldDefinitions([field({ label: 'Date', type: 'date', options: { min: 1, max: 0 } })])).toEqual({
      'fields.0.options.min': 'Cette option ne s’applique pas à ce type de champ.',
      'fields.0.options.max': 'Cette option ne s’applique pas à ce type de champ.',
    });
  });

  it('checks attachment options: size cap and MIME type syntax', () => {
    expect(validateFieldDefinitions([field({ label: 'PJ', type: 'piece_justificative', options: { maxFileBytes: maxAttachmentBytes + 1 } })])).toEqual({
      'fields.0.options.maxFileBytes': 'La taille maximale d’un fichier est de 200 Mo.',
    });
    expect(validateFieldDefinitions([field({ label: 'PJ', type: 'piece_justificative', options: { allowedMimeTypes: ['pdf'] } })])).toHaveProperty([
      'fields.0.options.allowedMimeTypes',
    ]);
    expect(validateFieldDefinitions([field({ label: 'PJ', type: 'piece_justificative', options: { allowedMimeTypes: ['image/*', 'application/pdf'] } })])).toEqual({});
  });

  it('refuses a mandatory section header, and reports every problem with its own path', () => {
    const errors = validateFieldDefinitions([
      field({ label: 'Section', type: 'header_section', mandatory: true }),
      field({ label: 'Section' }),
      field({ label: 'Liste', type: 'drop_down_list' }),
    ]);
    expect(Object.keys(errors).sort()).toEqual(['fields.0.mandatory', 'fields.1.label', 'fields.2.options.choices']);
  });
});
