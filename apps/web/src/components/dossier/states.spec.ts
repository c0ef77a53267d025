import { describe, expect, it } from 'vitest';
import { dossierStates } from '@guichet/dossier-state';
import { dossierStateDisplay, formatDate, formatDateTime } from './states';

describe('dossierStateDisplay', () => {
  it('donne un libellé français à chaque état', () => {
    expect(Object.fromEntries(dossierStates.map((state) => [state, dossierStateDisplay[state].label]))).toEqual({
      brouillon: 'Brouillon',
      en_construction: 'En construction',
      en_instruction: 'En instruction',
      accepte: 'Accepté',
      refuse: 'Refusé',
      sans_suite: 'Classé sans suite',
    });
  });
});

describe('formatDateTime', () => {
  it('écrit la date en français, à l’heure donnée', () => {
    expect(formatDateTime('2025-11-28T13:05:00.000Z', 'Europe/Paris')).toBe('28 novembre 2025 à 14:05');
    expect(formatDate('2026-06-30T22:00:00.000Z', 'Europe/Paris')).toBe('1 juillet 2026');
  });

  it('rend telle quelle une date illisible', () => {
    expect(formatDateTime('pas une date')).toBe('pas une date');
  });
});
