import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DashboardFilter, FieldDefinition } from '@guichet/contracts';
import { dashboardFields } from './dashboard.fields';
import { decodeCursor, encodeCursor, expiringCountsQuery, filterFragment, orderFragment, scopeFragment, searchFragment, sortExpression, tabFragment, tally } from './dashboard.sql';

const tenantId = randomUUID();
const sort = { column: 'submittedAt' as const, direction: 'asc' as const };
const noFields = new Map();
const at = sortExpression('submittedAt', noFields);
const byNumber = sortExpression('number', noFields);

const field = (type: FieldDefinition['type'], options: FieldDefinition['options'] = {}): FieldDefinition =>
  ({ stableId: randomUUID(), type, label: `Champ ${type}`, description: '', mandatory: false, options }) as unknown as FieldDefinition;
const text = field('text');
const choice = field('drop_down_list', { choices: ['Vélo', 'Train'] });
const several = field('multiple_drop_down_list', { choices: ['A', 'B'] });
const amount = field('decimal_number');
const day = field('date');
const ticked = field('checkbox');
const files = field('piece_justificative');
const title = field('header_section');
const fields = dashboardFields([text, choice, several, amount, day, ticked, files, title]);
const fieldFilter = (definition: FieldDefinition, match: Extract<DashboardFilter, { column: 'field' }>['match']): DashboardFilter => ({ column: 'field', stableId: definition.stableId, match });
const refusal = (key: string) => expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { [key]: expect.any(String) } });

