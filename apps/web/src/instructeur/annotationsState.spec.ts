import { describe, expect, it } from 'vitest';
import { annotationErrors, annotationValueToSend, refreshedDrafts, takesValue, withoutErrorsOf } from './annotationsState';

describe('private annotations in the instructeur’s dossier page', () => {
  it('keys the server’s annotation errors as the dossier form does, leaving other paths out', () => {
    expect(annotationErrors({ 'annotations.a': 'Nombre entier attendu.', 'annotations.b.rows.0.c': 'Date invalide.', motivation: 'Obligatoire.' })).toEqual({ a: 'Nombre entier attendu.', 'b.rows.0.c': 'Date invalide.' });
  });

  it('drops the errors of one annotation and of its rows only', () => {
    expect(withoutErrorsOf({ a: 'x', 'a.rows.0.c': 'y', ab: 'z' }, 'a')).toEqual({ ab: 'z' });
  });

  it('sends null for what clears an annotation, and values as typed otherwise', () => {
    expect([undefined, null, '', '   ', []].map(annotationValueToSend)).toEqual([null, null, null, null, null]);
    expect(annotationValueToSend(' 12 ')).toBe(' 12 ');
    expect(annotationValueToSend(false)).toBe(false);
    expect(annotationValueToSend({ rows: [] })).toEqual({ rows: [] });
  });

  it('gives a save button to fields that take a value only', () => {
    expect(takesValue({ type: 'header_section' })).toBe(false);
    expect(takesValue({ type: 'explication' })).toBe(false);
    expect(takesValue({ type: 'repetition' })).toBe(true);
    expect(takesValue({ type: 'integer_number' })).toBe(true);
  });

  it('takes the server’s values after a read, but keeps what is being edited here', () => {
    const drafts = { a: 'typed', b: 'old', c: 'old' };
    const server = { a: 'theirs', b: 'theirs', d: 'new' };
    expect(refreshedDrafts(drafts, server, { a: { kind: 'dirty' }, b: { kind: 'saved', at: '2026-01-01T00:00:00.000Z' }, c: { kind: 'failed', message: 'x' } })).toEqual({ a: 'typed', b: 'theirs', c: 'old', d: 'new' });
    expect(refreshedDrafts({}, server, { a: { kind: 'dirty' } })).toEqual({ b: 'theirs', d: 'new' });
  });
});
