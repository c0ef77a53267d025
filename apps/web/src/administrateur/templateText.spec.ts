import { describe, expect, it } from 'vitest';
import { insertTag, tagsForState, templateErrors } from './templateText';

describe('insertTag', () => {
  it('inserts at the cursor and replaces a selection', () => {
    expect(insertTag('Bonjour monde', '--nom-- ', 8, 8)).toEqual({ text: 'Bonjour --nom-- monde', caret: 16 });
    expect(insertTag('Bonjour monde', '--nom--', 8, 13)).toEqual({ text: 'Bonjour --nom--', caret: 15 });
  });
  it('appends without a cursor, and clamps positions out of the text', () => {
    expect(insertTag('abc', 'X', null, null)).toEqual({ text: 'abcX', caret: 4 });
    expect(insertTag('abc', 'X', 10, 12)).toEqual({ text: 'abcX', caret: 4 });
    expect(insertTag('abc', 'X', 2, 1)).toEqual({ text: 'abXc', caret: 3 });
  });
});

describe('tagsForState', () => {
  const tag = (name: string, availableIn: string[]) => ({ id: name, name, tag: `--${name}--`, description: '', kind: 'builtin', availableIn });
  it('keeps the tags that have a value in the state', () => {
    const tags = [tag('numéro du dossier', ['en_construction', 'refuse']), tag('motivation', ['refuse'])];
    expect(tagsForState(tags, 'en_construction').map((t) => t.name)).toEqual(['numéro du dossier']);
    expect(tagsForState(tags, undefined)).toEqual([]);
  });
});

describe('templateErrors', () => {
  it('splits the messages of one template by part', () => {
    const fields = { 'mailTemplates.initiated.body': 'A', 'mailTemplates.initiated': 'B', 'mailTemplates.refused.body': 'C', 'mailTemplates.initiated.other': 'D' };
    expect(templateErrors(fields, 'mailTemplates.initiated', ['subject', 'body'])).toEqual({ byPart: { body: 'A' }, others: ['B', 'D'] });
  });
});
