import { describe, expect, it } from 'vitest';
import { validateFieldValue } from './field-value.validators';
import { type FieldValue, type FormField, type FormFieldOptions, type FormFieldType } from './form-field.model';
import { type LocationCatalogue } from './location-catalogue';
import { ibanValid, luhnValid, siretValid } from './typed-value.validators';

const stableId = '00000000-0000-4000-8000-000000000001';
const fieldOf = (type: FormFieldType, options: FormFieldOptions = {}): FormField => ({ stableId, type, label: 'Champ', options });

/** A tiny catalogue standing in for the official lists (the real one is tested in node/). */
const locations: LocationCatalogue = {
  commune: (code) => (['75056', '69123', '2A004', '97411', '01001'].includes(code) ? { code, nom: 'X', departement: code.slice(0, 2), region: '11' } : undefined),
  departement: (code) => (['75', '69', '2A', '971', '01'].includes(code) ? { code, nom: 'X', region: '11' } : undefined),
  region: (code) => (['11', '84', '94', '01', '53'].includes(code) ? { code, nom: 'X' } : undefined),
  epci: (code) => (['200054781', '200046977', '243100518', '200000172', '247400690'].includes(code) ? { code, nom: 'X' } : undefined),
  country: (code) => (['FR', 'DE', 'BE', 'JP', 'SN'].includes(code) ? { code, nom: 'X' } : undefined),
};

type Case = { type: FormFieldType; options?: FormFieldOptions; valid: [unknown, FieldValue][]; invalid: unknown[] };

