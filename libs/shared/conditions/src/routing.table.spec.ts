import { evaluateCondition } from './condition.evaluator';
import type { Condition } from './condition.model';
import { describe, expect, it } from 'vitest';
import { compileRoutingRule, guardOf } from './routing.compile';
import { compileRoutingTable, routeWith, type RoutingGroupRow } from './routing.table';

const eq = (field: string, value: string | number | boolean): Condition => ({ kind: 'comparison', field, operator: 'eq', value });
const cmp = (field: string, operator: 'gt' | 'in_departement' | 'not_eq' | 'empty', value?: string | number): Condition => ({ kind: 'comparison', field, operator, ...(value !== undefined ? { value } : {}) });
const and = (...conditions: Condition[]): Condition => ({ kind: 'and', conditions });
const or = (...conditions: Condition[]): Condition => ({ kind: 'or', conditions });

const row = (id: string, overrides: Partial<RoutingGroupRow> = {}): RoutingGroupRow => ({ id, label: `Groupe ${id}`, isDefault: false, active: true, routingRule: null, ...overrides });
const compile = (rule: unknown) => compileRoutingRule(rule);

describe('routing table', () => {
  const rows = [
    row('default', { isDefault: true, label: 'Défaut' }),
    row('off', { active: false, routingRule: eq('dep', '59') }),
    row('norule'),
    row('nord', { routingRule: eq('dep', '59') }),
    row('nord-bis', { routingRule: eq('dep', '59') }),
    row('gros', { routingRule: cmp('montant', 'gt', 1000) }),
    row('sud', { routingRule: and(eq('dep', '13'), eq('theme', 'Sport')) }),
  ];
  const table = compileRoutingTable(7, 'tenant', rows, compile);

  it('keeps only active groups with a rule, in order', () => {
    expect(table.ids).toEqual(['nord', 'nord-bis', 'gros', 'sud']);
    expect(table.version).toBe(7);
  });

  it('gives the first match in position order, skipping inactive groups', () => {
    expect(routeWith(table, { dep: '59', montant: 5000 })).toEqual({ groupId: 'nord', label: 'Groupe nord' });
    expect(routeWith(table, { dep: '13', theme: 'Sport', montant: 5000 }).groupId).toBe('gros');
    expect(routeWith(table, { dep: ' 13 ', theme: 'Sport' }).groupId).toBe('sud');
  });

  it('falls back to the default group', () => {
    expect(routeWith(table, { dep: '75' })).toEqual({ groupId: 'default', label: 'Défaut' });
    expect(routeWith(table, {})).toEqual({ groupId: 'default', label: 'Défaut' });
  });

  it('reads only own keys of the values (no prototype properties)', () => {
    const sneaky = compileRoutingTable(1, 'tenant', [row('default', { isDefault: true }), row('proto', { routingRule: cmp('constructor', 'not_eq', 'x') })], compile);
    expect(routeWith(sneaky, {}).groupId).toBe('default');
  });

  it('needs a default group; a stored rule that no longer parses matches nothing', () => {
    expect(() => compileRoutingTable(1, 'tenant', [row('a')], compile)).toThrow();
    const broken = compileRoutingTable(1, 'tenant', [row('default', { isDefault: true }), row('broken', { routingRule: { kind: 'nope' } })], compile);
    expect(routeWith(broken, { dep: '59' }).groupId).toBe('default');
  });

  it('guards only on a top-level text equality', () => {
    expect(guardOf(eq('dep', ' 59 '))).toEqual({ field: 'dep', key: '59' });
    expect(guardOf(and(cmp('montant', 'gt', 3), eq('theme', 'Sport')))).toEqual({ field: 'theme', key: 'Sport' });
    expect(guardOf(or(eq('dep', '59'), eq('dep', '62')))).toBeUndefined();
    expect(guardOf(eq('montant', 59))).toBeUndefined();
    expect(guardOf(and(and(eq('dep', '59'))))).toBeUndefined();
  });

  it('finds the same group as evaluating every rule in order, for varied values and shapes', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * n);
    };
    const deps = ['59', '62', '13', '75', '2A'];
    const themes = ['Sport', 'Culture', ' Sport '];
    const rules: Condition[] = Array.from({ length: 300 }, (_, index) => {
      const dep = deps[random(deps.length)]!;
      const theme = themes[random(themes.length)]!;
      switch (index % 6) {
        case 0:
          return eq('dep', dep);
        case 1:
          return and(eq('theme', theme), cmp('montant', 'gt', random(100)));
        case 2:
          return and(cmp('dep', 'in_departement', dep), eq('theme', theme));
        case 3:
          return or(eq('dep', dep), cmp('montant', 'gt', 90));
        case 4:
          return and(eq('montant', String(random(100))), eq('dep', dep));
        default:
          return cmp('theme', 'empty');
      }
    });
    const many = [row('default', { isDefault: true }), ...rules.map((rule, index) => row(`g${index}`, { routingRule: rule, active: index % 11 !== 0 }))];
    const indexed = compileRoutingTable(1, 'tenant', many, compile);
    const valueShapes = (): unknown[] => [deps[random(deps.length)], ` ${deps[random(deps.length)]}`, Number(deps[random(3)]), { code: `${deps[random(deps.length)]}001` }, undefined, ''];
    for (let trial = 0; trial < 2000; trial += 1) {
      const values: Record<string, unknown> = {};
      const dep = valueShapes()[random(6)];
      if (dep !== undefined) values['dep'] = dep;
      if (random(4) > 0) values['theme'] = [...themes, 42][random(4)];
      if (random(4) > 0) values['montant'] = random(3) === 0 ? String(random(100)) : random(100);
      const lookup = (id: string) => values[id];
      const expected = many.find((candidate) => !candidate.isDefault && candidate.active && candidate.routingRule !== null && evaluateCondition(candidate.routingRule as Condition, lookup))?.id ?? 'default';
      expect(routeWith(indexed, values).groupId, JSON.stringify(values)).toBe(expected);
    }
  });
});
