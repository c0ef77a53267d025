import { randomUUID } from 'node:crypto';
import type { FieldDefinition } from '@guichet/contracts';

/**
 * What a clone does to a form: every field, repetition child and annotation gets a new stable id,
 * and every condition that names a field by its stable id names its copy. A condition naming a field
 * the copy does not have (which a saved form never holds) is dropped rather than left dangling.
 */
export interface RewrittenForm {
  readonly fields: FieldDefinition[];
  readonly annotations: FieldDefinition[];
  /** Source stable id → new stable id. */
  readonly ids: ReadonlyMap<string, string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A condition (or routing rule) with its field references renamed through `ids`; undefined when it
 * names a field `ids` does not know. Comparisons are `{ kind: 'comparison', field, … }` nodes,
 * anywhere in and/or trees.
 */
export function rewriteCondition<T>(condition: T, ids: ReadonlyMap<string, string>): T | undefined {
  let dangling = false;
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const copy: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(node)) copy[key] = walk(value);
    if (copy['kind'] === 'comparison' && typeof copy['field'] === 'string') {
      const renamed = ids.get(copy['field']);
      if (renamed === undefined) dangling = true;
      else copy['field'] = renamed;
    }
    return copy;
  };
  const rewritten = walk(condition as Json);
  return dangling ? undefined : (rewritten as T);
}

/** New ids first (children included), then the conditions, which may name any earlier field. */
export function rewriteForm(fields: readonly FieldDefinition[], annotations: readonly FieldDefinition[]): RewrittenForm {
  const ids = new Map<string, string>();
  const assign = (list: readonly FieldDefinition[]): void => {
    for (const field of list) {
      ids.set(field.stableId, randomUUID());
      for (const child of field.children ?? []) ids.set(child.stableId, randomUUID());
    }
  };
  assign(fields);
  assign(annotations);

  const copy = <F extends Omit<FieldDefinition, 'children'> & { children?: FieldDefinition['children'] }>(field: F): F => {
    const { condition, children, ...rest } = structuredClone(field);
    const renamedCondition = condition === undefined ? undefined : rewriteCondition(condition, ids);
    return {
      ...rest,
      stableId: ids.get(field.stableId) ?? randomUUID(),
      ...(renamedCondition !== undefined ? { condition: renamedCondition } : {}),
      ...(children !== undefined ? { children: children.map((child) => copy(child)) } : {}),
    } as F;
  };
  return { fields: fields.map((field) => copy(field)), annotations: annotations.map((field) => copy(field)), ids };
}