const cases: Case[] = [
  {
    type: 'siret',
    valid: [
      ['73282932000074', '73282932000074'],
      ['732 829 320 00074', '73282932000074'],
      ['55203253400646', '55203253400646'],
      ['13000114300010', '13000114300010'],
      ['35600000000048', '35600000000048'],
      // La Poste: not Luhn-valid, but the sum of its digits is a multiple of 5.
      ['35600000000001', '35600000000001'],
    ],
    invalid: ['73282932000075', '7328293200007', '732829320000744', 'ABCDEFGHIJKLMN', '35600000000002', true, ['73282932000074']],
  },
  {
    type: 'iban',
    valid: [
      ['FR76 3000 6000 0112 3456 7890 189', 'FR7630006000011234567890189'],
      ['de89370400440532013000', 'DE89370400440532013000'],
      ['GB29NWBK60161331926819', 'GB29NWBK60161331926819'],
      ['BE68539007547034', 'BE68539007547034'],
      ['ES91 2100 0418 4502 0005 1332', 'ES9121000418450200051332'],
      ['NO9386011117947', 'NO9386011117947'],
    ],
    invalid: ['FR7630006000011234567890188', 'FR763000600001123456789018', 'ZZ7630006000011234567890189', 'GB29NWBK6016133192681', 'DE89 3704 0044 0532 0130 01', 42],
  },
  {
    type: 'rna',
    valid: [
      ['W751234567', 'W751234567'],
      ['w751234567', 'W751234567'],
      [' W 751 234 567 ', 'W751234567'],
      ['W000000001', 'W000000001'],
      ['W9M1234567'.replace('M', '1'), 'W911234567'],
    ],
    invalid: ['751234567', 'W75123456', 'W7512345678', 'X751234567', 'W75123456A', 751234567],
  },
  {
    type: 'rnf',
    valid: [
      ['075-FDD-00003-01', '075-FDD-00003-01'],
      ['075-fdd-00003-01', '075-FDD-00003-01'],
      ['02A-FE-12345-00', '02A-FE-12345-00'],
      ['971-FRUP-00001-99', '971-FRUP-00001-99'],
      ['013-FDD-99999-10', '013-FDD-99999-10'],
    ],
    invalid: ['75-FDD-00003-01', '075FDD0000301', '075-F-00003-01', '075-FDD-0003-01', '075-FDD-00003-1', '175-FDD-00003-01'],
  },
  {
    type: 'phone',
    valid: [
      ['06 12 34 56 78', '06 12 34 56 78'],
      ['0612345678', '06 12 34 56 78'],
      ['+33 6 12 34 56 78', '+33612345678'],
      ['0033 (0)1 23 45 67 89'.replace(' (0)', '(0)'), '+33123456789'],
      ['+44 20 7946 0958', '+442079460958'],
      ['+1 202-555-0143', '+12025550143'],
    ],
    invalid: ['12345', '06 12 34 56', '+33 06 12 34 56 78', 'abc', '+0123456789', 612345678],
  },
  {
    type: 'email',
    valid: [
      ['amelie.durand@example.fr', 'amelie.durand@example.fr'],
      [' contact@mairie-lyon.fr ', 'contact@mairie-lyon.fr'],
      ['a+tag@sub.domaine.gouv.fr', 'a+tag@sub.domaine.gouv.fr'],
      ['x@exemple.brussels', 'x@exemple.brussels'],
      ['jean@café.fr', 'jean@café.fr'],
    ],
    invalid: ['amelie', 'amelie@', '@example.fr', 'a@b', 'a b@example.fr', 'a..b@example.fr'],
  },
  {
    type: 'date',
    options: { min: '2024-01-01', max: '2024-12-31' },
    valid: [
      ['2024-01-01', '2024-01-01'],
      ['2024-02-29', '2024-02-29'],
      ['2024-06-15', '2024-06-15'],
      [' 2024-12-31 ', '2024-12-31'],
      ['2024-07-14', '2024-07-14'],
    ],
    invalid: ['2023-12-31', '2025-01-01', '2024-02-30', '15/06/2024', '2024-13-01', 20240615],
  },
  {
    type: 'datetime',
    options: { min: '2024-01-01T08:00', max: '2024-12-31T18:00' },
    valid: [
      ['2024-01-01T08:00', '2024-01-01T08:00'],
      ['2024-06-15T14:30', '2024-06-15T14:30'],
      ['2024-06-15 14:30', '2024-06-15T14:30'],
      ['2024-06-15T14:30:59', '2024-06-15T14:30'],
      ['2024-12-31T18:00', '2024-12-31T18:00'],
    ],
    invalid: ['2024-01-01T07:59', '2024-12-31T18:01', '2024-06-15T24:00', '2024-02-30T10:00', '2024-06-15', 'demain'],
  },
  {
    type: 'decimal_number',
    options: { min: -10, max: 1000, decimalPlaces: 2 },
    valid: [
      ['12,5', 12.5],
      ['12.50', 12.5],
      [999.99, 999.99],
      ['-10', -10],
      ['1 000', 1000],
    ],
    invalid: ['12,345', 0.001, '1000,01', '-10,5', 'douze', Number.NaN],
  },
  {
    type: 'integer_number',
    options: { min: 0, max: 150 },
    valid: [
      ['42', 42],
      [0, 0],
      [150, 150],
      ['+7', 7],
      [' 18 ', 18],
    ],
    invalid: ['-1', 151, '4,2', 4.2, 'quarante', true],
  },
  {
    type: 'formatted',
    options: { mode: 'regex', pattern: '[A-Z]{2}-\\d{3}-[A-Z]{2}', patternExample: 'AB-123-CD' },
    valid: [
      ['AB-123-CD', 'AB-123-CD'],
      [' ZZ-000-AA ', 'ZZ-000-AA'],
      ['FR-999-XY', 'FR-999-XY'],
      ['AA-111-BB', 'AA-111-BB'],
      ['QW-456-ER', 'QW-456-ER'],
    ],
    invalid: ['ab-123-cd', 'AB123CD', 'AB-1234-CD', 'XAB-123-CD', 'AB-123-CDX', 12],
  },
  {
    type: 'formatted',
    options: { mode: 'simple', letters: false, digits: true, minLength: 5, maxLength: 5 },
    valid: [
      ['75001', '75001'],
      ['69 123', '69 123'],
      ['00000', '00000'],
      [' 13001 ', '13001'],
      ['97411', '97411'],
    ],
    invalid: ['7500', '750011', '7500A', 'ABCDE', '75-001', '75.001'],
  },
  {
    type: 'communes',
    valid: [
      ['75056', '75056'],
      ['69123', '69123'],
      ['2a004', '2A004'],
      ['97411', '97411'],
      ['01001', '01001'],
    ],
    invalid: ['75000', '7505', '750566', 'Paris', '2C004', 75056],
  },
  {
    type: 'departements',
    valid: [
      ['75', '75'],
      ['69', '69'],
      ['2a', '2A'],
      ['971', '971'],
      ['01', '01'],
    ],
    invalid: ['00', '96', '977', '2C', '7', 'Rhône'],
  },
  {
    type: 'regions',
    valid: [
      ['11', '11'],
      ['84', '84'],
      ['94', '94'],
      ['01', '01'],
      ['53', '53'],
    ],
    invalid: ['99', '1', '111', 'IDF', '00', 11],
  },
  {
    type: 'epci',
    valid: [
      ['200054781', '200054781'],
      ['200046977', '200046977'],
      ['243100518', '243100518'],
      ['200000172', '200000172'],
      ['247400690', '247400690'],
    ],
    invalid: ['200054782', '20005478', '2000547811', 'CC-Lyon', '', 200054781].filter((value) => value !== ''),
  },
  {
    type: 'pays',
    valid: [
      ['FR', 'FR'],
      ['de', 'DE'],
      ['BE', 'BE'],
      ['JP', 'JP'],
      ['SN', 'SN'],
    ],
    invalid: ['XX', 'FRA', 'F', 'France', '12', 250],
  },
  {
    type: 'civilite',
    valid: [
      ['M.', 'M.'],
      ['Mme', 'Mme'],
    ],
    invalid: ['M', 'Mlle', 'Monsieur', 'mme', true],
  },
  {
    type: 'dossier_link',
    valid: [
      [1234, 1234],
      ['1234', 1234],
      [' 42 ', 42],
      [1, 1],
      ['999999999', 999999999],
    ],
    invalid: [0, -3, '12a', 1.5, '1e3', true],
  },
  {
    type: 'multiple_drop_down_list',
    options: { choices: ['Vélo', 'Bus', 'Train', 'Voiture', 'Marche'] },
    valid: [
      [['Bus'], ['Bus']],
      [['Train', 'Vélo'], ['Vélo', 'Train']],
      [['Bus', 'Bus'], ['Bus']],
      [['Marche', 'Voiture', 'Bus'], ['Bus', 'Voiture', 'Marche']],
      [['Vélo', 'Bus', 'Train', 'Voiture', 'Marche'], ['Vélo', 'Bus', 'Train', 'Voiture', 'Marche']],
    ],
    invalid: ['Bus', ['Avion'], [1], ['bus'], [['Bus']], { Bus: true }],
  },
  {
    type: 'drop_down_list',
    options: { choices: ['A', 'B'], other: true },
    valid: [
      ['A', 'A'],
      ['B', 'B'],
      ['Autre chose', 'Autre chose'],
      [' C ', 'C'],
      ['Z', 'Z'],
    ],
    invalid: [1, true, ['A'], { other: 'x' }, 'x'.repeat(501)],
  },
  {
    type: 'linked_drop_down_list',
    options: { linkedChoices: [{ value: 'Fruits', children: ['Pomme', 'Poire'] }, { value: 'Légumes', children: ['Carotte'] }, { value: 'Autre', children: [] }] },
    valid: [
      [{ primary: 'Fruits', secondary: 'Pomme' }, { primary: 'Fruits', secondary: 'Pomme' }],
      [{ primary: 'Fruits', secondary: 'Poire' }, { primary: 'Fruits', secondary: 'Poire' }],
      [{ primary: 'Légumes', secondary: 'Carotte' }, { primary: 'Légumes', secondary: 'Carotte' }],
      [{ primary: 'Autre' }, { primary: 'Autre' }],
      [{ primary: 'Autre', secondary: null }, { primary: 'Autre' }],
    ],
    invalid: [{ primary: 'Fruits', secondary: 'Carotte' }, { primary: 'Fruits' }, { primary: 'Viande', secondary: 'Boeuf' }, { primary: 'Autre', secondary: 'X' }, 'Fruits', { primary: 'Fruits', secondary: 'Pomme', extra: 1 }],
  },
  {
    type: 'annuaire_education',
    valid: [
      ['0750001A', '0750001A'],
      ['0693456x', '0693456X'],
      ['9710001B', '9710001B'],
      [' 0130001Z ', '0130001Z'],
      ['0010001C', '0010001C'],
    ],
    invalid: ['075000A', '07500011', 'A0750001', '0750001AA', 750001, ''].filter((value) => value !== ''),
  },
  {
    type: 'cnaf',
    valid: [
      [{ numeroAllocataire: '1234567', codePostal: '75001' }, { numeroAllocataire: '1234567', codePostal: '75001' }],
      [{ numeroAllocataire: '1', codePostal: '97411' }, { numeroAllocataire: '1', codePostal: '97411' }],
      [{ numeroAllocataire: 12345, codePostal: '69001' }, { numeroAllocataire: '12345', codePostal: '69001' }],
      [{ numeroAllocataire: '123 456', codePostal: '13001' }, { numeroAllocataire: '123456', codePostal: '13001' }],
      [{ numeroAllocataire: '0000001', codePostal: '01000' }, { numeroAllocataire: '0000001', codePostal: '01000' }],
    ],
    invalid: ['1234567', { numeroAllocataire: '12345678', codePostal: '75001' }, { numeroAllocataire: '123', codePostal: '7500' }, { numeroAllocataire: '123' }, { numeroAllocataire: '1', codePostal: '75001', autre: 1 }],
  },
  {
    type: 'dgfip',
    valid: [
      [{ numeroFiscal: '1234567890123', referenceAvis: '1234567890ABC' }, { numeroFiscal: '1234567890123', referenceAvis: '1234567890ABC' }],
      [{ numeroFiscal: '0123456789012', referenceAvis: 'ABCDEFGHIJKLM' }, { numeroFiscal: '0123456789012', referenceAvis: 'ABCDEFGHIJKLM' }],
      [{ numeroFiscal: '31 23 456 789 012', referenceAvis: '21 75 A12 345 678' }, { numeroFiscal: '3123456789012', referenceAvis: '2175A12345678' }],
      [{ numeroFiscal: '2000000000000', referenceAvis: '0000000000000' }, { numeroFiscal: '2000000000000', referenceAvis: '0000000000000' }],
      [{ numeroFiscal: '1999999999999', referenceAvis: 'abcdefghijklm' }, { numeroFiscal: '1999999999999', referenceAvis: 'ABCDEFGHIJKLM' }],
    ],
    invalid: [{ numeroFiscal: '4123456789012', referenceAvis: '1234567890ABC' }, { numeroFiscal: '123456789012', referenceAvis: '1234567890ABC' }, { numeroFiscal: '1234567890123', referenceAvis: '1234' }, { numeroFiscal: '1234567890123' }, '1234567890123'],
  },
  {
    type: 'mesri',
    valid: [
      ['1234567890A', '1234567890A'],
      ['0A12345678b', '0A12345678B'],
      ['12345678901', '12345678901'],
      ['ABCDEFGHIJK', 'ABCDEFGHIJK'],
      [' 1234567890A ', '1234567890A'],
    ],
    invalid: ['1234567890', '1234567890AB', '12345-7890@', 12345678901, 'é234567890A'],
  },
  {
    type: 'pole_emploi',
    valid: [
      ['1234567A', '1234567A'],
      ['12345678', '12345678'],
      ['1234567890A', '1234567890A'],
      ['abc12345', 'ABC12345'],
      [' 7654321Z ', '7654321Z'],
    ],
    invalid: ['1234567', '123456789012', '1234567#', 12345678, 'é1234567'],
  },
];

