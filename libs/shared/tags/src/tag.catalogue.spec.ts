import { type DossierState, dossierStates } from '@guichet/dossier-state';
import { describe, expect, it } from 'vitest';
import { type TaggableField, builtInTags, fieldTagId, tagsForProcedure } from './index';

const fields: TaggableField[] = [
  { label: 'Nom de l’association', stableId: '101' },
  { label: 'Montant demandé', stableId: '102' },
  { label: 'Avis du service', stableId: '201', private: true },
];

const names = (state?: DossierState, list: readonly TaggableField[] = fields) => tagsForProcedure(list, state).map((tag) => tag.name);

describe('builtInTags', () => {
  it('holds the DOMAIN.md catalogue plus the procedure title', () => {
    expect(builtInTags.map((tag) => tag.name)).toEqual([
      'numéro du dossier',
      'date de dépôt',
      'date de décision',
      'motivation',
      'lien dossier',
      'lien attestation',
      'nom',
      'prénom',
      'groupe instructeur',
      'libellé démarche',
    ]);
  });

  it('has unique ids and names, a French description and at least one state each', () => {
    expect(new Set(builtInTags.map((tag) => tag.id)).size).toBe(builtInTags.length);
    expect(new Set(builtInTags.map((tag) => tag.name)).size).toBe(builtInTags.length);
    for (const tag of builtInTags) {
      expect(tag.description).not.toBe('');
      expect(tag.availableIn.length).toBeGreaterThan(0);
    }
  });
});

describe('tagsForProcedure', () => {
  it('adds one tag per field by label, after the built-in ones', () => {
    const tags = tagsForProcedure(fields);
    expect(tags).toHaveLength(builtInTags.length + 3);
    expect(tags.at(-3)).toMatchObject({ id: 'champ_101', name: 'Nom de l’association', kind: 'field' });
    expect(fieldTagId('102')).toBe('champ_102');
  });

  it('offers the decision tags only once the dossier is decided', () => {
    for (const state of dossierStates) {
      const decided = ['accepte', 'refuse', 'sans_suite'].includes(state);
      expect(names(state).includes('date de décision')).toBe(decided);
      expect(names(state).includes('motivation')).toBe(decided);
    }
  });

  it('offers the attestation link only for an accepted or refused dossier', () => {
    expect(names('accepte')).toContain('lien attestation');
    expect(names('refuse')).toContain('lien attestation');
    expect(names('sans_suite')).not.toContain('lien attestation');
    expect(names('en_instruction')).not.toContain('lien attestation');
  });

  it('offers field tags from en_construction, annotations from en_instruction', () => {
    expect(names('brouillon')).not.toContain('Montant demandé');
    expect(names('en_construction')).toContain('Montant demandé');
    expect(names('en_construction')).not.toContain('Avis du service');
    expect(names('en_instruction')).toContain('Avis du service');
    expect(names('accepte')).toEqual(expect.arrayContaining(['Montant demandé', 'Avis du service']));
  });

  it('offers the deposit date and the instructor group only once submitted', () => {
    expect(names('brouillon')).not.toContain('date de dépôt');
    expect(names('brouillon')).not.toContain('groupe instructeur');
    expect(names('en_construction')).toEqual(expect.arrayContaining(['date de dépôt', 'groupe instructeur']));
  });

  it('offers the dossier number, link, identity and procedure title in every state', () => {
    for (const state of dossierStates) {
      expect(names(state)).toEqual(expect.arrayContaining(['numéro du dossier', 'lien dossier', 'nom', 'prénom', 'libellé démarche']));
    }
  });

  it('normalizes whitespace in field labels', () => {
    expect(names(undefined, [{ label: '  Code\u00a0postal ', stableId: '1' }])).toContain('Code postal');
  });

  it('skips fields whose label cannot be written as a tag', () => {
    const odd = [
      { label: 'Montant -- HT', stableId: '1' },
      { label: '-Remarque', stableId: '2' },
      { label: 'Remarque-', stableId: '3' },
      { label: '   ', stableId: '4' },
    ];
    expect(tagsForProcedure(odd)).toHaveLength(builtInTags.length);
  });

  it('skips structure fields that carry no value', () => {
    const structure = [
      { label: 'Votre projet', stableId: '1', type: 'header_section' },
      { label: 'Lisez ceci', stableId: '2', type: 'explication' },
      { label: 'Budget', stableId: '3', type: 'decimal_number' },
    ];
    expect(tagsForProcedure(structure).map((tag) => tag.name).slice(builtInTags.length)).toEqual(['Budget']);
  });

  it('keeps a name for its first owner: built-in tags first, then the earlier field', () => {
    const clashing = [
      { label: 'nom', stableId: '1' },
      { label: 'Commune', stableId: '2' },
      { label: ' Commune ', stableId: '3' },
    ];
    const tags = tagsForProcedure(clashing);
    expect(tags.find((tag) => tag.name === 'nom')?.id).toBe('individual_last_name');
    expect(tags.filter((tag) => tag.name === 'Commune').map((tag) => tag.id)).toEqual(['champ_2']);
  });

  it('keeps labels that differ only by case as separate tags (names are exact)', () => {
    expect(names(undefined, [{ label: 'Nom', stableId: '1' }])).toEqual(expect.arrayContaining(['nom', 'Nom']));
  });

  it('returns the built-in tags alone for a procedure without fields', () => {
    expect(tagsForProcedure([])).toEqual(builtInTags);
  });
});
