import { procedureClosureReasons } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { procedureClosedEmail } from './notification-emails';

const base = {
  procedureTitle: 'Aide aux associations',
  details: null,
  replacementPath: null,
  closedAt: '2026-12-31T23:30:00.000Z',
  usager: { firstName: 'Amélie', lastName: 'Durand' },
  publicUrl: 'https://guichet.example.fr',
} as const;

describe('procedureClosedEmail', () => {
  it('words every closure reason, dated in Paris time', () => {
    const sentences = procedureClosureReasons.map((reason) => procedureClosedEmail({ ...base, reason }).text.split('\n\n')[1]);
    expect(sentences).toEqual([
      'La démarche « Aide aux associations » est close depuis le 01/01/2027 : elle est remplacée par une autre démarche.',
      'La démarche « Aide aux associations » est close depuis le 01/01/2027 : la démarche est terminée.',
      'La démarche « Aide aux associations » est close depuis le 01/01/2027 : l’administration l’a close pour une autre raison.',
      'La démarche « Aide aux associations » est close depuis le 01/01/2027 : la date limite de dépôt est atteinte.',
    ]);
  });

  it('adds the details and the replacement’s link only when there are some, and escapes the HTML version', () => {
    const bare = procedureClosedEmail({ ...base, reason: 'demarche_terminee', details: '   ' });
    expect(bare.text).not.toContain('Précisions');
    expect(bare.text).not.toContain('/commencer/');
    const full = procedureClosedEmail({ ...base, reason: 'autre_demarche', details: 'Voir <la> nouvelle démarche.', replacementPath: 'aide-2027' });
    expect(full.subject).toBe('La démarche « Aide aux associations » est close');
    expect(full.text).toContain('Précisions de l’administration : Voir <la> nouvelle démarche.');
    expect(full.text).toContain('https://guichet.example.fr/commencer/aide-2027');
    expect(full.html).not.toContain('<la>');
  });

  it('greets without a name when the account has none', () => {
    expect(procedureClosedEmail({ ...base, reason: 'autre', usager: { firstName: '', lastName: '' } }).text.startsWith('Bonjour,')).toBe(true);
  });
});
