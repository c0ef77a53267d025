import { describe, expect, it } from 'vitest';
import { defaultMaxLength, maxFilesPerField, parseIsoDate, validateFieldValue } from './field-value.validators';
import { type FieldValue, type FormField, type FormFieldOptions, type FormFieldType, formFieldTypes } from './form-field.model';

const field = (type: FormFieldType, options: FormFieldOptions = {}): FormField => ({ stableId: '6f1d1c9e-8a4b-4f5e-9c1a-2b3c4d5e6f70', type, label: type, options });

/** [what the client sends, the cleaned value] */
type ValidCase = readonly [unknown, FieldValue];

function expectValid(f: FormField, cases: readonly ValidCase[]): void {
  expect(cases.length).toBeGreaterThanOrEqual(5);
  for (const [input, cleaned] of cases) {
    expect(validateFieldValue(f, input), `${JSON.stringify(input)} should be valid`).toEqual({ kind: 'value', value: cleaned });
  }
}

function expectInvalid(f: FormField, inputs: readonly unknown[], message?: string | RegExp): void {
  expect(inputs.length).toBeGreaterThanOrEqual(5);
  for (const input of inputs) {
    const result = validateFieldValue(f, input);
    expect(result.kind, `${JSON.stringify(input)} should be refused`).toBe('invalid');
    if (message !== undefined && result.kind === 'invalid') expect(result.message).toMatch(message);
  }
}

function expectEmpty(f: FormField, inputs: readonly unknown[]): void {
  for (const input of inputs) expect(validateFieldValue(f, input), `${JSON.stringify(input)} should be empty`).toEqual({ kind: 'empty' });
}

const uuidA = '0b8f3a52-3c2e-4b8a-9d5e-1f2a3b4c5d6e';
const uuidB = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('every field type has a validator', () => {
  it.each(formFieldTypes)('%s answers null with "empty"', (type) => {
    expect(validateFieldValue(field(type, type === 'drop_down_list' ? { choices: ['A'] } : {}), null)).toEqual({ kind: 'empty' });
  });
});

describe('text', () => {
  it('accepts strings and trims them', () => {
    expectValid(field('text'), [
      ['Durand', 'Durand'],
      ['  Amélie  ', 'Amélie'],
      ['Rue de l’Église, 12', 'Rue de l’Église, 12'],
      ['日本語テキスト', '日本語テキスト'],
      ['x'.repeat(defaultMaxLength.text), 'x'.repeat(defaultMaxLength.text)],
      ['0', '0'],
    ]);
  });

  it('counts characters, not UTF-16 units, against maxLength', () => {
    expectValid(field('text', { maxLength: 3 }), [
      ['abc', 'abc'],
      ['😀😀😀', '😀😀😀'],
      ['éèà', 'éèà'],
      [' ab ', 'ab'],
      ['a', 'a'],
    ]);
  });

  it('refuses non-strings, NUL characters and too long texts', () => {
    expectInvalid(field('text'), [42, true, ['a'], { text: 'a' }, 'a\u0000b', 'lone \ud800 surrogate', 'x'.repeat(defaultMaxLength.text + 1)]);
    expectInvalid(field('text', { maxLength: 3 }), ['abcd', '😀😀😀😀', 'a b c', 'longer text', '1234'], 'Au plus 3 caractères.');
  });

  it('treats null and blank text as empty', () => {
    expectEmpty(field('text'), [undefined, null, '', '   ', '\n\t']);
  });
});

describe('textarea', () => {
  it('accepts multi-line strings up to maxLength', () => {
    expectValid(field('textarea', { maxLength: 20 }), [
      ['ligne 1\nligne 2', 'ligne 1\nligne 2'],
      ['  texte  ', 'texte'],
      ['a'.repeat(20), 'a'.repeat(20)],
      ['Motif : « urgent »', 'Motif : « urgent »'],
      ['\n\nbonjour\n', 'bonjour'],
    ]);
    expect(validateFieldValue(field('textarea'), 'y'.repeat(defaultMaxLength.textarea))).toMatchObject({ kind: 'value' });
  });

  it('refuses non-strings and too long texts', () => {
    expectInvalid(field('textarea', { maxLength: 20 }), [12, false, ['ligne'], 'a'.repeat(21), 'nul\u0000', { value: 'x' }]);
    expectInvalid(field('textarea'), ['y'.repeat(defaultMaxLength.textarea + 1), 1, [], {}, true]);
  });
});

