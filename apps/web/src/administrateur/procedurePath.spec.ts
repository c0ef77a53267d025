import { describe, expect, it } from 'vitest';
import { pathFromTitle } from './procedurePath';

describe('pathFromTitle', () => {
  it('suggests a public path the service accepts from a French title', () => {
    expect(pathFromTitle('Aide aux Associations — édition 2026 !')).toBe('aide-aux-associations-edition-2026');
    expect(pathFromTitle('  Élèves & étudiants  ')).toBe('eleves-etudiants');
    expect(pathFromTitle('«»')).toBe('');
    expect(pathFromTitle(`${'a'.repeat(99)} b`)).toBe('a'.repeat(99));
  });
});
