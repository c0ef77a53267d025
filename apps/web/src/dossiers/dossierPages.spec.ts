import { describe, expect, it } from 'vitest';
import { closureReasonText, safeReturnPath, signInPath } from './dossierPages';

describe('dossier pages', () => {
  it('names why a procedure is closed in French', () => {
    expect(closureReasonText('autre_demarche')).toBe('Elle est remplacée par une autre démarche.');
    expect(closureReasonText('date_limite_atteinte')).toBe('La date limite de dépôt est atteinte.');
    expect(closureReasonText('autre')).toBe('L’administration l’a close.');
  });

  it('goes back after sign-in only to a path of this site', () => {
    expect(safeReturnPath('/commencer/test/ma-demarche')).toBe('/commencer/test/ma-demarche');
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath('https://evil.example')).toBeNull();
    expect(safeReturnPath('//evil.example/x')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(signInPath('/commencer/a b')).toBe('/connexion?retour=%2Fcommencer%2Fa%20b');
    expect(safeReturnPath(new URLSearchParams(signInPath('/commencer/a b').split('?')[1]).get('retour'))).toBe('/commencer/a b');
  });
});
