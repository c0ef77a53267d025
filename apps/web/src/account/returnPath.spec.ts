import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPath } from './returnPath';

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
});
