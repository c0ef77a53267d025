import { describe, expect, it } from 'vitest';
import { findTagOccurrences, formatTag, isTaggableName, normalizeTagName, parseTags } from './index';

describe('parseTags', () => {
  it('lists the tags of a template in order of first use, once each', () => {
    const template = 'Bonjour --prénom-- --nom--, votre dossier n° --numéro du dossier-- (--nom--) a été déposé.';
    expect(parseTags(template)).toEqual(['prénom', 'nom', 'numéro du dossier']);
  });

  it('reads tags next to each other and at both ends', () => {
    expect(parseTags('--nom----prénom--')).toEqual(['nom', 'prénom']);
    expect(parseTags('--nom--')).toEqual(['nom']);
  });

  it('keeps single dashes inside a tag', () => {
    expect(parseTags('--Date de naissance - mère--')).toEqual(['Date de naissance - mère']);
    expect(parseTags('--Saint-Étienne-du-Rouvray--')).toEqual(['Saint-Étienne-du-Rouvray']);
  });

  it('normalizes whitespace inside a tag as DS does', () => {
    expect(parseTags('--  numéro\u00a0du\tdossier  --')).toEqual(['numéro du dossier']);
    expect(parseTags('--numéro&nbsp;du dossier--')).toEqual(['numéro du dossier']);
    expect(parseTags('--numéro   du dossier--')).toEqual(['numéro du dossier']);
  });

  it('treats a decomposed accent as the same letter (NFC)', () => {
    expect(parseTags('--pre\u0301nom--')).toEqual(['prénom']);
  });

  it('stops a tag at the first double dash, leaving a trailing dash as text', () => {
    expect(parseTags('--a---')).toEqual(['a']);
    expect(findTagOccurrences('--a---')).toEqual([{ name: 'a', start: 0, end: 5 }]);
  });

  it('skips a leading dash to find the tag after it', () => {
    expect(parseTags('---nom--')).toEqual(['nom']);
  });

  it('finds nothing in plain text', () => {
    expect(parseTags('')).toEqual([]);
    expect(parseTags('Bonjour, votre dossier est accepté.')).toEqual([]);
    expect(parseTags('Un tiret - seul, deux -- seuls')).toEqual([]);
  });

  it('does not read a tag across a line break', () => {
    expect(parseTags('--numéro du\ndossier--')).toEqual([]);
    expect(parseTags('--nom\r\n--')).toEqual([]);
  });

  it('does not read a tag starting with a dash or an empty one', () => {
    expect(parseTags('----')).toEqual([]);
    expect(parseTags('-- --')).toEqual([]);
    expect(parseTags('------')).toEqual([]);
  });

  it('does not read an unclosed tag', () => {
    expect(parseTags('Bonjour --nom')).toEqual([]);
    expect(parseTags('--nom-')).toEqual([]);
  });

  it('is case- and accent-sensitive: the names are kept as written', () => {
    expect(parseTags('--Nom-- --nom-- --prenom-- --prénom--')).toEqual(['Nom', 'nom', 'prenom', 'prénom']);
  });
});

describe('normalizeTagName and formatTag', () => {
  it('trims and collapses every kind of space', () => {
    expect(normalizeTagName('  Code\u202fpostal\n ')).toBe('Code postal');
    expect(formatTag(' nom ')).toBe('--nom--');
  });

  it('changes neither case nor accents', () => {
    expect(normalizeTagName('Numéro DU Dossier')).toBe('Numéro DU Dossier');
  });
});

describe('isTaggableName', () => {
  it.each(['nom', 'Date de naissance - mère', 'Adresse\npostale', 'Montant (en €)', 'SIRET'])('accepts %j', (name) => {
    expect(isTaggableName(name)).toBe(true);
  });

  it.each(['', '   ', 'Montant -- HT', '-Remarque', 'Remarque-', '--'])('rejects %j', (name) => {
    expect(isTaggableName(name)).toBe(false);
  });
});