describe('email', () => {
  it('accepts addresses and trims them', () => {
    expectValid(field('email'), [
      ['prenom.nom@domaine.fr', 'prenom.nom@domaine.fr'],
      ['  Jean.Dupont@Example.COM ', 'Jean.Dupont@Example.COM'],
      ['a+tag@sub.domaine.gouv.fr', 'a+tag@sub.domaine.gouv.fr'],
      ["o'neil_42@mail.co.uk", "o'neil_42@mail.co.uk"],
      ['contact@mairie-de-saint-étienne.fr', 'contact@mairie-de-saint-étienne.fr'],
      ['x@y.io', 'x@y.io'],
    ]);
  });

  it('refuses what is not an address', () => {
    expectInvalid(
      field('email'),
      ['plainaddress', 'a@b', '@domaine.fr', 'nom@.fr', 'nom@domaine..fr', 'nom prenom@domaine.fr', 'nom@domaine.fr.', '.nom@domaine.fr', 'nom..x@domaine.fr', 'nom@-domaine.fr', 42, `${'a'.repeat(65)}@domaine.fr`],
      /Adresse électronique invalide/,
    );
  });
});

describe('phone', () => {
  it('accepts French national numbers and keeps them in national form', () => {
    expectValid(field('phone'), [
      ['06 12 34 56 78', '06 12 34 56 78'],
      ['0612345678', '06 12 34 56 78'],
      ['01.23.45.67.89', '01 23 45 67 89'],
      ['09-87-65-43-21', '09 87 65 43 21'],
      [' 0262 12 34 56 ', '02 62 12 34 56'],
    ]);
  });

  it('accepts +33 and international E.164 numbers', () => {
    expectValid(field('phone'), [
      ['+33 6 12 34 56 78', '+33612345678'],
      ['+33 (0)6 12 34 56 78', '+33612345678'],
      ['0033612345678', '+33612345678'],
      ['+44 20 7946 0958', '+442079460958'],
      ['+1-202-555-0143', '+12025550143'],
      ['+262 262 12 34 56', '+262262123456'],
    ]);
  });

  it('refuses malformed numbers', () => {
    expectInvalid(
      field('phone'),
      ['06 12 34 56', '1234567890', '+33 0 6 12 34 56 78', '+33 6 12 34 56', '06 12 34 56 78 90', 'abc', '06 12 34 56 7a', '+1 23', 612345678, '+0 123 456 789', '(06) 12 34 56 78', '++33612345678'],
      /Numéro de téléphone invalide/,
    );
  });
});

