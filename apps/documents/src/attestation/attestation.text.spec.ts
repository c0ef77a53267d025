import { describe, expect, it } from 'vitest';
import { formatAttestationDate, splitParagraphs, toWinAnsi } from './attestation.text';

describe('formatAttestationDate', () => {
  it('writes the date in French words', () => {
    expect(formatAttestationDate(new Date('2026-11-28T10:00:00Z'))).toBe('28 novembre 2026');
    expect(formatAttestationDate(new Date('2026-08-15T10:00:00Z'))).toBe('15 août 2026');
  });

  it('writes the first of the month "1er"', () => {
    expect(formatAttestationDate(new Date('2026-12-01T10:00:00Z'))).toBe('1er décembre 2026');
    expect(formatAttestationDate(new Date('2027-01-01T10:00:00Z'))).toBe('1er janvier 2027');
  });

  it('does not add "er" to other days starting with 1', () => {
    expect(formatAttestationDate(new Date('2026-11-11T10:00:00Z'))).toBe('11 novembre 2026');
    expect(formatAttestationDate(new Date('2026-11-10T10:00:00Z'))).toBe('10 novembre 2026');
  });

  it('uses the Paris day, not the UTC one', () => {
    expect(formatAttestationDate(new Date('2026-11-27T23:30:00Z'))).toBe('28 novembre 2026');
    expect(formatAttestationDate(new Date('2026-06-30T22:30:00Z'))).toBe('1er juillet 2026');
  });

  it('uses the given time zone for overseas tenants', () => {
    expect(formatAttestationDate(new Date('2026-11-28T02:00:00Z'), 'America/Cayenne')).toBe('27 novembre 2026');
    expect(formatAttestationDate(new Date('2026-11-27T20:00:00Z'), 'Indian/Reunion')).toBe('28 novembre 2026');
  });

  it('throws on an unknown time zone', () => {
    expect(() => formatAttestationDate(new Date(), 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('splitParagraphs', () => {
  it('splits on blank lines and keeps single line breaks', () => {
    expect(splitParagraphs('Madame,\n\nVotre demande\nest acceptée.\n\nCordialement.')).toEqual([
      'Madame,',
      'Votre demande\nest acceptée.',
      'Cordialement.',
    ]);
  });

  it('treats CRLF, CR and whitespace-only lines like plain blank lines', () => {
    expect(splitParagraphs('Un\r\n\r\nDeux\r \t\r\nTrois\r\rQuatre')).toEqual(['Un', 'Deux', 'Trois', 'Quatre']);
  });

  it('drops empty paragraphs and surrounding blank lines', () => {
    expect(splitParagraphs('\n\n\nUn\n\n\n\n\nDeux\n\n  \n')).toEqual(['Un', 'Deux']);
  });

  it('keeps the indentation inside a paragraph but not trailing spaces', () => {
    expect(splitParagraphs('  Alinéa   \n- point')).toEqual(['  Alinéa\n- point']);
  });

  it('returns nothing for an empty or blank body', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs(' \n \n\t')).toEqual([]);
  });
});

describe('toWinAnsi', () => {
  it('keeps French text, typography included, untouched', () => {
    const french = 'Œuvre « à l’été » : 12 € — déjà vu… ÀÉÈÊËÎÏÔÙÛÜŸÇ àéèêëîïôùûüÿç æœ ‘x’ “y” • ™ N° 3\n\tfin';
    expect(toWinAnsi(french)).toBe(french);
  });

  it('composes decomposed accents first', () => {
    expect(toWinAnsi('Ame\u0301lie')).toBe('Amélie');
  });

  it('drops only the accents the encoding lacks', () => {
    expect(toWinAnsi('Nguyễn')).toBe('Nguyên');
    expect(toWinAnsi('Erdoğan Şükrü')).toBe('Erdogan Sükrü');
    expect(toWinAnsi('Dvořák Łukasz Đorđe')).toBe('Dvorák Lukasz Dorde');
  });

  it('turns the French narrow no-break space into a no-break space and other spaces into spaces', () => {
    expect(toWinAnsi('1\u202f200,50\u00a0€')).toBe('1\u00a0200,50\u00a0€');
    expect(toWinAnsi('a\u2009b\u3000c\rd')).toBe('a b c d');
  });

  it('removes invisible characters', () => {
    expect(toWinAnsi('in\u200bvi\u200dsi\ufeffble\u00ad')).toBe('invisible');
  });

  it('replaces what has no look-alike by "?"', () => {
    expect(toWinAnsi('Ok 👍')).toBe('Ok ?');
    expect(toWinAnsi('Иван')).toBe('????');
    expect(toWinAnsi('東京')).toBe('??');
  });

  it('maps dashes and signs to their look-alikes', () => {
    expect(toWinAnsi('Saint\u2011Denis \u2212 5 \u2116 12')).toBe('Saint-Denis - 5 N° 12');
  });
});