describe.each(cases)('$type', ({ type, options, valid, invalid }) => {
  const field = fieldOf(type, options);
  it.each(valid)('accepts %j as %j', (input, cleaned) => {
    expect(validateFieldValue(field, input, { locations })).toEqual({ kind: 'value', value: cleaned });
  });
  it.each(invalid.map((value) => [value]))('refuses %j with a French message', (input) => {
    const result = validateFieldValue(field, input, { locations });
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.message).toMatch(/[A-Za-zÀ-ÿ]/u);
  });
  it('treats null as empty', () => {
    expect(validateFieldValue(field, null, { locations })).toEqual({ kind: 'empty' });
  });
});

describe('location codes without a catalogue (browser)', () => {
  it('checks the format only', () => {
    expect(validateFieldValue(fieldOf('communes'), '75000')).toEqual({ kind: 'value', value: '75000' });
    expect(validateFieldValue(fieldOf('communes'), 'Paris').kind).toBe('invalid');
    expect(validateFieldValue(fieldOf('pays'), 'XX')).toEqual({ kind: 'value', value: 'XX' });
  });
});

describe('checksums', () => {
  it('computes Luhn, SIRET and IBAN keys', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(siretValid('35600000000001')).toBe(true);
    expect(siretValid('73282932000075')).toBe(false);
    expect(ibanValid('FR7630006000011234567890189')).toBe(true);
    expect(ibanValid('FR7630006000011234567890180')).toBe(false);
  });
});

