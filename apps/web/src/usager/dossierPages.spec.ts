import { describe, expect, it } from 'vitest';
import { closureReasonText } from './dossierPages';

describe('dossier pages', () => {
  it('names why a procedure is closed in French', () => {
    expect(closureReasonText('autre_demarche')).toBe('Elle est remplacée par une autre démarche.');
    expect(closureReasonText('date_limite_atteinte')).toBe('La date limite de dépôt est atteinte.');
    expect(closureReasonText('autre')).toBe('L’administration l’a close.');
  });
});
