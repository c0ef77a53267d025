import { validateFieldOptions } from '@guichet/forms';
import { describe, expect, it } from 'vitest';
import { type BuilderField, changeType, fieldTypeGroups, fieldsBefore, move, newField, toPayload } from './fieldList';

describe('field list of the builder', () => {
  it('offers every type of the catalogue once, grouped by category in French', () => {
    const types = fieldTypeGroups.flatMap((group) => group.types.map((entry) => entry.type));
    expect(new Set(types).size).toBe(types.length);
    expect(fieldTypeGroups.map((group) => group.label)).toEqual(['Structure', 'Identité', 'Localisation', 'Identification', 'Standard', 'Référentiels']);
    expect(fieldTypeGroups[0]?.types.map((entry) => entry.label)).toContain('Bloc répétable');
  });

  it('gives new fields a fresh stable id and the type’s label', () => {
    const first = newField('date');
    const second = newField('date');
    expect(first.stableId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.stableId).not.toBe(second.stableId);
    expect(first).toMatchObject({ type: 'date', label: 'Date', mandatory: false, description: '', options: {} });
    expect(newField('repetition').children).toEqual([]);
    expect(newField('formatted').options).toEqual({ mode: 'simple' });
  });

  it('changes a field’s type, dropping options and children the new type does not take', () => {
    const field = { ...newField('integer_number', 'x'), mandatory: true, options: { min: 2, max: 8 } };
    expect(changeType(field, 'decimal_number')).toMatchObject({ stableId: 'x', type: 'decimal_number', mandatory: true, options: { min: 2, max: 8 } });
    expect(changeType(field, 'header_section')).toMatchObject({ type: 'header_section', mandatory: false, options: {} });
    const block = { ...newField('repetition', 'b'), children: [newField('text', 'c')] };
    expect(changeType(block, 'text')).not.toHaveProperty('children');
    expect(changeType(changeType(field, 'repetition'), 'repetition').children).toEqual([]);
    expect(validateFieldOptions('drop_down_list', changeType(field, 'drop_down_list').options)).toHaveProperty('choices');
  });

  it('moves a field up or down, and not past the ends', () => {
    expect(move(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('lets a condition test only the fields before, and a block’s field its earlier siblings too', () => {
    const fields: BuilderField[] = [
      newField('text', 'a'),
      { ...newField('repetition', 'block'), children: [newField('text', 'c1'), newField('text', 'c2'), newField('text', 'c3')] },
      newField('text', 'z'),
    ];
    expect(fieldsBefore(fields, 'a')).toEqual([]);
    expect(fieldsBefore(fields, 'c3').map((field) => field.stableId)).toEqual(['a', 'c1', 'c2']);
    expect(fieldsBefore(fields, 'z').map((field) => field.stableId)).toEqual(['a', 'block']);
  });

  it('trims labels for the service and keeps children only on blocks', () => {
    const payload = toPayload([
      { ...newField('text', 'a'), label: '  Nom  ' },
      { ...newField('repetition', 'b'), children: [{ ...newField('text', 'c'), label: ' Rôle ' }] },
    ]);
    expect(payload[0]).not.toHaveProperty('children');
    expect(payload[0]?.label).toBe('Nom');
    expect(payload[1]?.children?.[0]?.label).toBe('Rôle');
  });
});
