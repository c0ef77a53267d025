import { describe, expect, it } from 'vitest';
import { builtInTags, escapeHtml, renderTemplate, tagsForProcedure, validateTemplate } from './index';

const available = tagsForProcedure([{ label: 'Montant demandé', stableId: '102' }], 'accepte');

describe('validateTemplate', () => {
  it('accepts a template using available tags', () => {
    expect(validateTemplate('Dossier --numéro du dossier-- accepté le --date de décision--.', available)).toEqual({ ok: true });
  });

  it('accepts a template without tags', () => {
    expect(validateTemplate('Votre dossier a été accepté.', available)).toEqual({ ok: true });
  });

  it('accepts tag names given as strings, whitespace aside', () => {
    expect(validateTemplate('--numéro\u00a0du  dossier--', ['numéro du dossier'])).toEqual({ ok: true });
  });

  it('accepts a field tag by its label', () => {
    expect(validateTemplate('Montant : --Montant demandé-- €', available)).toEqual({ ok: true });
  });

  it('lists unknown tags, the valid ones and a French message', () => {
    const result = validateTemplate('--numéro du dossier-- --Budget total-- --signataire--', available);
    expect(result).toMatchObject({ ok: false, unknownTags: ['Budget total', 'signataire'] });
    if (result.ok) throw new Error('expected a failure');
    expect(result.validTags).toEqual(available.map((tag) => tag.name));
    expect(result.message).toBe('Le modèle contient des balises inconnues : --Budget total--, --signataire--.');
  });

  it('uses the singular for one unknown tag', () => {
    const result = validateTemplate('--inconnue--', available);
    expect(!result.ok && result.message).toBe('Le modèle contient une balise inconnue : --inconnue--.');
  });

  it('rejects a tag that differs by case or accents, and suggests the right one', () => {
    const result = validateTemplate('--Numéro du dossier-- --numero du dossier-- --PRENOM--', available);
    if (result.ok) throw new Error('expected a failure');
    expect(result.unknownTags).toEqual(['Numéro du dossier', 'numero du dossier', 'PRENOM']);
    expect(result.suggestions).toEqual({
      'Numéro du dossier': 'numéro du dossier',
      'numero du dossier': 'numéro du dossier',
      PRENOM: 'prénom',
    });
    expect(result.message).toContain('--PRENOM-- (vouliez-vous dire --prénom-- ?)');
  });

  it('rejects a tag not available in the state of the template', () => {
    const initiated = tagsForProcedure([], 'en_construction');
    const result = validateTemplate('Décision du --date de décision-- : --motivation--', initiated);
    expect(result).toMatchObject({ ok: false, unknownTags: ['date de décision', 'motivation'] });
  });

  it('rejects every tag when none is available', () => {
    expect(validateTemplate('--nom--', [])).toMatchObject({ ok: false, unknownTags: ['nom'], validTags: [] });
  });

  it('lists an unknown tag once even if used twice', () => {
    expect(validateTemplate('--x-- et --x--', available)).toMatchObject({ unknownTags: ['x'] });
  });
});

describe('renderTemplate', () => {
  const values = {
    'numéro du dossier': '1234',
    prénom: 'Amélie',
    nom: 'Durand',
    motivation: 'Dossier complet',
  };

  it('replaces every occurrence of each tag', () => {
    expect(renderTemplate('Bonjour --prénom-- --nom--, dossier --numéro du dossier-- (--nom--).', values)).toBe(
      'Bonjour Amélie Durand, dossier 1234 (Durand).',
    );
  });

  it('matches tags with odd whitespace or decomposed accents', () => {
    expect(renderTemplate('--  numéro\u00a0du dossier -- / --pre\u0301nom--', values)).toBe('1234 / Amélie');
  });

  it('normalizes the keys of the values too', () => {
    expect(renderTemplate('--Code postal--', { ' Code\u00a0postal ': '75001' })).toBe('75001');
  });

  it('leaves text without tags untouched', () => {
    expect(renderTemplate('Rien à remplacer - ni ici.\nNi là.', values)).toBe('Rien à remplacer - ni ici.\nNi là.');
    expect(renderTemplate('', values)).toBe('');
  });

  it('replaces a tag without a value by an empty string', () => {
    expect(renderTemplate('Décision : --date de décision--.', values)).toBe('Décision : .');
  });

  it('does not match a tag differing by case or accents', () => {
    expect(renderTemplate('--Nom-- --prenom--', values)).toBe(' ');
  });

  it('keeps text that only looks like a tag when the available tags are given', () => {
    const template = '-- voir ci-dessous -- --nom--';
    expect(renderTemplate(template, values, { availableTags: builtInTags })).toBe('-- voir ci-dessous -- Durand');
    expect(renderTemplate(template, values)).toBe(' Durand');
  });

  it('escapes values, not the template, for HTML', () => {
    const html = renderTemplate('<p>--motivation--</p>', { motivation: '<script>alert("x")</script> & \'co\'' }, { escapeHtml: true });
    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>');
  });

  it('does not escape values by default', () => {
    expect(renderTemplate('--motivation--', { motivation: 'a < b & c' })).toBe('a < b & c');
  });

  it('does not re-read a value as a template', () => {
    expect(renderTemplate('--motivation--', { motivation: 'voir --nom--', nom: 'Durand' })).toBe('voir --nom--');
  });

  it('does not take a value from the prototype chain', () => {
    expect(renderTemplate('--constructor-- --toString--', {})).toBe(' ');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">l'été & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;');
    expect(escapeHtml('Amélie Durand — n° 12')).toBe('Amélie Durand — n° 12');
  });
});
