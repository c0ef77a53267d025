import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, neutralizeFormula } from './csv';
import { parseCsv } from '../testing/csv-parser';

describe('csv', () => {
  it('leaves plain cells as they are', () => {
    expect(csvRow(['1042', 'Accepté', 'Jean-Pierre'])).toBe('1042;Accepté;Jean-Pierre\r\n');
  });

  it('quotes cells holding the separator, quotes or line breaks, doubling the quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "bonjour"')).toBe('"dit ""bonjour"""');
    expect(csvCell('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvCell(' marge')).toBe('" marge"');
    expect(csvCell('')).toBe('');
  });

  it('neutralizes formulas but not numbers', () => {
    expect(neutralizeFormula('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    expect(neutralizeFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutralizeFormula('-12,5')).toBe('-12,5');
    expect(neutralizeFormula('+33 6 12 34 56 78')).toBe('+33 6 12 34 56 78');
    expect(csvCell('=1+1;2')).toBe(`"'=1+1;2"`);
  });

  it('round-trips through an RFC 4180 reader', () => {
    const tricky = ['a;b', 'dit "oui"', 'ligne 1\r\nligne 2', 'ligne\nseule', '', 'fin'];
    const text = csvRow(['x', 'y', 'z', 'u', 'v', 'w']) + csvRow(tricky);
    expect(parseCsv(text)).toEqual([['x', 'y', 'z', 'u', 'v', 'w'], tricky]);
  });
});
