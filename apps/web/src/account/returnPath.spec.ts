import { describe, expect, it } from 'vitest';
import { afterSignIn, landingPath, safeReturnPath, signInPath } from './returnPath';

describe('return path', () => {
  it('goes back after sign-in only to a path of this site', () => {
    expect(safeReturnPath('/commencer/test/ma-demarche')).toBe('/commencer/test/ma-demarche');
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath('https://evil.example')).toBeNull();
    expect(safeReturnPath('//evil.example/x')).toBeNull();
    expect(safeReturnPath('/\\evil.example')).toBeNull();
    expect(signInPath('/commencer/a b')).toBe('/connexion?retour=%2Fcommencer%2Fa%20b');
    expect(safeReturnPath(new URLSearchParams(signInPath('/commencer/a b').split('?')[1]).get('retour'))).toBe('/commencer/a b');
  });

  it('lands agents on their dashboard and usagers on « Mes dossiers »; a page asked for wins', () => {
    expect(landingPath(['usager'])).toBe('/mes-dossiers');
    expect(landingPath(['usager', 'expert'])).toBe('/mes-dossiers');
    expect(landingPath(['usager', 'instructeur'])).toBe('/instructeur');
    expect(landingPath(['usager', 'administrateur'])).toBe('/instructeur');
    expect(landingPath(['usager', 'administrateur', 'instructeur'])).toBe('/instructeur');
    expect(afterSignIn(null, ['usager', 'instructeur'])).toBe('/instructeur');
    expect(afterSignIn('/commencer/ma-demarche', ['usager', 'instructeur'])).toBe('/commencer/ma-demarche');
    expect(afterSignIn(safeReturnPath('//evil.example'), ['usager'])).toBe('/mes-dossiers');
  });
});
