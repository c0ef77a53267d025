import { diffRevisions } from '@guichet/forms';
import { describe, expect, it } from 'vitest';
import { type FieldDefinition } from '@guichet/contracts';
import { changeLines, fieldsById } from './publicationDiff';

const field = (stableId: string, patch: Partial<FieldDefinition> = {}): FieldDefinition => ({ stableId, type: 'text', label: stableId, description: '', mandatory: false, options: {}, ...patch });

function linesOf(before: FieldDefinition[], after: FieldDefinition[]) {
  const [change] = diffRevisions(before, after).filter((candidate) => candidate.kind === 'changed');
  if (change === undefined) throw new Error('no change');
  return changeLines({ ...change, changes: [...change.changes] }, fieldsById(after, before));
}

describe('the publication diff in French', () => {
  it('shows label, type and mandatory changes with their values', () => {
    const lines = linesOf([field('a', { label: 'Nom' })], [field('a', { label: 'Nom complet', type: 'textarea', mandatory: true })]);
    expect(lines).toEqual([
      { what: 'Libellé', from: '« Nom »', to: '« Nom complet »' },
      { what: 'Type', from: 'Texte court', to: 'Texte long' },
      { what: 'Caractère obligatoire', from: 'facultatif', to: 'obligatoire' },
    ]);
  });

  it('names options by their builder label and lists choices', () => {
    const before = [field('k', { type: 'drop_down_list', label: 'Statut', options: { choices: ['Association', 'Entreprise'] } })];
    const after = [field('k', { type: 'drop_down_list', label: 'Statut', options: { choices: ['Association', 'Entreprise', 'Particulier'] } })];
    expect(linesOf(before, after)).toEqual([{ what: 'Choix proposés', from: '« Association », « Entreprise »', to: '« Association », « Entreprise », « Particulier »' }]);
  });

  it('reads conditions as sentences with the fields’ labels, and an empty description as such', () => {
    const kind = field('k', { type: 'yes_no', label: 'Association' });
    const before = [kind, field('n', { label: 'Numéro RNA', description: 'W suivi de 9 chiffres' })];
    const after = [kind, field('n', { label: 'Numéro RNA', condition: { kind: 'comparison', field: 'k', operator: 'eq', value: true } })];
    expect(linesOf(before, after)).toEqual([
      { what: 'Description', from: '« W suivi de 9 chiffres »', to: '(vide)' },
      { what: 'Condition d’affichage', from: 'toujours affiché', to: 'Si « Association » est égal à « Oui »' },
    ]);
  });

  it('indexes repetition children with their blocks, the draft first', () => {
    const byId = fieldsById([field('b', { type: 'repetition', label: 'Bloc', children: [field('c', { label: 'Enfant' })] })], [field('c', { label: 'Ancien' })]);
    expect(byId.get('c')?.label).toBe('Enfant');
    expect(byId.get('b')?.type).toBe('repetition');
  });
});
