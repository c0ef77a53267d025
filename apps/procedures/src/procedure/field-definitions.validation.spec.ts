import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@guichet/contracts';
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

  it('refuses an option that does not apply to the type, and bounds of the wrong kind', () => {
    expect(validateFieldDefinitions([field({ label: 'Nom', type: 'text', options: { choices: ['A'] } })])).toEqual({
      'fields.0.options.choices': 'Cette option ne s’applique pas à ce type de champ.',
    });
    expect(validateFieldDefinitions([field({ label: 'Date', type: 'date', options: { min: 1, max: 0 } })])).toEqual({
      'fields.0.options.min': 'Date invalide (format AAAA-MM-JJ).',
      'fields.0.options.max': 'Date invalide (format AAAA-MM-JJ).',
    });
    expect(validateFieldDefinitions([field({ label: 'Date', type: 'date', options: { min: '2024-12-31', max: '2024-01-01' } })])).toEqual({
      'fields.0.options.max': 'Le maximum doit être supérieur ou égal au minimum.',
    });
  });

  it('checks the options of the new types with the catalogue', () => {
    expect(validateFieldDefinitions([field({ label: 'Code', type: 'formatted', options: {} })])).toEqual({ 'fields.0.options.mode': 'Choisissez « regex » ou « simple ».' });
    expect(validateFieldDefinitions([field({ label: 'Code', type: 'formatted', options: { mode: 'regex', pattern: '[a-' } })])).toEqual({ 'fields.0.options.pattern': 'Expression régulière invalide.' });
    expect(validateFieldDefinitions([field({ label: 'Code', type: 'formatted', options: { mode: 'simple', letters: false, digits: false } })])).toEqual({
      'fields.0.options.letters': 'Autorisez les lettres, les chiffres ou les deux.',
    });
    expect(validateFieldDefinitions([field({ label: 'Montant', type: 'decimal_number', options: { decimalPlaces: 11 } })])).toEqual({ 'fields.0.options.decimalPlaces': 'Au plus 10 décimales.' });
    expect(validateFieldDefinitions([field({ label: 'Quand', type: 'datetime', options: { min: '2024-01-01T25:00' } })])).toHaveProperty(['fields.0.options.min']);
    expect(validateFieldDefinitions([field({ label: 'Listes', type: 'linked_drop_down_list', options: { linkedChoices: [{ value: 'A', children: ['x', 'x'] }] } })])).toEqual({
      'fields.0.options.linkedChoices': 'Le choix « x » figure plusieurs fois.',
    });
    expect(validateFieldDefinitions([field({ label: 'PJ', type: 'piece_justificative', options: { templateFileId: 'nope' } })])).toEqual({ 'fields.0.options.templateFileId': 'Identifiant de fichier modèle invalide.' });
    expect(validateFieldDefinitions([field({ label: 'Carte', type: 'carte', options: { allowedGeometries: ['Point', 'Polygon'] } }), field({ label: 'SIRET', type: 'siret' })])).toEqual({});
  });

  it('checks repetitions: bounds, children, no nested repetition, ids unique across levels', () => {
    const child = field({ label: 'Nom' });
    const block = (options: FieldDefinition['options'], children: FieldDefinition[] = [child]): FieldDefinition => field({ label: 'Bloc', type: 'repetition', options, children });
    expect(validateFieldDefinitions([block({ minRows: 1, maxRows: 3 })])).toEqual({});
    expect(validateFieldDefinitions([block({ minRows: 4, maxRows: 3 })])).toEqual({
      'fields.0.options.maxRows': 'Le nombre maximal de lignes doit être supérieur ou égal au minimum.',
    });
    expect(validateFieldDefinitions([block({}, [])])).toEqual({ 'fields.0.children': 'Un bloc répétable contient au moins un champ.' });
    expect(validateFieldDefinitions([block({}, [child, field({ label: 'Interne', type: 'repetition', children: [field({ label: 'X' })] })])])).toEqual({
      'fields.0.children.1.type': 'Un bloc répétable ne peut pas contenir un autre bloc répétable.',
    });
    expect(validateFieldDefinitions([field({ label: 'Nom' }), block({}, [child, { ...field({ label: 'Prénom' }), stableId: child.stableId }])])).toEqual({
      'fields.1.children.1.stableId': 'Cet identifiant est déjà celui d’un autre champ.',
    });
    expect(validateFieldDefinitions([field({ label: 'Texte', children: [child] })])).toEqual({ 'fields.0.children': 'Seul un bloc répétable contient des champs.' });
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

  describe('conditions', () => {
    const eq = (fieldId: string, value: string | number | boolean, operator: 'eq' | 'include' | 'gt' = 'eq'): FieldDefinition['condition'] => ({ kind: 'comparison', field: fieldId, operator, value });

    it('accepts a condition on an earlier field, also inside a block', () => {
      const question = field({ label: 'Enfants ?', type: 'yes_no' });
      const school = field({ label: 'Scolarisé ?', type: 'yes_no' });
      const block = field({ label: 'Enfants', type: 'repetition', condition: eq(question.stableId, true), children: [school, field({ label: 'École', condition: eq(school.stableId, true) })] });
      expect(validateFieldDefinitions([question, block])).toEqual({});
    });

    it('refuses a condition on a later field, on a missing field, and on a field of another block', () => {
      const later = field({ label: 'Plus tard', type: 'yes_no' });
      const child = field({ label: 'Dans le bloc', type: 'yes_no' });
      const errors = validateFieldDefinitions([
        field({ label: 'Avant', condition: eq(later.stableId, true) }),
        later,
        field({ label: 'Fantôme', condition: eq('00000000-0000-4000-8000-00000000dead', true) }),
        field({ label: 'Bloc', type: 'repetition', children: [child] }),
        field({ label: 'Après le bloc', condition: eq(child.stableId, true) }),
      ]);
      expect(errors).toEqual({
        'fields.0.condition.field': 'La condition ne peut porter que sur un champ placé avant ; « Plus tard » est placé après.',
        'fields.2.condition.field': 'La condition porte sur un champ qui n’existe pas (ou plus) dans ce formulaire.',
        'fields.4.condition.field': 'Le champ « Dans le bloc » est dans un bloc répétable : seuls les champs du même bloc peuvent en dépendre.',
      });
    });

    it('refuses an operator the type does not take and a value that is not a choice', () => {
      const list = field({ label: 'Liste', type: 'drop_down_list', options: { choices: ['A', 'B'] } });
      const text = field({ label: 'Texte' });
      const errors = validateFieldDefinitions([list, text, field({ label: 'X', condition: eq(list.stableId, 'C') }), field({ label: 'Y', condition: eq(text.stableId, 3, 'gt') })]);
      expect(errors['fields.2.condition.value']).toMatch(/« C » n’est pas un des choix/u);
      expect(errors['fields.3.condition.operator']).toMatch(/ne s’applique pas au champ « Texte »/u);
    });

    it('refuses cycles', () => {
      const a = field({ label: 'A', type: 'yes_no' });
      const b = field({ label: 'B', type: 'yes_no', condition: eq(a.stableId, true) });
      const errors = validateFieldDefinitions([{ ...a, condition: eq(b.stableId, true) }, b]);
      expect(errors['fields.0.condition']).toMatch(/en boucle/u);
    });
  });
});

