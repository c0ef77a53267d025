import { describe, expect, it } from 'vitest';
import { type DiffableField, diffRevisions } from './revision.diff';

const text = (stableId: string, label: string, extra: Partial<DiffableField> = {}): DiffableField => ({ stableId, type: 'text', label, ...extra });

describe('diffRevisions', () => {
  const base: DiffableField[] = [text('a', 'Nom'), text('b', 'Prénom'), text('c', 'Ville')];

  it('reports nothing when the revisions are the same (option key order ignored)', () => {
    const previous = [text('a', 'Nom', { options: { minLength: 1, maxLength: 5 } })];
    const next = [text('a', 'Nom', { options: { maxLength: 5, minLength: 1 } })];
    expect(diffRevisions(previous, next)).toEqual([]);
    expect(diffRevisions(base, base)).toEqual([]);
  });

  it('reports an added field, and nothing else for the fields after it', () => {
    const diff = diffRevisions(base, [text('a', 'Nom'), text('x', 'Courriel'), text('b', 'Prénom'), text('c', 'Ville')]);
    expect(diff).toEqual([{ kind: 'added', stableId: 'x', label: 'Courriel', path: 'x', summary: 'Champ « Courriel » ajouté', changes: [] }]);
  });

  it('reports a removed field with its previous label', () => {
    const diff = diffRevisions(base, [text('a', 'Nom'), text('c', 'Ville')]);
    expect(diff).toEqual([{ kind: 'removed', stableId: 'b', label: 'Prénom', path: 'b', summary: 'Champ « Prénom » supprimé', changes: [] }]);
  });

  it('reports only the field that moved when the position is the only change', () => {
    const diff = diffRevisions(base, [text('c', 'Ville'), text('a', 'Nom'), text('b', 'Prénom')]);
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatchObject({ kind: 'moved', stableId: 'c', summary: 'Champ « Ville » déplacé', changes: [] });
  });

  it('reports changed options one attribute each, with from and to', () => {
    const previous: DiffableField[] = [{ stableId: 'd', type: 'drop_down_list', label: 'Choix', options: { choices: ['un', 'deux'] } }];
    const next: DiffableField[] = [{ stableId: 'd', type: 'drop_down_list', label: 'Choix', options: { choices: ['un', 'trois'], other: true } }];
    const [change, ...rest] = diffRevisions(previous, next);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ kind: 'changed', stableId: 'd', summary: 'Champ « Choix » modifié' });
    expect(change?.changes).toEqual([
      { attribute: 'options.choices', from: ['un', 'deux'], to: ['un', 'trois'], summary: 'Option « choices » modifiée' },
      { attribute: 'options.other', from: null, to: true, summary: 'Option « other » modifiée' },
    ]);
  });

  it('reports a type change, and label, mandatory, description and condition changes', () => {
    const condition = { kind: 'eq', field: 'a', value: 'x' };
    const previous: DiffableField[] = [text('a', 'Nom'), text('b', 'Âge')];
    const next: DiffableField[] = [text('a', 'Nom'), { stableId: 'b', type: 'integer_number', label: 'Âge (ans)', mandatory: true, description: 'En années', condition }];
    const [change] = diffRevisions(previous, next);
    expect(change?.changes.map((c) => c.attribute)).toEqual(['label', 'type', 'mandatory', 'description', 'condition']);
    expect(change?.changes.find((c) => c.attribute === 'type')).toMatchObject({ from: 'text', to: 'integer_number', summary: 'Type modifié' });
    expect(change?.changes.find((c) => c.attribute === 'condition')).toMatchObject({ from: null, to: condition });

    const [onlyType] = diffRevisions([text('a', 'Nom')], [{ stableId: 'a', type: 'textarea', label: 'Nom' }]);
    expect(onlyType?.summary).toBe('Champ « Nom » : Type modifié');
  });

  it('diffs the children of a repetition by stable id, with their path', () => {
    const block = (children: DiffableField[]): DiffableField => ({ stableId: 'r', type: 'repetition', label: 'Enfants', children });
    const previous = [block([text('r1', 'Prénom'), text('r2', 'Âge')])];
    const next = [block([text('r2', 'Âge en années'), text('r3', 'École')])];
    const diff = diffRevisions(previous, next);
    expect(diff).toEqual([
      {
        kind: 'changed',
        stableId: 'r',
        label: 'Enfants',
        path: 'r',
        summary: 'Champ « Enfants » : Champs du bloc répétable modifié',
        changes: [{ attribute: 'children', from: ['r1', 'r2'], to: ['r2', 'r3'], summary: 'Champs du bloc répétable modifié' }],
      },
      expect.objectContaining({ kind: 'changed', stableId: 'r2', path: 'r.r2', changes: [expect.objectContaining({ attribute: 'label', from: 'Âge', to: 'Âge en années' })] }),
      expect.objectContaining({ kind: 'added', stableId: 'r3', path: 'r.r3', summary: 'Champ « École » ajouté' }),
      expect.objectContaining({ kind: 'removed', stableId: 'r1', path: 'r.r1', summary: 'Champ « Prénom » supprimé' }),
    ]);
  });

  it('reports a field moved into a repetition as moved', () => {
    const previous: DiffableField[] = [text('a', 'Nom'), { stableId: 'r', type: 'repetition', label: 'Bloc', children: [] }];
    const next: DiffableField[] = [{ stableId: 'r', type: 'repetition', label: 'Bloc', children: [text('a', 'Nom')] }];
    const diff = diffRevisions(previous, next);
    expect(diff.find((c) => c.stableId === 'a')).toMatchObject({ kind: 'moved', path: 'r.a' });
  });
});