describe('integer_number', () => {
  it('accepts integers, as numbers or typed text', () => {
    expectValid(field('integer_number'), [
      [42, 42],
      [-7, -7],
      [0, 0],
      ['12', 12],
      [' 1 000 ', 1000],
      ['-3', -3],
      [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ]);
  });

  it('refuses decimals, text and unsafe integers', () => {
    expectInvalid(field('integer_number'), [3.5, '3,5', 'abc', true, [1], Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '1e3', '12abc'], /nombre entier/);
  });

  it('applies min and max inclusively', () => {
    const bounded = field('integer_number', { min: 1, max: 10 });
    expectValid(bounded, [
      [1, 1],
      [10, 10],
      [5, 5],
      ['2', 2],
      ['9', 9],
    ]);
    expectInvalid(bounded, [0, 11, -1, '100', 1_000_000]);
    expect(validateFieldValue(bounded, 0)).toEqual({ kind: 'invalid', message: 'La valeur doit être supérieure ou égale à 1.' });
    expect(validateFieldValue(bounded, 11)).toEqual({ kind: 'invalid', message: 'La valeur doit être inférieure ou égale à 10.' });
  });
});

describe('decimal_number', () => {
  it('accepts decimals with a dot or a French comma', () => {
    expectValid(field('decimal_number'), [
      [3.14, 3.14],
      ['3,5', 3.5],
      ['2.25', 2.25],
      [-0.5, -0.5],
      [7, 7],
      ['1 234,5', 1234.5],
      [',5', 0.5],
      [-0, 0],
    ]);
  });

  it('refuses what is not a finite number', () => {
    expectInvalid(field('decimal_number'), ['abc', '1,2,3', '1.2.3', true, { value: 1 }, Number.NaN, Number.NEGATIVE_INFINITY, '1e400', '--1', '12 €'], /Saisissez un nombre/);
  });

  it('applies min and max, written the French way', () => {
    const bounded = field('decimal_number', { min: 0.5, max: 99.9 });
    expectValid(bounded, [
      [0.5, 0.5],
      [99.9, 99.9],
      ['50,25', 50.25],
      [1, 1],
      ['0,75', 0.75],
    ]);
    expectInvalid(bounded, [0.49, 100, -1, '99,95', 0]);
    expect(validateFieldValue(bounded, 0.1)).toEqual({ kind: 'invalid', message: 'La valeur doit être supérieure ou égale à 0,5.' });
  });
});

describe('date', () => {
  it('accepts real ISO dates', () => {
    expectValid(field('date'), [
      ['2024-03-31', '2024-03-31'],
      ['2024-02-29', '2024-02-29'],
      ['2000-02-29', '2000-02-29'],
      [' 1999-12-31 ', '1999-12-31'],
      ['2023-01-01', '2023-01-01'],
    ]);
  });

  it('refuses impossible dates and other formats', () => {
    expectInvalid(
      field('date'),
      ['2024-02-30', '2023-02-29', '1900-02-29', '2024-13-01', '2024-04-31', '2024-00-10', '24-01-01', '31/03/2024', '2024-1-5', '2024-03-31T10:00:00Z', 20240331, true],
      /AAAA-MM-JJ/,
    );
  });

  it('applies ISO min and max from the options', () => {
    const bounded = field('date', { min: '2024-01-01', max: '2024-12-31' });
    expectValid(bounded, [
      ['2024-01-01', '2024-01-01'],
      ['2024-12-31', '2024-12-31'],
      ['2024-06-15', '2024-06-15'],
      ['2024-02-29', '2024-02-29'],
      ['2024-10-01', '2024-10-01'],
    ]);
    expectInvalid(bounded, ['2023-12-31', '2025-01-01', '1970-01-01', '2099-05-05', '0001-01-01']);
    expect(validateFieldValue(bounded, '2023-12-31')).toEqual({ kind: 'invalid', message: 'La date doit être le 01/01/2024 ou après.' });
    expect(validateFieldValue(bounded, '2025-01-01')).toEqual({ kind: 'invalid', message: 'La date doit être le 31/12/2024 ou avant.' });
  });

  it('ignores numeric or malformed bounds on a date', () => {
    expect(validateFieldValue(field('date', { min: 5, max: 'not a date' }), '1990-01-01')).toEqual({ kind: 'value', value: '1990-01-01' });
  });

  it('parses dates into their parts', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2024-02-30')).toBeUndefined();
  });
});

describe.each(['checkbox', 'yes_no'] as const)('%s', (type) => {
  it('accepts booleans only', () => {
    expectValid(field(type), [
      [true, true],
      [false, false],
      [true, true],
      [false, false],
      [Boolean(1), true],
    ]);
    expectInvalid(field(type), ['true', 'oui', 1, 0, 'false', [true], { checked: true }, '']);
  });

  it('treats null as empty', () => {
    expectEmpty(field(type), [undefined, null]);
  });
});