describe('dashboard SQL', () => {
  it('scopes to the tenant, never a brouillon, and to the instructeur’s groups; no group: no dossier', () => {
    expect(scopeFragment({ kind: 'tenant', tenantId })).toEqual({ sql: `d.tenant_id = ? and d.state <> 'brouillon'`, params: [tenantId] });
    const groups = [randomUUID(), randomUUID()];
    expect(scopeFragment({ kind: 'groups', tenantId, groupIds: groups })).toEqual({ sql: `d.tenant_id = ? and d.state <> 'brouillon' and d.group_id in (?, ?)`, params: [tenantId, ...groups] });
    expect(scopeFragment({ kind: 'groups', tenantId, groupIds: [] })).toBeNull();
  });

  it('binds the agent in « suivis » only', () => {
    expect(tabFragment('suivis', 'me').params).toEqual(['me']);
    for (const tab of ['a-suivre', 'traites', 'tous', 'archives', 'supprimes'] as const) expect(tabFragment(tab, 'me').params).toEqual([]);
    // « expirant »: the retention read beforehand, written as a constant bound for submissions and decisions.
    const expirant = tabFragment('expirant', 'me', 18);
    expect(expirant.params).toEqual([]);
    expect(expirant.sql).toContain(`d.submitted_at < now() + interval '14 days' - interval '18 months'`);
    expect(expirant.sql).toContain(`d.decided_at < now() + interval '14 days' - interval '18 months'`);
    expect(() => tabFragment('expirant', 'me')).toThrow();
    expect(() => tabFragment('expirant', 'me', 1.5)).toThrow();
  });

  it('counts « expirant » per retention, en construction and decided apart, each on its procedures', () => {
    const tenantId = randomUUID();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const query = expiringCountsQuery({ kind: 'groups', tenantId, groupIds: ['g'] }, new Map([[a, 12], [b, 24], [c, 12]]));
    expect(query?.sql.match(/union all/g)).toHaveLength(3);
    expect(query?.sql).toContain(`interval '12 months'`);
    expect(query?.sql).toContain(`interval '24 months'`);
    expect(query?.params).toEqual([tenantId, 'g', a, c, tenantId, 'g', a, c, tenantId, 'g', b, tenantId, 'g', b]);
    expect(expiringCountsQuery({ kind: 'groups', tenantId, groupIds: ['g'] }, new Map())).toBeNull();
    expect(expiringCountsQuery({ kind: 'groups', tenantId, groupIds: [] }, new Map([[a, 12]]))).toBeNull();
  });

  it('round-trips a cursor for its own sort, and refuses it for another', () => {
    const cursor = encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.123456Z', n: 42 });
    expect(decodeCursor(cursor, sort, at)).toEqual({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.123456Z', n: 42 });
    expect(() => decodeCursor(cursor, { column: 'submittedAt', direction: 'desc' }, at)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => decodeCursor(cursor, { column: 'number', direction: 'asc' }, byNumber)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses cursors that are not ours: not base64 JSON, a value of the wrong kind, a number out of range', () => {
    const forged = [
      'x'.repeat(10),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: "1; drop table dossier", n: 1 }),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00Z', n: 1 }),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.000000Z', n: 0 }),
      encodeCursor({ c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.000000Z', n: 2 ** 31 }),
    ];
    for (const after of forged) expect(() => decodeCursor(after, sort, at)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { after: expect.any(String) } }));
    expect(decodeCursor(encodeCursor({ c: 'submittedAt', d: 'asc', v: '-infinity', n: 3 }), sort, at).v).toBe('-infinity');
  });

  it('orders by the column then the number, and continues after the cursor in the same direction', () => {
    const { order, keyset } = orderFragment(sort, at, { c: 'submittedAt', d: 'asc', v: '2026-12-02T08:00:00.123456Z', n: 7 });
    expect(order).toBe(`coalesce(d.submitted_at, '-infinity'::timestamptz) asc, d.number asc`);
    expect(keyset).toEqual({ sql: `(coalesce(d.submitted_at, '-infinity'::timestamptz), d.number) > (?::timestamptz, ?)`, params: ['2026-12-02T08:00:00.123456Z', 7] });
    expect(orderFragment({ column: 'number', direction: 'desc' }, byNumber, { c: 'number', d: 'desc', v: 9, n: 9 }).keyset).toEqual({ sql: 'd.number < ?', params: [9] });
  });

  it('knows the fields that carry a value, not the titles', () => {
    expect([...fields.keys()]).toEqual([text, choice, several, amount, day, ticked, files].map((definition) => definition.stableId));
  });

  it('sorts on a field: numbers as numbers (absent first), text folded and cut; not on files; an unknown field is a field-level error', () => {
    const byAmount = sortExpression(`champ:${amount.stableId}`, fields);
    expect(byAmount.cast).toBe('numeric');
    expect(byAmount.sql).toContain(`'-Infinity'::numeric`);
    expect(sortExpression(`champ:${text.stableId}`, fields).sql).toContain('dashboard_fold');
    expect(() => sortExpression(`champ:${files.stableId}`, fields)).toThrow(refusal('sort.column'));
    expect(() => sortExpression(`champ:${randomUUID()}`, fields)).toThrow(refusal('sort.column'));
    const cursor = encodeCursor({ c: `champ:${amount.stableId}`, d: 'asc', v: '12.50', n: 3 });
    expect(decodeCursor(cursor, { column: `champ:${amount.stableId}`, direction: 'asc' }, byAmount).v).toBe('12.50');
    const forged = encodeCursor({ c: `champ:${amount.stableId}`, d: 'asc', v: '1); drop table x; --', n: 3 });
    expect(() => decodeCursor(forged, { column: `champ:${amount.stableId}`, direction: 'asc' }, byAmount)).toThrow(refusal('after'));
  });

  it('filters on fixed columns with bound values only', () => {
    expect(filterFragment({ column: 'state', values: ['accepte', 'refuse'] }, 0, 'me', fields)).toEqual({ sql: 'd.state in (?, ?)', params: ['accepte', 'refuse'] });
    expect(filterFragment({ column: 'follower', value: 'me' }, 0, 'me', fields).params).toEqual(['me']);
    expect(filterFragment({ column: 'follower', value: 'a@b.fr' }, 0, 'me', fields).params).toEqual(['a@b.fr']);
    const dates = filterFragment({ column: 'submittedAt', from: '2026-01-01', to: '2026-01-31' }, 0, 'me', fields);
    expect(dates.params).toEqual(['2026-01-01', '2026-01-31']);
    expect(dates.sql).toContain(`at time zone 'Europe/Paris'`);
  });

  it('refuses date ranges that are empty, reversed or name a day that does not exist, at the filter’s key', () => {
    expect(() => filterFragment({ column: 'decidedAt' }, 2, 'me', fields)).toThrow(refusal('filters.2'));
    expect(() => filterFragment({ column: 'decidedAt', from: '2026-02-01', to: '2026-01-01' }, 0, 'me', fields)).toThrow(refusal('filters.0.to'));
    expect(() => filterFragment({ column: 'updatedAt', from: '2026-02-30' }, 1, 'me', fields)).toThrow(refusal('filters.1.from'));
  });

  it('filters a field as its type allows, and refuses the rest at the filter’s key', () => {
    const contains = filterFragment(fieldFilter(text, { op: 'contains', value: '50%_off' }), 0, 'me', fields);
    expect(contains.params).toEqual(['50\\%\\_off']);
    expect(filterFragment(fieldFilter(choice, { op: 'equals', values: ['Vélo'] }), 0, 'me', fields).params).toEqual(['Vélo']);
    expect(filterFragment(fieldFilter(several, { op: 'equals', values: ['A', 'B'] }), 0, 'me', fields).sql).toContain('jsonb_exists_any');
    expect(filterFragment(fieldFilter(amount, { op: 'range', min: 10, max: 20 }), 0, 'me', fields).params).toEqual([10, 20]);
    expect(filterFragment(fieldFilter(day, { op: 'range', min: '2026-01-01' }), 0, 'me', fields).params).toEqual(['2026-01-01']);
    expect(filterFragment(fieldFilter(ticked, { op: 'is', value: false }), 0, 'me', fields).sql).toContain(`coalesce(`);
    expect(filterFragment(fieldFilter(files, { op: 'filled', value: true }), 0, 'me', fields).params).toEqual([]);

    expect(() => filterFragment(fieldFilter(choice, { op: 'equals', values: ['Avion'] }), 3, 'me', fields)).toThrow(refusal('filters.3.match.values'));
    expect(() => filterFragment(fieldFilter(amount, { op: 'contains', value: 'x' }), 1, 'me', fields)).toThrow(refusal('filters.1.match.op'));
    expect(() => filterFragment(fieldFilter(amount, { op: 'range', min: '2026-01-01' }), 1, 'me', fields)).toThrow(refusal('filters.1.match.min'));
    expect(() => filterFragment(fieldFilter(day, { op: 'range', min: 3 }), 1, 'me', fields)).toThrow(refusal('filters.1.match.min'));
    expect(() => filterFragment(fieldFilter(amount, { op: 'range', min: 5, max: 1 }), 1, 'me', fields)).toThrow(refusal('filters.1.match.max'));
    expect(() => filterFragment(fieldFilter(amount, { op: 'range' }), 1, 'me', fields)).toThrow(refusal('filters.1.match'));
    expect(() => filterFragment(fieldFilter(files, { op: 'is', value: true }), 0, 'me', fields)).toThrow(refusal('filters.0.match.op'));
    expect(() => filterFragment(fieldFilter(title, { op: 'filled', value: true }), 0, 'me', fields)).toThrow(refusal('filters.0.stableId'));
    expect(() => filterFragment({ column: 'field', stableId: randomUUID(), match: { op: 'filled', value: true } }, 4, 'me', fields)).toThrow(refusal('filters.4.stableId'));
  });

  it('searches every word as a prefix, letters and digits only, at most ten words', () => {
    expect(searchFragment('  Dupont, jean-PIERRE 42 ').params).toEqual(['Dupont:* & jean:* & PIERRE:* & 42:*']);
    expect(searchFragment(`'); drop table dossier; --`).params).toEqual(['drop:* & table:* & dossier:*']);
    expect((searchFragment('a b c d e f g h i j k l').params[0] as string).split(' & ')).toHaveLength(10);
    expect(() => searchFragment('!!! ---')).toThrow(refusal('search'));
  });

  it('adds the counts’ groups up per tab: « à suivre » open and followed by no one, « suivis » open and mine, archived ones apart, deleted ones only in « supprimés »', () => {
    const row = (state: string, archived: boolean, unfollowed: boolean, n: number, hidden = false) => ({ kind: 'all' as const, state, archived, unfollowed, hidden, n });
    const mine = (state: string, archived: boolean, n: number, hidden = false) => ({ kind: 'mine' as const, state, archived, unfollowed: false, hidden, n });
    const expiring = (state: string, archived: boolean, n: number, hidden = false) => ({ kind: 'expiring' as const, state, archived, unfollowed: true, hidden, n });
    expect(
      tally([
        row('en_construction', false, true, 5),
        row('en_instruction', false, false, 5),
        row('accepte', false, false, 4),
        row('refuse', true, true, 6),
        row('accepte', false, true, 7, true),
        row('sans_suite', true, true, 1, true),
        // The agent's follows count only in « suivis », and only while open, shown and not archived.
        mine('en_instruction', false, 2),
        mine('accepte', false, 4),
        mine('en_construction', true, 1),
        mine('en_construction', false, 3, true),
        // Close to the end of their retention, archived or not; never a deleted one.
        expiring('en_construction', false, 2),
        expiring('refuse', true, 1),
        expiring('accepte', false, 5, true),
      ]),
    ).toEqual({ 'a-suivre': 5, suivis: 2, traites: 4, tous: 14, expirant: 3, archives: 6, supprimes: 8 });
    expect(tally([])).toEqual({ 'a-suivre': 0, suivis: 0, traites: 0, tous: 0, expirant: 0, archives: 0, supprimes: 0 });
  });
});
