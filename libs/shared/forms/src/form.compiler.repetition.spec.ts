import { describe, expect, it } from 'vitest';
import { type ConditionEvaluator, compileForm, mandatoryMessage, unknownFieldMessage } from './form.compiler';
import { type FormField } from './form-field.model';

/** A stand-in for @guichet/conditions' evaluator: `{ field, equals }`. */
const evaluateCondition: ConditionEvaluator = (condition, lookup) => {
  const { field, equals } = condition as { field: string; equals: unknown };
  return lookup(field) === equals;
};

const ids = {
  hasChildren: '00000000-0000-4000-8000-000000000001',
  children: '00000000-0000-4000-8000-000000000002',
  childName: '00000000-0000-4000-8000-000000000003',
  childSchool: '00000000-0000-4000-8000-000000000004',
  schoolName: '00000000-0000-4000-8000-000000000005',
  siret: '00000000-0000-4000-8000-000000000006',
} as const;
const row = (n: number): string => `10000000-0000-4000-8000-00000000000${n}`;

const fields: FormField[] = [
  { stableId: ids.hasChildren, type: 'yes_no', label: 'Avez-vous des enfants ?', mandatory: true },
  {
    stableId: ids.children,
    type: 'repetition',
    label: 'Enfants',
    mandatory: true,
    options: { minRows: 1, maxRows: 3 },
    condition: { field: ids.hasChildren, equals: true },
    children: [
      { stableId: ids.childName, type: 'text', label: 'Prénom', mandatory: true },
      { stableId: ids.childSchool, type: 'yes_no', label: 'Scolarisé ?' },
      { stableId: ids.schoolName, type: 'text', label: 'École', mandatory: true, condition: { field: ids.childSchool, equals: true } },
    ],
  },
  { stableId: ids.siret, type: 'siret', label: 'SIRET de l’employeur' },
];

describe('compileForm with repetitions and conditions', () => {
  const form = compileForm(fields, { evaluateCondition });

  it('uses the shared @guichet/conditions evaluator by default, with geography from the locations', () => {
    const commune = '00000000-0000-4000-8000-0000000000a1';
    const detail = '00000000-0000-4000-8000-0000000000a2';
    const shared = compileForm(
      [
        { stableId: commune, type: 'communes', label: 'Commune' },
        { stableId: detail, type: 'text', label: 'Précisez', mandatory: true, condition: { kind: 'comparison', field: commune, operator: 'in_departement', value: '69' } },
      ],
      {},
    );
    expect(shared.validateSubmission({ [commune]: '69123' })).toEqual({ ok: false, fields: { [detail]: mandatoryMessage } });
    expect(shared.validateSubmission({ [commune]: '75056', [detail]: 'caché' })).toEqual({ ok: true, values: { [commune]: '75056' } });
  });

  it('accepts rows, cleans their values and keeps row ids (lower-cased)', () => {
    const result = form.validateSubmission({
      [ids.hasChildren]: true,
      [ids.children]: { rows: [{ rowId: row(1).toUpperCase(), values: { [ids.childName]: ' Léa ', [ids.childSchool]: true, [ids.schoolName]: 'Jules Ferry' } }, { rowId: row(2), values: { [ids.childName]: 'Tom', [ids.childSchool]: false } }] },
    });
    expect(result).toEqual({
      ok: true,
      values: {
        [ids.hasChildren]: true,
        [ids.children]: { rows: [{ rowId: row(1), values: { [ids.childName]: 'Léa', [ids.childSchool]: true, [ids.schoolName]: 'Jules Ferry' } }, { rowId: row(2), values: { [ids.childName]: 'Tom', [ids.childSchool]: false } }] },
      },
    });
  });

  it('evaluates conditions inside a row: a hidden child is neither required nor stored', () => {
    const result = form.validateSubmission({
      [ids.hasChildren]: true,
      [ids.children]: { rows: [{ rowId: row(1), values: { [ids.childName]: 'Tom', [ids.childSchool]: false, [ids.schoolName]: 'Ignorée' } }] },
    });
    expect(result).toEqual({ ok: true, values: { [ids.hasChildren]: true, [ids.children]: { rows: [{ rowId: row(1), values: { [ids.childName]: 'Tom', [ids.childSchool]: false } }] } } });
  });

  it('cleans out a hidden repetition entirely, even when values were sent', () => {
    const result = form.validateSubmission({ [ids.hasChildren]: false, [ids.children]: { rows: [{ rowId: row(1), values: { [ids.childName]: 'Tom' } }] } });
    expect(result).toEqual({ ok: true, values: { [ids.hasChildren]: false } });
  });

  it('reports errors inside rows with their row index and child id', () => {
    const result = form.validateSubmission({
      [ids.hasChildren]: true,
      [ids.children]: { rows: [{ rowId: row(1), values: { [ids.childSchool]: true } }, { rowId: row(2), values: { [ids.childName]: 'Tom', intrus: 1 } }] },
    });
    expect(result).toEqual({
      ok: false,
      fields: {
        [`${ids.children}.rows.0.${ids.childName}`]: mandatoryMessage,
        [`${ids.children}.rows.0.${ids.schoolName}`]: mandatoryMessage,
        [`${ids.children}.rows.1.intrus`]: unknownFieldMessage,
      },
    });
  });

  it('applies row bounds: max always, min at submission only', () => {
    const rows = [1, 2, 3, 4].map((n) => ({ rowId: row(n), values: { [ids.childName]: `E${n}` } }));
    expect(form.validateDraft({ [ids.hasChildren]: true, [ids.children]: { rows } })).toEqual({ ok: false, fields: { [ids.children]: 'Au plus 3 lignes.' } });
    expect(form.validateDraft({ [ids.hasChildren]: true, [ids.children]: { rows: [] } })).toEqual({ ok: true, values: { [ids.hasChildren]: true } });
    expect(form.validateSubmission({ [ids.hasChildren]: true, [ids.children]: { rows: [] } })).toEqual({ ok: false, fields: { [ids.children]: mandatoryMessage } });
  });

  it('refuses duplicate row ids and malformed rows', () => {
    const twice = { rows: [{ rowId: row(1), values: {} }, { rowId: row(1), values: {} }] };
    expect(form.validateDraft({ [ids.hasChildren]: true, [ids.children]: twice })).toEqual({ ok: false, fields: { [`${ids.children}.rows.1.rowId`]: 'Cet identifiant de ligne est déjà celui d’une autre ligne.' } });
    expect(form.validateDraft({ [ids.hasChildren]: true, [ids.children]: [{ rowId: row(1) }] })).toHaveProperty(['fields', ids.children]);
    expect(form.validateDraft({ [ids.hasChildren]: true, [ids.children]: { rows: [{ rowId: 'abc', values: {} }] } })).toHaveProperty(['fields', `${ids.children}.rows.0`]);
    expect(form.validateDraft({ [ids.hasChildren]: true, [ids.children]: { rows: [], extra: 1 } })).toHaveProperty(['fields', ids.children]);
  });

  it('validates typed top-level fields with French messages', () => {
    expect(form.validateDraft({ [ids.siret]: '73282932000075' })).toEqual({ ok: false, fields: { [ids.siret]: 'Ce numéro SIRET n’existe pas : vérifiez les chiffres saisis (clé de contrôle incorrecte).' } });
  });

  it('refuses the same stable id twice inside a repetition', () => {
    const [first, block] = fields as [FormField, FormField];
    const child = block.children?.[0] as FormField;
    expect(() => compileForm([first, { ...block, children: [child, child] }], { evaluateCondition })).toThrow(/appears twice/);
  });
});