describe('drop_down_list', () => {
  const list = field('drop_down_list', { choices: ['Paris', 'Lyon', 'Marseille', 'Saint-Étienne', 'Aix-en-Provence', 'Autre'] });

  it('accepts one of the choices', () => {
    expectValid(list, [
      ['Paris', 'Paris'],
      ['Lyon', 'Lyon'],
      ['Marseille', 'Marseille'],
      ['Saint-Étienne', 'Saint-Étienne'],
      ['Aix-en-Provence', 'Aix-en-Provence'],
      ['Autre', 'Autre'],
    ]);
  });

  it('refuses anything else', () => {
    expectInvalid(list, ['paris', 'Bordeaux', 'Paris ', 1, ['Paris'], true, { choice: 'Lyon' }], 'Choisissez une des valeurs proposées.');
  });

  it('refuses everything when the list has no choices', () => {
    expect(validateFieldValue(field('drop_down_list'), 'Paris')).toMatchObject({ kind: 'invalid' });
  });
});

describe('piece_justificative', () => {
  const files = field('piece_justificative');

  it('accepts lists of {fileId, fileName}', () => {
    expectValid(files, [
      [[{ fileId: uuidA, fileName: 'justificatif.pdf' }], [{ fileId: uuidA, fileName: 'justificatif.pdf' }]],
      [
        [
          { fileId: uuidA, fileName: 'a.pdf' },
          { fileId: uuidB, fileName: 'b.png' },
        ],
        [
          { fileId: uuidA, fileName: 'a.pdf' },
          { fileId: uuidB, fileName: 'b.png' },
        ],
      ],
      [[{ fileId: uuidA.toUpperCase(), fileName: '  Relevé d’identité bancaire.pdf ' }], [{ fileId: uuidA, fileName: 'Relevé d’identité bancaire.pdf' }]],
      [[{ fileName: 'ordre.pdf', fileId: uuidB }], [{ fileId: uuidB, fileName: 'ordre.pdf' }]],
      [[{ fileId: uuidB, fileName: 'x'.repeat(255) }], [{ fileId: uuidB, fileName: 'x'.repeat(255) }]],
    ]);
  });

  it('refuses malformed lists and files', () => {
    expectInvalid(files, [
      { fileId: uuidA, fileName: 'a.pdf' },
      'a.pdf',
      [uuidA],
      [{ fileId: 'not-a-uuid', fileName: 'a.pdf' }],
      [{ fileId: uuidA }],
      [{ fileId: uuidA, fileName: '' }],
      [{ fileId: uuidA, fileName: '../../etc/passwd' }],
      [{ fileId: uuidA, fileName: 'a\u0000.pdf' }],
      [{ fileId: uuidA, fileName: 'a\udc00.pdf' }],
      [{ fileId: uuidA, fileName: 'a.pdf', size: 12 }],
      [
        { fileId: uuidA, fileName: 'a.pdf' },
        { fileId: uuidA.toUpperCase(), fileName: 'copie.pdf' },
      ],
      Array.from({ length: maxFilesPerField + 1 }, (_, index) => ({ fileId: `0b8f3a52-3c2e-4b8a-9d5e-${String(index).padStart(12, '0')}`, fileName: `${index}.pdf` })),
      [{ fileId: uuidA, fileName: 'x'.repeat(256) }],
    ]);
    expect(validateFieldValue(files, [{ fileId: uuidA, fileName: 'a.pdf' }, { fileId: 'x', fileName: 'b.pdf' }])).toEqual({
      kind: 'invalid',
      message: 'Fichier n° 2 : identifiant de fichier invalide.',
    });
  });

  it('treats no file as empty', () => {
    expectEmpty(files, [undefined, null, []]);
  });
});

describe.each(['header_section', 'explication'] as const)('%s', (type) => {
  it('takes no value', () => {
    expectEmpty(field(type), [undefined, null]);
    expectInvalid(field(type), ['texte', '', 0, false, [], {}], 'Ce champ n’attend pas de valeur.');
  });
});
