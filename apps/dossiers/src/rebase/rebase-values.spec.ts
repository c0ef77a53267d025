import { describe, expect, it } from 'vitest';
import { rebaseValues, type RebaseField } from './rebase-values';

const text = (stableId: string, label: string): RebaseField => ({ stableId, type: 'text', label });
const rowId = '0b9c7a52-6a43-4a8e-9a55-3c1f1f5b2c11';

describe('rebaseValues', () => {
  it('carries values by stable id, whatever the label or position', () => {
    const result = rebaseValues({ a: 'x', b: 2 }, [text('a', 'A'), text('b', 'B')], [text('b', 'B renommé'), text('a', 'A')]);
    expect(result).toEqual({ values: { a: 'x', b: 2 }, dropped: [] });
  });

  it('drops the values of removed fields with their previous label', () => {
    const result = rebaseValues({ a: 'x', gone: 'y' }, [text('a', 'A'), text('gone', 'Ancien')], [text('a', 'A')]);
    expect(result).toEqual({ values: { a: 'x' }, dropped: [{ stableId: 'gone', label: 'Ancien', value: 'y' }] });
  });

  it('uses the stable id as label when the previous revision is unknown', () => {
    expect(rebaseValues({ gone: 1 }, [], []).dropped).toEqual([{ stableId: 'gone', label: 'gone', value: 1 }]);
  });

  it('keeps repetition rows and their ids, dropping removed children per row', () => {
    const previous: RebaseField[] = [{ stableId: 'r', type: 'repetition', label: 'Bloc', children: [text('c1', 'Un'), text('c2', 'Deux')] }];
    const next: RebaseField[] = [{ stableId: 'r', type: 'repetition', label: 'Bloc', children: [text('c1', 'Un')] }];
    const result = rebaseValues({ r: { rows: [{ rowId, values: { c1: 'a', c2: 'b' } }] } }, previous, next);
    expect(result.values).toEqual({ r: { rows: [{ rowId, values: { c1: 'a' } }] } });
    expect(result.dropped).toEqual([{ stableId: 'r.rows.0.c2', label: 'Deux', value: 'b' }]);
  });

  it('changes nothing when the revisions have the same fields', () => {
    const fields = [text('a', 'A')];
    expect(rebaseValues({ a: 'x' }, fields, fields)).toEqual({ values: { a: 'x' }, dropped: [] });
  });
});
