import type { ValueLookup } from './condition.evaluator';

/** A routing rule compiled once: called for every dossier routed while the table is current. */
export type RulePredicate = (lookup: ValueLookup) => boolean;

/**
 * A compiled rule and, when it has one, a necessary condition cheap to index: the rule can only hold
 * when the field's value is a string whose trimmed text is `key`, or is not a string at all.
 */
export interface CompiledRule {
  readonly predicate: RulePredicate;
  readonly guard?: { readonly field: string; readonly key: string };
}

export interface RoutingGroupRow {
  id: string;
  label: string;
  isDefault: boolean;
  active: boolean;
  routingRule: unknown;
}

export interface RouteResult {
  groupId: string;
  label: string;
}

/**
 * A procedure's groups as the router needs them: the active groups with a rule, in evaluation
 * order, as parallel arrays, and the default group. Rules with a guard are also indexed by
 * (field, key), so a dossier is only tested against the rules it can match, in the same order.
 */
export interface RoutingTable {
  readonly version: number;
  readonly tenantId: string;
  readonly defaultGroup: RouteResult;
  readonly ids: readonly string[];
  readonly labels: readonly string[];
  readonly predicates: readonly RulePredicate[];
  /** Indexes (ascending) of the rules without a guard. */
  readonly unguarded: readonly number[];
  /** field → key → indexes (ascending) of the rules guarded on it; `all` for values that are not strings. */
  readonly guards: ReadonlyMap<string, { readonly byKey: ReadonlyMap<string, readonly number[]>; readonly all: readonly number[] }>;
}

/** `rows` in position order; inactive groups, the default group and groups without a rule never match. */
export function compileRoutingTable(version: number, tenantId: string, rows: readonly RoutingGroupRow[], compile: (rule: unknown) => CompiledRule): RoutingTable {
  const fallback = rows.find((row) => row.isDefault);
  if (fallback === undefined) throw new Error('routing table without a default group');
  const ids: string[] = [];
  const labels: string[] = [];
  const predicates: RulePredicate[] = [];
  const unguarded: number[] = [];
  const guards = new Map<string, { byKey: Map<string, number[]>; all: number[] }>();
  for (const row of rows) {
    if (row.isDefault || !row.active || row.routingRule === null || row.routingRule === undefined) continue;
    const { predicate, guard } = compile(row.routingRule);
    const index = predicates.length;
    ids.push(row.id);
    labels.push(row.label);
    predicates.push(predicate);
    if (guard === undefined) {
      unguarded.push(index);
      continue;
    }
    let entry = guards.get(guard.field);
    if (entry === undefined) {
      entry = { byKey: new Map(), all: [] };
      guards.set(guard.field, entry);
    }
    entry.all.push(index);
    const list = entry.byKey.get(guard.key);
    if (list === undefined) entry.byKey.set(guard.key, [index]);
    else list.push(index);
  }
  return { version, tenantId, defaultGroup: { groupId: fallback.id, label: fallback.label }, ids, labels, predicates, unguarded, guards };
}

const none: readonly number[] = [];

/**
 * The first matching group, else the default group. Only own keys count as values (no prototype
 * keys). The candidate lists are merged in ascending order, so the first match is the same as a
 * scan of every rule would find.
 */
export function routeWith(table: RoutingTable, values: Readonly<Record<string, unknown>>): RouteResult {
  const lookup: ValueLookup = (stableId) => (Object.hasOwn(values, stableId) ? values[stableId] : undefined);
  const lists: (readonly number[])[] = table.unguarded.length > 0 ? [table.unguarded] : [];
  for (const [field, entry] of table.guards) {
    const value = lookup(field);
    const list = typeof value === 'string' ? (entry.byKey.get(value.trim()) ?? none) : entry.all;
    if (list.length > 0) lists.push(list);
  }
  const { predicates } = table;
  const heads = lists.map(() => 0);
  for (;;) {
    // The smallest index at the head of a list: few lists, so a linear pick is cheapest.
    let best = -1;
    let bestList = -1;
    for (let list = 0; list < lists.length; list += 1) {
      const candidate = (lists[list] as readonly number[])[heads[list] as number];
      if (candidate !== undefined && (best === -1 || candidate < best)) {
        best = candidate;
        bestList = list;
      }
    }
    if (best === -1) return table.defaultGroup;
    heads[bestList] = (heads[bestList] as number) + 1;
    if ((predicates[best] as RulePredicate)(lookup)) return { groupId: table.ids[best] as string, label: table.labels[best] as string };
  }
}
