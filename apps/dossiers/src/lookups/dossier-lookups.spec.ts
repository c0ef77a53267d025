import { describe, expect, it } from 'vitest';
import type { DossierLookup } from '@guichet/contracts';
import type { FormField } from '@guichet/forms';
import { applicableLookups, pendingLookups, uncheckedWarnings, unavailableMessage } from './dossier-lookups';
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

  it('stores register data only as jsonb can hold it, and not when it is huge', () => {
    expect(storableData({ nom: 'a\u0000b\ud800c', n: 1 })).toEqual({ nom: 'abc', n: 1 });
    expect(storableData({ emoji: '🏛️' })).toEqual({ emoji: '🏛️' });
    expect(storableData({ blob: 'x'.repeat(30_000) })).toBeUndefined();
    expect(storableData([1])).toBeUndefined();
  });
});
