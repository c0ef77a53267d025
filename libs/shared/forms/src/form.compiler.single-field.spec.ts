import { describe, expect, it } from 'vitest';
import { compileForm, mandatoryMessage, rowsShapeMessage } from './form.compiler';
import type { FormField } from './form-field.model';

/** Private annotations: checked one at a time, their conditions reading the usager's values too. */
const ids = {
  usagerCity: '10000000-0000-4000-8000-000000000001',
  decision: '10000000-0000-4000-8000-000000000002',
  amount: '10000000-0000-4000-8000-000000000003',
  reason: '10000000-0000-4000-8000-000000000004',
  visits: '10000000-0000-4000-8000-000000000005',
  visitDate: '10000000-0000-4000-8000-000000000006',
  visitNote: '10000000-0000-4000-8000-000000000007',
  title: '10000000-0000-4000-8000-000000000008',
} as const;
const rowA = '3f1d8a8e-7c51-4d0e-9a35-9a1c2b3d4e5f';
const rowB = '5b2c9d1e-8f62-4e1f-8b46-0b2d3c4e5f60';

const annotations: FormField[] = [
  { stableId: ids.title, type: 'header_section', label: 'Instruction' },
  { stableId: ids.decision, type: 'yes_no', label: 'Avis favorable', mandatory: true },
  { stableId: ids.amount, type: 'integer_number', label: 'Montant accordé', mandatory: true, options: { min: 0, max: 10_000 } },
  // Shown only for Lyon (a usager's field) and only once the avis is unfavourable (an earlier annotation).
  {
    stableId: ids.reason,
    type: 'text',
    label: 'Motif',
    mandatory: true,
    condition: {
      kind: 'and',
      conditions: [
        { kind: 'comparison', field: ids.usagerCity, operator: 'eq', value: 'Lyon' },
        { kind: 'comparison', field: ids.decision, operator: 'eq', value: false },
      ],
    },
  },
  {
    stableId: ids.visits,
    type: 'repetition',
    label: 'Visites',
    options: { maxRows: 2 },
    children: [
      { stableId: ids.visitDate, type: 'date', label: 'Date', mandatory: true },
      { stableId: ids.visitNote, type: 'textarea', label: 'Compte rendu' },
    ],
  },
];

describe('compileForm: one field at a time', () => {
  const form = compileForm(annotations);
  const usager = { [ids.usagerCity]: 'Lyon' };

  describe('validateOne', () => {
    it('cleans a value of the right type', () => {
      expect(form.validateOne(ids.amount, '1500', usager)).toEqual({ kind: 'value', value: 1500 });
      expect(form.validateOne(ids.decision, true, usager)).toEqual({ kind: 'value', value: true });
    });

    it('refuses a value of the wrong type with a French message on the field', () => {
      const result = form.validateOne(ids.amount, 'beaucoup', usager);
      expect(result.kind).toBe('invalid');
      expect(result.kind === 'invalid' ? Object.keys(result.fields) : []).toEqual([ids.amount]);
      expect(form.validateOne(ids.amount, 20_000, usager)).toMatchObject({ kind: 'invalid', fields: { [ids.amount]: expect.stringMatching(/10/) as string } });
      expect(form.validateOne(ids.decision, 'peut-être', usager)).toMatchObject({ kind: 'invalid' });
    });

    it('says empty for a cleared value, even a mandatory one (mandatory binds at acceptance)', () => {
      expect(form.validateOne(ids.amount, null, usager)).toEqual({ kind: 'empty' });
      expect(form.validateOne(ids.amount, '   ', usager)).toEqual({ kind: 'empty' });
    });

    it('says unknown for a stable id that is not in the form, and for a structure-only field’s children', () => {
      expect(form.validateOne('10000000-0000-4000-8000-0000000000ff', 'x', usager)).toEqual({ kind: 'unknown' });
      expect(form.validateOne(ids.visitDate, '2026-01-01', usager)).toEqual({ kind: 'unknown' });
    });

    it('reads the usager’s values and the other annotations for conditions', () => {
      expect(form.validateOne(ids.reason, 'Budget épuisé', { ...usager, [ids.decision]: false })).toEqual({ kind: 'value', value: 'Budget épuisé' });
      expect(form.validateOne(ids.reason, 'Budget épuisé', { ...usager, [ids.decision]: true })).toEqual({ kind: 'hidden' });
      expect(form.validateOne(ids.reason, 'Budget épuisé', { [ids.usagerCity]: 'Paris', [ids.decision]: false })).toEqual({ kind: 'hidden' });
    });

    it('checks repeatable rows, keyed by row', () => {
      const rows = { rows: [{ rowId: rowA, values: { [ids.visitDate]: '2026-03-02', [ids.visitNote]: 'Sur place' } }, { rowId: rowB, values: {} }] };
      expect(form.validateOne(ids.visits, rows, usager)).toEqual({ kind: 'value', value: { rows: [{ rowId: rowA, values: { [ids.visitDate]: '2026-03-02', [ids.visitNote]: 'Sur place' } }, { rowId: rowB, values: {} }] } });
      expect(form.validateOne(ids.visits, { rows: [{ rowId: rowA, values: { [ids.visitDate]: 'hier' } }] }, usager)).toMatchObject({ kind: 'invalid', fields: { [`${ids.visits}.rows.0.${ids.visitDate}`]: expect.any(String) as string } });
      expect(form.validateOne(ids.visits, [1, 2], usager)).toEqual({ kind: 'invalid', fields: { [ids.visits]: rowsShapeMessage } });
      expect(form.validateOne(ids.visits, { rows: [rowA, rowB, rowA].map((rowId, i) => ({ rowId: i === 2 ? '7c3d0e2f-9a73-4f20-9c57-1c3e4f5a6b71' : rowId, values: {} })) }, usager)).toMatchObject({ kind: 'invalid', fields: { [ids.visits]: 'Au plus 2 lignes.' } });
      expect(form.validateOne(ids.visits, { rows: [] }, usager)).toEqual({ kind: 'empty' });
    });
  });

  describe('incompleteFields', () => {
    it('lists the visible mandatory fields without a value, in form order', () => {
      expect(form.incompleteFields({}, usager).map((field) => field.label)).toEqual(['Avis favorable', 'Montant accordé']);
      expect(form.incompleteFields({ [ids.decision]: false, [ids.amount]: 0 }, usager).map((field) => field.label)).toEqual(['Motif']);
      expect(form.incompleteFields({ [ids.decision]: false, [ids.amount]: 0 }, { [ids.usagerCity]: 'Paris' })).toEqual([]);
      expect(form.incompleteFields({ [ids.decision]: true, [ids.amount]: 0 }, usager)).toEqual([]);
    });

    it('counts a row missing a mandatory value as incomplete', () => {
      const values = { [ids.decision]: true, [ids.amount]: 10, [ids.visits]: { rows: [{ rowId: rowA, values: { [ids.visitNote]: 'À revoir' } }] } };
      expect(form.incompleteFields(values, usager).map((field) => field.label)).toEqual(['Visites']);
    });

    it('uses the mandatory message of the submission check', () => {
      // The same rule as submission: a field listed here is one `validateSubmission` refuses.
      const result = form.validateSubmission({});
      expect(result.ok ? {} : result.fields).toMatchObject({ [ids.decision]: mandatoryMessage, [ids.amount]: mandatoryMessage });
    });
  });
});
