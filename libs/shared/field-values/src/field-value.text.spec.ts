import { describe, expect, it } from 'vitest';
import { fieldValueText, formatDateFr, formatDateTimeFr, formatLongDateFr } from './field-value.text';

describe('fieldValueText', () => {
  it('writes dates the French way, without shifting a calendar date', () => {
    expect(fieldValueText('date', '2026-01-05')).toBe('05/01/2026');
    expect(formatDateFr('2026-11-28T23:30:00Z')).toBe('29/11/2026');
  });

  it('writes instants in Paris time, day first', () => {
    expect(formatDateTimeFr('2026-07-14T08:05:00Z')).toBe('14/07/2026 10:05');
    expect(formatDateTimeFr(null)).toBe('');
    expect(formatDateTimeFr('pas une date')).toBe('pas une date');
  });

  it('writes dates in letters, with "1er" for the first day', () => {
    expect(formatLongDateFr('2026-04-01T10:00:00Z')).toBe('1er avril 2026');
    expect(formatLongDateFr('2026-11-28T23:30:00Z')).toBe('29 novembre 2026');
    expect(formatLongDateFr('pas une date')).toBe('pas une date');
  });

  it('answers Oui/Non for booleans, whatever their encoding', () => {
    expect(fieldValueText('checkbox', true)).toBe('Oui');
    expect(fieldValueText('yes_no', 'false')).toBe('Non');
  });

  it('writes numbers with a decimal comma and no grouping', () => {
    expect(fieldValueText('decimal_number', 1234.5)).toBe('1234,5');
    expect(fieldValueText('integer_number', '42')).toBe('42');
  });

  it('joins file names', () => {
    expect(fieldValueText('piece_justificative', [{ fileId: 'a', fileName: 'a.pdf' }, { name: 'b.png' }])).toBe('a.pdf, b.png');
    expect(fieldValueText('piece_justificative', { fileName: 'seul.pdf' })).toBe('seul.pdf');
  });

  it('leaves empty values and structure fields empty', () => {
    expect(fieldValueText('text', undefined)).toBe('');
    expect(fieldValueText('text', null)).toBe('');
    expect(fieldValueText('header_section', 'x')).toBe('');
  });

  it('never throws on an unexpected shape', () => {
    expect(fieldValueText('text', { nested: [1] })).toBe('{"nested":[1]}');
    expect(fieldValueText('decimal_number', 'abc')).toBe('abc');
    expect(fieldValueText('date', 'pas une date')).toBe('pas une date');
  });
});
