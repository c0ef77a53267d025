import { describe, expect, it } from 'vitest';
import type { DossierLookup } from '@guichet/contracts';
import type { FieldValue, FormField, FormValues } from '@guichet/forms';
import { applicableLookups, pendingLookups, rowLookupKey, uncheckedWarnings, unavailableMessage } from './dossier-lookups';
import { storableData } from './field-lookups.service';

const field = (stableId: string, type: FormField['type'], children?: FormField[]): FormField => ({ stableId, type, label: stableId, ...(children ? { children } : {}) });
const at = '2026-11-29T10:00:00.000Z';
const found = (query: string): DossierLookup => ({ status: 'found', data: {}, checkedAt: at, query });
const unchecked = (query: string): DossierLookup => ({ status: 'unavailable', reason: 'timeout', checkedAt: at, query });

describe('dossier lookups', () => {
  const fields = [field('siret', 'siret'), field('rna', 'rna'), field('ref', 'referentiel'), field('adresse', 'address'), field('texte', 'text'), field('bloc', 'repetition', [field('siretEnfant', 'siret')])];

  it('looks up the checked types among the candidates: new values, changed values and values left unchecked', () => {
    const values = { siret: '73282932000074', rna: 'W123456789', ref: 'A1', adresse: { label: '1 rue' }, texte: 'x' };
    const previous = { siret: found('73282932000074'), rna: unchecked('W123456789'), ref: found('A0') };
    expect(pendingLookups(fields, values, previous, Object.keys(values)).map((item) => [item.stableId, item.query])).toEqual([
      ['rna', 'W123456789'],
      ['ref', 'A1'],
    ]);
    expect(pendingLookups(fields, values, {}, ['siret', 'texte', 'adresse']).map((item) => item.stableId)).toEqual(['siret']);
    expect(pendingLookups(fields, {}, {}, ['siret'])).toEqual([]);
  });

  it('keeps only the lookups that still describe a value', () => {
    const lookups = { siret: found('1'), rna: found('W1'), ref: unchecked('A') };
    expect(applicableLookups(lookups, { siret: '1', rna: 'W2' })).toEqual({ siret: found('1') });
    expect(applicableLookups(lookups, {})).toEqual({});
  });

  it('warns about each value kept unchecked, keyed like field errors', () => {
    expect(uncheckedWarnings({ siret: found('1'), ref: unchecked('A') })).toEqual({ 'values.ref': unavailableMessage });
  });

  describe('in repeated blocks', () => {
    const rowA = '0b6c2d1e-1111-4a5b-8c9d-0e1f2a3b4c5d';
    const rowB = '0b6c2d1e-2222-4a5b-8c9d-0e1f2a3b4c5d';
    const block = field('bloc', 'repetition', [field('siretEnfant', 'siret'), field('refEnfant', 'referentiel'), field('nom', 'text')]);
    const rows = (...items: [string, Record<string, FieldValue>][]): FormValues => ({ bloc: { rows: items.map(([rowId, values]) => ({ rowId, values })) } });

    it('looks up each row’s checked children, stored by row id and refused by row index', () => {
      const values = rows([rowA, { siretEnfant: '73282932000074', nom: 'A' }], [rowB, { siretEnfant: '55204944776279', refEnfant: 'R1' }]);
      const pending = pendingLookups([block], values, {}, ['bloc']);
      expect(pending.map((item) => [item.stableId, item.errorKey, item.query, item.field.stableId])).toEqual([
        [`bloc.rows.${rowA}.siretEnfant`, 'bloc.rows.0.siretEnfant', '73282932000074', 'siretEnfant'],
        [`bloc.rows.${rowB}.siretEnfant`, 'bloc.rows.1.siretEnfant', '55204944776279', 'siretEnfant'],
        [`bloc.rows.${rowB}.refEnfant`, 'bloc.rows.1.refEnfant', 'R1', 'refEnfant'],
      ]);
      expect(rowLookupKey('bloc', rowA, 'siretEnfant')).toBe(`bloc.rows.${rowA}.siretEnfant`);
      // Not among the candidates: not looked up.
      expect(pendingLookups([block], values, {}, ['autre'])).toEqual([]);
    });

    it('follows the row id: a row moved keeps its lookup, a value found is not asked again, one unchecked is', () => {
      const previous = { [rowLookupKey('bloc', rowA, 'siretEnfant')]: found('73282932000074'), [rowLookupKey('bloc', rowB, 'siretEnfant')]: unchecked('55204944776279') };
      const moved = rows([rowB, { siretEnfant: '55204944776279' }], [rowA, { siretEnfant: '73282932000074' }]);
      expect(pendingLookups([block], moved, previous, ['bloc']).map((item) => [item.stableId, item.errorKey])).toEqual([[`bloc.rows.${rowB}.siretEnfant`, 'bloc.rows.0.siretEnfant']]);
      expect(applicableLookups(previous, moved)).toEqual(previous);
    });

    it('drops the lookups of removed rows and changed values, and warns at the row’s index', () => {
      const lookups = { [rowLookupKey('bloc', rowA, 'siretEnfant')]: found('1'), [rowLookupKey('bloc', rowB, 'siretEnfant')]: unchecked('2'), siret: found('3') };
      expect(applicableLookups(lookups, { ...rows([rowB, { siretEnfant: '2' }]), siret: '3' })).toEqual({ [rowLookupKey('bloc', rowB, 'siretEnfant')]: unchecked('2'), siret: found('3') });
      expect(applicableLookups(lookups, rows([rowA, { siretEnfant: '9' }]))).toEqual({});
      expect(applicableLookups(lookups, { bloc: 'pas un bloc' })).toEqual({});
      const values = rows([rowB, { siretEnfant: '2' }], [rowA, { siretEnfant: '1' }]);
      expect(uncheckedWarnings(applicableLookups(lookups, values), values)).toEqual({ 'values.bloc.rows.0.siretEnfant': unavailableMessage });
    });
  });

  it('stores register data only as jsonb can hold it, and not when it is huge', () => {
    expect(storableData({ nom: 'a\u0000b\ud800c', n: 1 })).toEqual({ nom: 'abc', n: 1 });
    expect(storableData({ emoji: '🏛️' })).toEqual({ emoji: '🏛️' });
    expect(storableData({ blob: 'x'.repeat(30_000) })).toBeUndefined();
    expect(storableData([1])).toBeUndefined();
  });
});
