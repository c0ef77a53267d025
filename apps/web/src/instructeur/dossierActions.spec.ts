import { describe, expect, it } from 'vitest';
import { archiveAction, availableTransitions, canFollow, motivationError, motivationRequired } from './dossierActions';

const facts = (state: Parameters<typeof availableTransitions>[0]['state'], patch: { correctionPending?: boolean; archived?: boolean } = {}) => ({ state, correctionPending: false, archived: false, ...patch });

describe('the instructeur’s actions on a dossier', () => {
  it('offers the transitions of the state machine for each state', () => {
    expect(availableTransitions(facts('brouillon'))).toEqual([]);
    expect(availableTransitions(facts('en_construction'))).toEqual(['passer_en_instruction']);
    expect(availableTransitions(facts('en_instruction'))).toEqual(['repasser_en_construction', 'accepter', 'refuser', 'classer_sans_suite']);
    for (const state of ['accepte', 'refuse', 'sans_suite'] as const) expect(availableTransitions(facts(state))).toEqual(['repasser_en_instruction']);
  });

  it('does not offer to pass into instruction while a correction is pending', () => {
    expect(availableTransitions(facts('en_construction', { correctionPending: true }))).toEqual([]);
  });

  it('requires a motivation to refuse and to close without follow-up, not to accept', () => {
    expect(motivationRequired('refuser')).toBe(true);
    expect(motivationRequired('classer_sans_suite')).toBe(true);
    expect(motivationRequired('accepter')).toBe(false);
    expect(motivationError(facts('en_instruction'), 'refuser', '  ')).toBe('Une motivation est obligatoire pour refuser un dossier.');
    expect(motivationError(facts('en_instruction'), 'classer_sans_suite', '')).toBe('Une motivation est obligatoire pour classer un dossier sans suite.');
    expect(motivationError(facts('en_instruction'), 'refuser', 'Pièces manquantes')).toBeNull();
    expect(motivationError(facts('en_instruction'), 'accepter', '')).toBeNull();
  });

  it('archives processed dossiers only, and takes an archived one out', () => {
    expect(archiveAction(facts('en_construction'))).toBeNull();
    expect(archiveAction(facts('en_instruction'))).toBeNull();
    for (const state of ['accepte', 'refuse', 'sans_suite'] as const) expect(archiveAction(facts(state))).toBe('archiver');
    expect(archiveAction(facts('accepte', { archived: true }))).toBe('desarchiver');
  });

  it('lets any submitted dossier be followed', () => {
    expect(canFollow(facts('brouillon'))).toBe(false);
    expect(canFollow(facts('en_construction'))).toBe(true);
    expect(canFollow(facts('refuse'))).toBe(true);
  });
});
