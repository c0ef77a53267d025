import { type FormField } from '@guichet/forms';
import { describe, expect, it } from 'vitest';
import { cleanedLookup, errorKey, rowsOf, shownFields, valuesPatch } from './dossierFormState';
import { browserGeo } from './locations';

const kind: FormField = { stableId: 'kind', type: 'drop_down_list', label: 'Type', options: { choices: ['Association', 'Entreprise'] } };
const name: FormField = { stableId: 'name', type: 'text', label: 'Nom', condition: { kind: 'comparison', field: 'kind', operator: 'eq', value: 'Association' } };
const detail: FormField = { stableId: 'detail', type: 'text', label: 'Détail', condition: { kind: 'comparison', field: 'name', operator: 'not_empty' } };
const amount: FormField = { stableId: 'amount', type: 'integer_number', label: 'Montant' };
const big: FormField = { stableId: 'big', type: 'text', label: 'Justification', condition: { kind: 'comparison', field: 'amount', operator: 'gt', value: 1000 } };
const where: FormField = { stableId: 'where', type: 'departements', label: 'Département' };
const idf: FormField = { stableId: 'idf', type: 'text', label: 'Francilien', condition: { kind: 'comparison', field: 'where', operator: 'in_region', value: '11' } };
const fields = [kind, name, detail, amount, big, where, idf];

describe('dossier form state', () => {
  it('shows a conditional field only while its condition holds, and hides what depends on a hidden field', () => {
    expect([...shownFields(fields, {}, browserGeo)]).toEqual(['kind', 'amount', 'where']);
    expect(shownFields(fields, { kind: 'Association', name: 'Les Amis' }, browserGeo).has('detail')).toBe(true);
    // The name is still typed, but hidden: what depends on it is hidden too.
    expect(shownFields(fields, { kind: 'Entreprise', name: 'Les Amis' }, browserGeo).has('detail')).toBe(false);
  });

  it('reads typed values as the validator cleans them', () => {
    expect(shownFields(fields, { amount: '1 500' }, browserGeo).has('big')).toBe(true);
    expect(shownFields(fields, { amount: 'beaucoup' }, browserGeo).has('big')).toBe(false);
    const lookup = cleanedLookup(fields, { amount: ' 12 ', kind: 'Autre' });
    expect(lookup('amount')).toBe(12);
    expect(lookup('kind')).toBeUndefined();
  });

  it('places départements in their région from the official list', () => {
    expect(shownFields(fields, { where: '92' }, browserGeo).has('idf')).toBe(true);
    expect(shownFields(fields, { where: '69' }, browserGeo).has('idf')).toBe(false);
  });

  it('reads the rows of a block and names the errors inside them', () => {
    expect(rowsOf({ rows: [{ rowId: 'r1', values: { a: 1 } }, { nope: true }] })).toEqual([{ rowId: 'r1', values: { a: 1 } }]);
    expect(rowsOf('texte')).toEqual([]);
    expect(errorKey('child', { block: 'block', index: 2 })).toBe('block.rows.2.child');
    expect(errorKey('name')).toBe('name');
  });

  it('saves the changed values and clears the emptied ones with null', () => {
    const saved = { name: 'Les Amis', amount: 1500, members: { rows: [{ rowId: 'r1', values: { member: 'Camille' } }] }, gone: null };
    expect(valuesPatch(saved, { name: 'Les Amis', amount: 1500, members: { rows: [{ rowId: 'r1', values: { member: 'Camille' } }] } })).toEqual({});
    expect(valuesPatch(saved, { name: 'Les Amis du Parc', members: { rows: [{ rowId: 'r1', values: { member: 'Dominique' } }] }, kind: 'Association' })).toEqual({
      name: 'Les Amis du Parc',
      amount: null,
      members: { rows: [{ rowId: 'r1', values: { member: 'Dominique' } }] },
      kind: 'Association',
    });
  });
});
