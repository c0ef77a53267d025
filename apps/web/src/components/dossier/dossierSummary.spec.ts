import { describe, expect, it } from 'vitest';
import { type DossierField } from './dossierFormState';
import { answerText, emptyAnswer, errorLinks, formErrorsOf, summarize } from './dossierSummary';
import { browserGeo } from './locations';

const section: DossierField = { stableId: 'sec', type: 'header_section', label: 'Identité' };
const note: DossierField = { stableId: 'note', type: 'explication', label: 'À lire', description: 'Texte' };
const civ: DossierField = { stableId: 'civ', type: 'civilite', label: 'Civilité' };
const kind: DossierField = { stableId: 'kind', type: 'drop_down_list', label: 'Type', options: { choices: ['Association', 'Entreprise'] } };
const name: DossierField = { stableId: 'name', type: 'text', label: 'Nom', condition: { kind: 'comparison', field: 'kind', operator: 'eq', value: 'Association' } };
const birth: DossierField = { stableId: 'birth', type: 'date', label: 'Date de naissance' };
const member: DossierField = { stableId: 'member', type: 'text', label: 'Nom du membre' };
const age: DossierField = { stableId: 'age', type: 'integer_number', label: 'Âge' };
const members: DossierField = { stableId: 'members', type: 'repetition', label: 'Membres', children: [member, age] };

describe('dossier summary', () => {
  it('writes values in French, by type', () => {
    expect(answerText({ type: 'yes_no' }, true)).toBe('Oui');
    expect(answerText({ type: 'checkbox' }, false)).toBe('Non');
    expect(answerText({ type: 'date' }, '2026-04-01')).toBe('01/04/2026');
    expect(answerText({ type: 'civilite' }, 'Mme')).toBe('Madame');
    expect(answerText({ type: 'departements' }, '75')).toBe('75 – Paris');
    expect(answerText({ type: 'regions' }, '11')).toBe('Île-de-France');
    expect(answerText({ type: 'pays' }, 'FR')).toBe('France');
    expect(answerText({ type: 'multiple_drop_down_list' }, ['A', 'B'])).toBe('A, B');
    expect(answerText({ type: 'linked_drop_down_list' }, { primary: 'Fruits', secondary: 'Pomme' })).toBe('Fruits / Pomme');
    expect(answerText({ type: 'cnaf' }, { numeroAllocataire: '1234567', codePostal: '75001' })).toBe('Numéro d’allocataire : 1234567, Code postal : 75001');
    expect(answerText({ type: 'piece_justificative' }, [{ fileId: 'a', fileName: 'statuts.pdf' }, { fileId: 'b', fileName: 'rib.pdf' }])).toBe('statuts.pdf, rib.pdf');
    expect(answerText({ type: 'titre_identite' }, [{ fileId: 'a', fileName: 'cni.jpg' }])).toBe('cni.jpg');
    expect(answerText({ type: 'integer_number' }, 1200)).toBe('1200');
    expect(answerText({ type: 'datetime' }, '2026-11-28T14:05:00.000Z')).toBe('28/11/2026 15:05');
    expect(answerText({ type: 'text' }, '')).toBe('');
    expect(answerText({ type: 'text' }, undefined)).toBe('');
  });

  it('lists the shown fields in order, sections as titles, explanations left out, empty answers named', () => {
    const entries = summarize([section, note, civ, kind, name, birth], { civ: 'M.', kind: 'Entreprise', name: 'Les Amis' }, browserGeo);
    expect(entries).toEqual([
      { kind: 'section', stableId: 'sec', label: 'Identité' },
      { kind: 'value', stableId: 'civ', label: 'Civilité', text: 'Monsieur' },
      { kind: 'value', stableId: 'kind', label: 'Type', text: 'Entreprise' },
      // `name` is hidden by its condition: its stale value is not shown.
      { kind: 'value', stableId: 'birth', label: 'Date de naissance', text: emptyAnswer },
    ]);
    expect(summarize([kind, name], { kind: 'Association', name: 'Les Amis' }, browserGeo).map((entry) => entry.stableId)).toEqual(['kind', 'name']);
  });

  it('renders a repeatable block row by row', () => {
    const values = { members: { rows: [{ rowId: 'r1', values: { member: 'Camille', age: 34 } }, { rowId: 'r2', values: { member: 'Dominique' } }] } };
    expect(summarize([members], values, browserGeo)).toEqual([
      {
        kind: 'repetition',
        stableId: 'members',
        label: 'Membres',
        rows: [
          [
            { kind: 'value', stableId: 'member', label: 'Nom du membre', text: 'Camille' },
            { kind: 'value', stableId: 'age', label: 'Âge', text: '34' },
          ],
          [
            { kind: 'value', stableId: 'member', label: 'Nom du membre', text: 'Dominique' },
            { kind: 'value', stableId: 'age', label: 'Âge', text: emptyAnswer },
          ],
        ],
      },
    ]);
  });

  it('maps the API field paths to the form’s error keys', () => {
    expect(formErrorsOf({ 'values.name': 'Ce champ est obligatoire.', 'values.members.rows.1.member': 'Trop long.', procedureId: 'Inconnu.' })).toEqual({
      byKey: { name: 'Ce champ est obligatoire.', 'members.rows.1.member': 'Trop long.' },
      others: ['Inconnu.'],
    });
  });

  it('links each error to its input, in the form’s order, rows included', () => {
    const links = errorLinks('dossier', [kind, members, birth], { birth: 'Date invalide.', 'members.rows.1.member': 'Obligatoire.', kind: 'Obligatoire.', 'autre.0': 'Autre problème.' });
    expect(links).toEqual([
      { key: 'kind', label: 'Type', message: 'Obligatoire.', inputId: 'dossier-kind' },
      { key: 'members.rows.1.member', label: 'Membres – ligne 2 : Nom du membre', message: 'Obligatoire.', inputId: 'dossier-members-l1-member' },
      { key: 'birth', label: 'Date de naissance', message: 'Date invalide.', inputId: 'dossier-birth' },
      { key: 'autre.0', label: '', message: 'Autre problème.', inputId: '' },
    ]);
  });
});
