import { describe, expect, it } from 'vitest';
import { ariaSort, currentCursor, dashboardSearch, defaultDashboardView, nextPage, pageNumber, previousPage, readDashboardView, withSort, withTab } from './dashboardView';

const read = (query: string) => readDashboardView(new URLSearchParams(query));

describe('dashboard view in the URL', () => {
  it('reads the default view from an empty query, and writes it as an empty query', () => {
    expect(read('')).toEqual(defaultDashboardView);
    expect(dashboardSearch(defaultDashboardView).toString()).toBe('');
  });

  it('reads the tab, the sort and the stack of cursors', () => {
    expect(read('onglet=traites&tri=updatedAt&ordre=asc&page=c1&page=c2')).toEqual({ tab: 'traites', column: 'updatedAt', direction: 'asc', cursors: ['c1', 'c2'] });
  });

  it('falls back to the defaults for unknown values, and to the column’s first direction when none is given', () => {
    expect(read('onglet=supprimes&tri=nom&ordre=haut&page=')).toEqual(defaultDashboardView);
    expect(read('tri=state')).toMatchObject({ column: 'state', direction: 'asc' });
  });

  it('round-trips every view through the URL', () => {
    const views = [
      { tab: 'suivis', column: 'number', direction: 'desc', cursors: [] },
      { tab: 'a-suivre', column: 'number', direction: 'asc', cursors: ['eyJjIjoibnVtYmVyIn0'] },
      { tab: 'archives', column: 'submittedAt', direction: 'desc', cursors: ['a', 'b', 'c'] },
    ] as const;
    for (const view of views) expect(readDashboardView(dashboardSearch(view))).toEqual(view);
  });

  it('changing tab goes back to the first page and keeps the sort', () => {
    const view = { tab: 'tous', column: 'updatedAt', direction: 'asc', cursors: ['a'] } as const;
    expect(withTab(view, 'traites')).toEqual({ tab: 'traites', column: 'updatedAt', direction: 'asc', cursors: [] });
  });

  it('a click on the sorted column turns it around; on another column, starts it in its first direction; both go back to the first page', () => {
    const view = { ...defaultDashboardView, cursors: ['a'] };
    expect(withSort(view, 'number')).toEqual({ ...defaultDashboardView, direction: 'asc' });
    expect(withSort(withSort(view, 'number'), 'number')).toEqual(defaultDashboardView);
    expect(withSort(view, 'submittedAt')).toEqual({ ...defaultDashboardView, column: 'submittedAt', direction: 'desc' });
    expect(withSort(view, 'state')).toEqual({ ...defaultDashboardView, column: 'state', direction: 'asc' });
  });

  it('pages forward with the next cursor and back by dropping the last one', () => {
    const first = defaultDashboardView;
    expect(currentCursor(first)).toBeUndefined();
    expect(pageNumber(first)).toBe(1);
    const second = nextPage(first, 'c1');
    const third = nextPage(second, 'c2');
    expect(currentCursor(third)).toBe('c2');
    expect(pageNumber(third)).toBe(3);
    expect(previousPage(third)).toEqual(second);
    expect(previousPage(previousPage(third))).toEqual(first);
    expect(previousPage(first)).toEqual(first);
  });

  it('marks the sorted column for assistive technologies', () => {
    const view = { ...defaultDashboardView, column: 'updatedAt', direction: 'asc' } as const;
    expect(ariaSort(view, 'updatedAt')).toBe('ascending');
    expect(ariaSort({ ...view, direction: 'desc' }, 'updatedAt')).toBe('descending');
    expect(ariaSort(view, 'number')).toBe('none');
  });
});