describe('validateFieldDefinitions: private annotations', () => {
  const decision = field({ label: 'Type de demande', type: 'drop_down_list', options: { choices: ['Création', 'Renouvellement'] } });

  it('lets an annotation read the usager’s fields and earlier annotations', () => {
    const checked = field({ label: 'Pièces vérifiées', type: 'yes_no' });
    const remark = field({ label: 'Remarque', type: 'textarea', condition: { kind: 'and', conditions: [{ kind: 'comparison', field: decision.stableId, operator: 'eq', value: 'Création' }, { kind: 'comparison', field: checked.stableId, operator: 'eq', value: false }] } });
    expect(validateFieldDefinitions([decision], [checked, remark])).toEqual({});
  });

  it('refuses a usager’s field that reads an annotation, since the usager never sees it', () => {
    const note = field({ label: 'Note interne', type: 'yes_no' });
    const errors = validateFieldDefinitions([field({ label: 'Détail', condition: { kind: 'comparison', field: note.stableId, operator: 'eq', value: true } })], [note]);
    expect(Object.keys(errors)).toEqual([expect.stringMatching(/^fields\.0\.condition/)]);
  });

  it('keeps stable ids unique across fields and annotations, and reports annotation paths', () => {
    const errors = validateFieldDefinitions([decision], [field({ label: 'Avis', stableId: decision.stableId }), field({ label: 'Titre', type: 'header_section', mandatory: true })]);
    expect(errors).toEqual({
      'annotations.0.stableId': 'Cet identifiant est déjà celui d’un autre champ.',
      'annotations.1.mandatory': 'Un titre de section ou une explication ne peut pas être obligatoire.',
    });
  });

  it('allows an annotation to share a label with a field (they are separate lists)', () => {
    expect(validateFieldDefinitions([field({ label: 'Montant' })], [field({ label: 'Montant' })])).toEqual({});
  });
});
