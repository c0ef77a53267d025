import { describe, expect, it } from 'vitest';
import { archiveAction, availableTransitions, canFollow, instructeurEvents, justificatifAccept, justificatifFileError, motivationError, motivationRequired, offersJustificatif } from './dossierActions';

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

  it('offers a justificatif with the three decisions only', () => {
    expect(instructeurEvents.filter(offersJustificatif)).toEqual(['accepter', 'refuser', 'classer_sans_suite']);
  });

  it('takes a PDF, an image or an office document of 20 Mo at most as justificatif', () => {
    const MiB = 1024 * 1024;
    expect(justificatifFileError({ name: 'Arrêté.PDF', size: 20 * MiB })).toBeNull();
    for (const name of ['photo.jpeg', 'scan.tif', 'note.docx', 'tableau.ods', 'vieux.doc']) expect(justificatifFileError({ name, size: 10 })).toBeNull();
    expect(justificatifFileError({ name: 'arrete.pdf', size: 20 * MiB + 1 })).toBe('Le fichier « arrete.pdf » dépasse 20 Mo.');
    expect(justificatifFileError({ name: 'arrete.pdf', size: 0 })).toBe('Le fichier « arrete.pdf » est vide.');
    for (const name of ['notes.txt', 'liste.csv', 'programme.exe', 'sans-extension', 'archive.zip']) {
      expect(justificatifFileError({ name, size: 10 })).toBe(`Le fichier « ${name} » n’est pas accepté : choisissez un PDF, une image ou un document bureautique.`);
    }
    expect(justificatifAccept.split(',')).toEqual(expect.arrayContaining(['.pdf', '.png', '.jpg', '.docx', '.odt']));
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
