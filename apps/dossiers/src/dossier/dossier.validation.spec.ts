import { describe, expect, it } from 'vitest';
import { cleanMotivation, cleanUsagerNames, valuesRefused } from './dossier.validation';

describe('valuesRefused', () => {
  it('turns stable ids into payload paths', () => {
    const error = valuesRefused('Valeurs invalides.', { abc: 'Ce champ est obligatoire.', _: 'Objet attendu.' });
    expect(error.toBody()).toEqual({ code: 'VALIDATION_FAILED', message: 'Valeurs invalides.', fields: { 'values.abc': 'Ce champ est obligatoire.', 'values._': 'Objet attendu.' } });
  });
});

describe('cleanUsagerNames', () => {
  it('trims names', () => {
    expect(cleanUsagerNames({ firstName: ' Amélie ', lastName: 'Durand  ' })).toEqual({ firstName: 'Amélie', lastName: 'Durand' });
  });

  it.each([
    [{ firstName: '', lastName: 'Durand' }, 'usager.firstName'],
    [{ firstName: 'Amélie', lastName: '   ' }, 'usager.lastName'],
    [{ firstName: 'A\u0000', lastName: 'Durand' }, 'usager.firstName'],
    [{ firstName: 'Amélie', lastName: 'Dur\ud800and' }, 'usager.lastName'],
    [{ firstName: 'Amélie', lastName: 'x'.repeat(201) }, 'usager.lastName'],
  ])('refuses %j under %s', (names, path) => {
    expect(() => cleanUsagerNames(names)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { [path]: expect.any(String) as string } }) as Error);
  });

  it('reports both names at once', () => {
    expect(() => cleanUsagerNames({ firstName: '', lastName: '' })).toThrow(expect.objectContaining({ fields: { 'usager.firstName': 'Ce champ est obligatoire.', 'usager.lastName': 'Ce champ est obligatoire.' } }) as Error);
  });
});

describe('cleanMotivation', () => {
  it('trims and turns blank into null', () => {
    expect(cleanMotivation('  Pièces manquantes ')).toBe('Pièces manquantes');
    expect(cleanMotivation('   ')).toBeNull();
    expect(cleanMotivation(undefined)).toBeNull();
  });

  it.each(['a\u0000', 'lone \udc00 surrogate'])('refuses %j', (motivation) => {
    expect(() => cleanMotivation(motivation)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { motivation: 'Caractère non autorisé.' } }) as Error);
  });
});
