import { randomUUID } from 'node:crypto';
import type { FieldDefinition } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { attestationTemplate, field } from '../testing/procedure.factories';
import { validateTemplateTags } from '../procedure/template-tags.validation';
import { rewriteCondition, rewriteForm, templatesForForm, withoutUnavailableTags } from './clone.rewrite';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('rewriteForm', () => {
  const kind = field({ label: 'Type', type: 'drop_down_list', options: { choices: ['A', 'B'] } });
  const age = field({ label: 'Âge', type: 'integer_number' });
  const school = field({ label: 'École', condition: { kind: 'comparison', field: age.stableId, operator: 'gte', value: 3 } });
  const block: FieldDefinition = field({ label: 'Enfants', type: 'repetition', children: [age, school], condition: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'A' } });
  const detail = field({ label: 'Détail', condition: { kind: 'or', conditions: [{ kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'B' }, { kind: 'constant', value: false }] } });
  const note = field({ label: 'Note', type: 'yes_no', condition: { kind: 'comparison', field: kind.stableId, operator: 'not_empty' } });

  it('gives every field, child and annotation a new stable id, keeping everything else', () => {
    const { fields, annotations, ids } = rewriteForm([kind, block, detail], [note]);
    const all = [...fields, ...(fields[1]?.children ?? []), ...annotations];
    expect(all).toHaveLength(6);
    for (const copy of all) expect(copy.stableId).toMatch(uuidPattern);
    expect(new Set(all.map((copy) => copy.stableId)).size).toBe(6);
    for (const source of [kind, block, age, school, detail, note]) expect(ids.get(source.stableId)).not.toBe(source.stableId);
    expect(fields.map((copy) => copy.label)).toEqual(['Type', 'Enfants', 'Détail']);
    expect(fields[0]?.options).toEqual(kind.options);
    expect(fields[0]?.options).not.toBe(kind.options);
  });

  it('points every condition at the copies, in nested trees, in blocks and in annotations', () => {
    const { fields, annotations, ids } = rewriteForm([kind, block, detail], [note]);
    const newKind = ids.get(kind.stableId);
    expect(fields[1]?.condition).toEqual({ kind: 'comparison', field: newKind, operator: 'eq', value: 'A' });
    expect(fields[1]?.children?.[1]?.condition).toEqual({ kind: 'comparison', field: ids.get(age.stableId), operator: 'gte', value: 3 });
    expect(fields[2]?.condition).toEqual({ kind: 'or', conditions: [{ kind: 'comparison', field: newKind, operator: 'eq', value: 'B' }, { kind: 'constant', value: false }] });
    expect(annotations[0]?.condition).toEqual({ kind: 'comparison', field: newKind, operator: 'not_empty' });
    // The source is left as it was.
    expect(detail.condition).toEqual({ kind: 'or', conditions: [{ kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'B' }, { kind: 'constant', value: false }] });
  });

  it('drops a condition that names a field outside the form', () => {
    const orphan = field({ label: 'Orphelin', condition: { kind: 'comparison', field: randomUUID(), operator: 'not_empty' } });
    const [copy] = rewriteForm([orphan], []).fields;
    expect(copy).not.toHaveProperty('condition');
  });
});

describe('rewriteCondition (routing rules)', () => {
  it('renames references, and refuses a rule naming an unknown field', () => {
    const a = randomUUID();
    const b = randomUUID();
    const ids = new Map([[a, b]]);
    expect(rewriteCondition({ kind: 'and', conditions: [{ kind: 'comparison', field: a, operator: 'in_departement', value: '69' }] }, ids)).toEqual({
      kind: 'and',
      conditions: [{ kind: 'comparison', field: b, operator: 'in_departement', value: '69' }],
    });
    expect(rewriteCondition({ kind: 'comparison', field: randomUUID(), operator: 'empty' }, ids)).toBeUndefined();
    expect(rewriteCondition({ kind: 'constant', value: true }, new Map())).toEqual({ kind: 'constant', value: true });
  });
});

describe('templatesForForm (field tags are written by label)', () => {
  const name = field({ label: 'Nom de l’association' });
  const amount = field({ label: 'Montant demandé', type: 'decimal_number' });
  const opinion = field({ label: 'Avis du service', type: 'textarea' });
  const templates = {
    mailTemplates: {
      initiated: { subject: 'Dossier --numéro du dossier-- : --Nom de l’association--', body: 'Montant : --Montant demandé-- €. --lien dossier--' },
      received: { subject: '--Nom de l’association--', body: 'Reçu.' },
    },
    attestationTemplates: [attestationTemplate({ title: '--Nom de l’association--', body: 'Avis : --Avis du service--. Montant : --Montant demandé--.', footer: '--Avis du service--', logoFileId: randomUUID() })],
  };

  it('keeps every tag the copied form offers, in the state each template is sent in', () => {
    const { fields, annotations } = rewriteForm([name, amount], [opinion]);
    const copy = templatesForForm(templates, fields, annotations);
    expect(copy.mailTemplates).toEqual(templates.mailTemplates);
    expect(copy.attestationTemplates).toEqual(templates.attestationTemplates);
    expect(copy.mailTemplates.initiated).not.toBe(templates.mailTemplates.initiated);
    expect(copy.droppedTags).toEqual([]);
  });

  it('removes the tags of fields the copy lacks, leaving templates that pass the tag checks', () => {
    const copy = templatesForForm(templates, [amount], []);
    expect(copy.mailTemplates.initiated).toEqual({ subject: 'Dossier --numéro du dossier-- :', body: 'Montant : --Montant demandé-- €. --lien dossier--' });
    // A subject made only of removed tags: the kind falls back to the default e-mail.
    expect(copy.mailTemplates).not.toHaveProperty('received');
    expect(copy.attestationTemplates[0]).toMatchObject({ title: 'Attestation d’acceptation', body: 'Avis : . Montant : --Montant demandé--.', footer: '', logoFileId: templates.attestationTemplates[0]?.logoFileId });
    expect(copy.droppedTags).toEqual(['--Nom de l’association--', '--Avis du service--']);
    expect(validateTemplateTags(copy, [amount]).fields).toEqual({});

    const empty = templatesForForm(templates, [], []);
    expect(empty.mailTemplates.initiated?.body).toBe('Montant :  €. --lien dossier--');
    expect(validateTemplateTags(empty, []).fields).toEqual({});
  });

  it('removes only the tags outside the available names, normalized, and keeps dashes that are no tag', () => {
    expect(withoutUnavailableTags('--numéro du dossier-- --Ville--, --  Code\u00a0postal --; -- --', new Set(['numéro du dossier', 'Code postal']))).toBe('--numéro du dossier-- , --  Code\u00a0postal --; -- --');
    // Removing a tag may join dashes into another one: it goes too.
    expect(withoutUnavailableTags('a---x---b--', new Set())).not.toMatch(/--[^-\s][^-]*--/);
  });
});