describe('address', () => {
  const field = fieldOf('address');
  it('stores free text as a label, and structured parts cleaned', () => {
    expect(validateFieldValue(field, ' 20 avenue de Ségur, 75007 Paris ', { locations })).toEqual({ kind: 'value', value: { label: '20 avenue de Ségur, 75007 Paris' } });
    expect(
      validateFieldValue(
        field,
        { label: '20 avenue de Ségur 75007 Paris', streetAddress: '20 avenue de Ségur', postalCode: '75007', city: 'Paris', cityCode: '75056', departement: '75', region: '11', geometry: { type: 'Point', coordinates: [2.3, 48.85] } },
        { locations },
      ),
    ).toEqual({
      kind: 'value',
      value: { label: '20 avenue de Ségur 75007 Paris', streetAddress: '20 avenue de Ségur', postalCode: '75007', city: 'Paris', cityCode: '75056', departement: '75', region: '11', geometry: { type: 'Point', coordinates: [2.3, 48.85] } },
    });
  });
  it.each([
    [{ streetAddress: '20 avenue de Ségur' }],
    [{ label: 'x', postalCode: '7500' }],
    [{ label: 'x', cityCode: '75000' }],
    [{ label: 'x', geometry: { type: 'Point', coordinates: [200, 48] } }],
    [{ label: 'x', pays: 'FR' }],
    [42],
  ])('refuses %j', (value) => {
    expect(validateFieldValue(field, value, { locations }).kind).toBe('invalid');
  });
});

