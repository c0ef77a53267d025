import { describe, expect, it } from 'vitest';
import { compileForm, mandatoryMessage, notAnObjectMessage, unknownFieldMessage } from './form.compiler';
import { type FormField } from './form-field.model';

const ids = {
  section: '00000000-0000-4000-8000-000000000001',
  name: '00000000-0000-4000-8000-000000000002',
  email: '00000000-0000-4000-8000-000000000003',
  age: '00000000-0000-4000-8000-000000000004',
  agreement: '00000000-0000-4000-8000-000000000005',
  files: '00000000-0000-4000-8000-000000000006',
  city: '00000000-0000-4000-8000-000000000007',
  note: '00000000-0000-4000-8000-000000000008',
  subscribed: '00000000-0000-4000-8000-000000000009',
} as const;
const fileId = '0b8f3a52-3c2e-4b8a-9d5e-1f2a3b4c5d6e';

const fields: FormField[] = [
  { stableId: ids.section, type: 'header_section', label: 'Identité' },
  { stableId: ids.name, type: 'text', label: 'Nom', mandatory: true, options: { maxLength: 50 } },
  { stableId: ids.email, type: 'email', label: 'Courriel', mandatory: true },
  { stableId: ids.age, type: 'integer_number', label: 'Âge', mandatory: false, options: { min: 16, max: 30 } },
  { stableId: ids.agreement, type: 'checkbox', label: 'J’atteste sur l’honneur', mandatory: true },
  { stableId: ids.files, type: 'piece_justificative', label: 'Justificatif', mandatory: true },
  { stableId: ids.city, type: 'drop_down_list', label: 'Ville', mandatory: false, options: { choices: ['Lyon', 'Paris'] } },
  { stableId: ids.note, type: 'textarea', label: 'Remarques' },
  { stableId: ids.subscribed, type: 'yes_no', label: 'Abonné ?', mandatory: true },
];

const complete = {
  [ids.name]: '  Durand ',
  [ids.email]: 'amelie.durand@example.fr',
  [ids.age]: '20',
  [ids.agreement]: true,
  [ids.files]: [{ fileId, fileName: 'piece.pdf' }],
  [ids.subscribed]: false,
};

describe('compileForm', () => {
  const form = compileForm(fields);

  it('refuses two fields with the same stable id', () => {
    expect(() => compileForm([fields[1] as FormField, { ...(fields[2] as FormField), stableId: ids.name }])).toThrow(/appears twice/);
  });

  it('keeps the fields it was compiled from', () => {
    expect(form.fields).toBe(fields);
  });

  describe('validateDraft', () => {
    it('accepts an empty draft', () => {
      expect(form.validateDraft({})).toEqual({ ok: true, values: {} });
    });

    it('accepts a partial draft and cleans its values', () => {
      expect(form.validateDraft({ [ids.name]: ' Durand ', [ids.age]: '18' })).toEqual({ ok: true, values: { [ids.name]: 'Durand', [ids.age]: 18 } });
    });

    it('drops null and blank values, so saving them clears the field', () => {
      expect(form.validateDraft({ [ids.name]: null, [ids.email]: '   ', [ids.files]: [], [ids.section]: null })).toEqual({ ok: true, values: {} });
    });

    it('keeps an unticked checkbox and a "non" answer', () => {
      expect(form.validateDraft({ [ids.agreement]: false, [ids.subscribed]: false })).toEqual({ ok: true, values: { [ids.agreement]: false, [ids.subscribed]: false } });
    });

    it('refuses wrongly shaped values, each under its stable id', () => {
      const result = form.validateDraft({ [ids.name]: 42, [ids.email]: 'pas-une-adresse', [ids.age]: 12, [ids.city]: 'Nice', [ids.section]: 'valeur' });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.fields).toEqual({
        [ids.name]: 'Saisissez un texte.',
        [ids.email]: expect.stringContaining('Adresse électronique invalide') as string,
        [ids.age]: 'La valeur doit être supérieure ou égale à 16.',
        [ids.city]: 'Choisissez une des valeurs proposées.',
        [ids.section]: 'Ce champ n’attend pas de valeur.',
      });
    });

    it('refuses unknown keys, including prototype names', () => {
      const values = JSON.parse(`{"inconnu": "x", "__proto__": {"polluted": true}, "${ids.name}": "Durand"}`) as Record<string, unknown>;
      const result = form.validateDraft(values);
      expect(result).toEqual({ ok: false, fields: { inconnu: unknownFieldMessage, __proto__: unknownFieldMessage } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses values that are not an object', () => {
      for (const values of [null, undefined, 'x', 42, [complete]]) {
        expect(form.validateDraft(values)).toEqual({ ok: false, fields: { _: notAnObjectMessage } });
      }
    });
  });

  describe('validateSubmission', () => {
    it('accepts complete values and returns them cleaned', () => {
      expect(form.validateSubmission(complete)).toEqual({
        ok: true,
        values: {
          [ids.name]: 'Durand',
          [ids.email]: 'amelie.durand@example.fr',
          [ids.age]: 20,
          [ids.agreement]: true,
          [ids.files]: [{ fileId, fileName: 'piece.pdf' }],
          [ids.subscribed]: false,
        },
      });
    });

    it('requires every mandatory field', () => {
      expect(form.validateSubmission({})).toEqual({
        ok: false,
        fields: {
          [ids.name]: mandatoryMessage,
          [ids.email]: mandatoryMessage,
          [ids.agreement]: mandatoryMessage,
          [ids.files]: mandatoryMessage,
          [ids.subscribed]: mandatoryMessage,
        },
      });
    });

    it('counts blank text, no file and null as missing', () => {
      const result = form.validateSubmission({ ...complete, [ids.name]: '  ', [ids.files]: [], [ids.subscribed]: null });
      expect(!result.ok && result.fields).toEqual({ [ids.name]: mandatoryMessage, [ids.files]: mandatoryMessage, [ids.subscribed]: mandatoryMessage });
    });

    it('requires a mandatory checkbox to be ticked, but accepts "non" on a mandatory yes/no', () => {
      const result = form.validateSubmission({ ...complete, [ids.agreement]: false });
      expect(!result.ok && result.fields).toEqual({ [ids.agreement]: mandatoryMessage });
      expect(form.validateSubmission({ ...complete, [ids.subscribed]: false }).ok).toBe(true);
    });

    it('reports a wrong shape rather than "mandatory" for a mandatory field', () => {
      const result = form.validateSubmission({ ...complete, [ids.email]: 12 });
      expect(!result.ok && result.fields[ids.email]).toMatch(/Adresse électronique invalide/);
    });

    it('still refuses unknown keys', () => {
      expect(form.validateSubmission({ ...complete, intrus: 1 })).toEqual({ ok: false, fields: { intrus: unknownFieldMessage } });
    });

    it('never requires a structure field, even if marked mandatory', () => {
      const structureOnly = compileForm([{ stableId: ids.section, type: 'explication', label: 'Lisez ceci', mandatory: true }]);
      expect(structureOnly.validateSubmission({})).toEqual({ ok: true, values: {} });
    });

    it('accepts anything empty on a form without fields, and nothing else', () => {
      const none = compileForm([]);
      expect(none.validateSubmission({})).toEqual({ ok: true, values: {} });
      expect(none.validateSubmission({ x: 1 }).ok).toBe(false);
    });
  });
});
