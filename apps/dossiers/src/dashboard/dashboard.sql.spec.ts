import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, orderFragment, scopeFragment, tabFragment } from './dashboard.sql';

const tenantId = randomUUID();
const sort = { column: 'submittedAt' as const, direction: 'asc' as const };

describe('dashboard SQL', () => {
  it('scopes to the tenant, never a brouillon, and to the instructeur’s groups; no group: no dossier', () => {
    expect(scopeFragment({ kind: 'tenant', tenantId })).toEqual({ sql: `d.tenant_id = ? and d.state <> 'brouillon'`, params: [tenantId] });
    const groups = [randomUUID(), randomUUID()];
    expect(scopeFragment({ kind: 'groups', tenantId, groupIds: groups })).toEqual({ sql: `d.tenant_id = ? and d.state <> 'brouillon' and d.group_id in (?, ?)`, params: [tenantId, ...groups] });
    expect(scopeFragment({ kind: 'groups', tenantId, groupIds: [] })).toBeNull();
  });

  it('binds the agent in « suivis » only', () => {
    expect(tabFragment('suivis', 'me').params).toEqual(['me']);
    for (const tab of ['a-suivre', 'traites', 'tous', 'archives'] as const) expect(tabFragment(tab, 'me').params).toEqual([]);
  });

  it('round-trips a cursor for its own sort, and refuses it for another', () => {
    const cursor = encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.123456Z', n: 42 });
    expect(decodeCursor(cursor, sort)).toEqual({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.123456Z', n: 42 });
    expect(() => decodeCursor(cursor, { column: 'submittedAt', direction: 'desc' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => decodeCursor(cursor, { column: 'number', direction: 'asc' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses cursors that are not ours: not base64 JSON, a value of the wrong kind, a number out of range', () => {
    const forged = [
      'x'.repeat(10),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: "1; drop table dossier", n: 1 }),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00Z', n: 1 }),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.000000Z', n: 0 }),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.000000Z', n: 2 ** 31 }),
    ];
    for (const after of forged) expect(() => decodeCursor(after, sort)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { after: expect.any(String) } }));
    expect(decodeCursor(encodeCursor({ c: 'submittedAt', d: 'asc', v: '-infinity', n: 3 }), sort).v).toBe('-infinity');
  });

  it('orders by the column then the number, and continues after the cursor in the same direction', () => {
    const { order, keyset } = orderFragment(sort, { c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.123456Z', n: 7 });
    expect(order).toBe(`coalesce(d.submitted_at, '-infinity'::timestamptz) asc, d.number asc`);
    expect(keyset).toEqual({ sql: `(coalesce(d.submitted_at, '-infinity'::timestamptz), d.number) > (?::timestamptz, ?)`, params: ['2026-12-02T08:00:00.123456Z', 7] });
    expect(orderFragment({ column: 'number', direction: 'desc' }, { c: 'number', d: 'desc', v: 9, n: 9 }).keyset).toEqual({ sql: 'd.number < ?', params: [9] });
  });
});