describe('carte', () => {
  const square = { type: 'Polygon', coordinates: [[[2, 48], [3, 48], [3, 49], [2, 49], [2, 48]]] };
  const feature = (geometry: unknown): unknown => ({ type: 'Feature', geometry, properties: { name: 'x' } });
  it.each([
    [feature({ type: 'Point', coordinates: [2.35, 48.85] })],
    [feature({ type: 'LineString', coordinates: [[2, 48], [2.5, 48.5]] })],
    [feature(square)],
    [{ type: 'FeatureCollection', features: [feature(square), feature({ type: 'Point', coordinates: [-180, -90] })] }],
    [{ type: 'FeatureCollection', features: [feature({ type: 'Point', coordinates: [180, 90] })] }],
  ])('accepts %j as a FeatureCollection without properties', (value) => {
    const result = validateFieldValue(fieldOf('carte'), value);
    expect(result.kind).toBe('value');
    if (result.kind === 'value') expect(result.value).toMatchObject({ type: 'FeatureCollection', features: expect.arrayContaining([expect.objectContaining({ properties: {} })]) });
  });
  it.each([
    [feature({ type: 'Point', coordinates: [181, 0] })],
    [feature({ type: 'Point', coordinates: [0, -91] })],
    [feature({ type: 'LineString', coordinates: [[2, 48]] })],
    [feature({ type: 'Polygon', coordinates: [[[2, 48], [3, 48], [3, 49], [2, 49]]] })],
    [feature({ type: 'MultiPoint', coordinates: [[2, 48]] })],
    [{ type: 'Point', coordinates: [2, 48] }],
    [feature({ type: 'Point', coordinates: ['2', '48'] })],
  ])('refuses %j', (value) => {
    expect(validateFieldValue(fieldOf('carte'), value).kind).toBe('invalid');
  });
  it('applies allowedGeometries', () => {
    expect(validateFieldValue(fieldOf('carte', { allowedGeometries: ['Point'] }), feature(square)).kind).toBe('invalid');
  });
});

describe('titre_identite and piece_justificative limits', () => {
  const file = (n: number): { fileId: string; fileName: string } => ({ fileId: `0b8f3a52-3c2e-4b8a-9d5e-1f2a3b4c5d6${n}`, fileName: `f${n}.pdf` });
  it('takes recto and verso at most for an identity document', () => {
    expect(validateFieldValue(fieldOf('titre_identite'), [file(1), file(2)]).kind).toBe('value');
    expect(validateFieldValue(fieldOf('titre_identite'), [file(1), file(2), file(3)]).kind).toBe('invalid');
  });
  it('applies maxFiles', () => {
    expect(validateFieldValue(fieldOf('piece_justificative', { maxFiles: 1 }), [file(1), file(2)])).toEqual({ kind: 'invalid', message: 'Un seul fichier est accepté.' });
  });
});
