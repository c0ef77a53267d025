import { describe, expect, it } from 'vitest';
import { field } from '../../testing/procedure.factories';
import { sameFields } from './publish-procedure.usecase';

describe('sameFields', () => {
  it('ignores key order, as jsonb does not keep it', () => {
    const a = field({ label: 'Montant', type: 'integer_number', options: { min: 0, max: 10 } });
    const reordered = JSON.parse(JSON.stringify({ options: { max: 10, min: 0 }, mandatory: a.mandatory, description: a.description, label: a.label, type: a.type, stableId: a.stableId })) as typeof a;
    expect(sameFields([a], [reordered])).toBe(true);
  });

  it('sees a changed label, option, order or field count', () => {
    const a = field({ label: 'A' });
    const b = field({ label: 'B' });
    expect(sameFields([a, b], [a, { ...b, label: 'B2' }])).toBe(false);
    expect(sameFields([a, b], [b, a])).toBe(false);
    expect(sameFields([a, b], [a])).toBe(false);
    expect(sameFields([a], [{ ...a, options: { maxLength: 5 } }])).toBe(false);
  });
});
