import { describe, expect, it } from 'vitest';
import { parseGroupsCsv } from './groups.csv';

describe('parseGroupsCsv', () => {
  it('reads a ; file with a BOM and CRLF, lower-cases e-mails and skips blank lines', () => {
    expect(parseGroupsCsv('\uFEFFgroupe;email\r\nNord;Alice@Example.FR\r\n\r\nSud ; bob@example.fr\r\n')).toEqual({
      ok: true,
      rows: [
        { line: 2, label: 'Nord', email: 'alice@example.fr' },
        { line: 4, label: 'Sud', email: 'bob@example.fr' },
      ],
    });
  });

  it('accepts , as separator and quoted cells', () => {
    expect(parseGroupsCsv('Groupe,Email\n"Nord, ""Lille""",a@example.fr')).toEqual({ ok: true, rows: [{ line: 2, label: 'Nord, "Lille"', email: 'a@example.fr' }] });
  });

  it('refuses a wrong header', () => {
    expect(parseGroupsCsv('nom;courriel\nNord;a@example.fr')).toEqual({ ok: false, fields: { 'lines.1': 'En-tête attendu : « groupe;email ».' } });
  });

  it('reports every bad line by number', () => {
    const result = parseGroupsCsv('groupe;email\nNord;a@example.fr\nNord;pas-une-adresse\n;b@example.fr\nSud\n"Est;c@example.fr\nOuest;d@example.fr;extra');
    expect(result).toEqual({
      ok: false,
      fields: {
        'lines.3': 'Adresse électronique invalide.',
        'lines.4': 'Nom de groupe manquant.',
        'lines.5': 'Deux colonnes attendues (groupe;email), 1 trouvée(s).',
        'lines.6': 'Guillemet non fermé.',
        'lines.7': 'Deux colonnes attendues (groupe;email), 3 trouvée(s).',
      },
    });
  });

  it('refuses a file with only a header, and a label too long', () => {
    expect(parseGroupsCsv('groupe;email\r\n')).toMatchObject({ ok: false, fields: { 'lines.2': expect.any(String) as string } });
    expect(parseGroupsCsv(`groupe;email\n${'x'.repeat(201)};a@example.fr`)).toEqual({ ok: false, fields: { 'lines.2': 'Nom de groupe trop long (200 caractères au plus).' } });
  });

  it('refuses control characters in a label', () => {
    expect(parseGroupsCsv('groupe;email\nNo\u0000rd;a@example.fr')).toEqual({ ok: false, fields: { 'lines.2': 'Nom de groupe invalide (caractères de contrôle).' } });
  });

  it('caps the number of reported errors', () => {
    const lines = Array.from({ length: 500 }, (_, index) => `G${index};bad`);
    const result = parseGroupsCsv(`groupe;email\n${lines.join('\n')}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fields)).toHaveLength(100);
  });
});
