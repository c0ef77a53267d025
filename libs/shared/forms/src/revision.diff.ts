import type { FormField } from './form-field.model';

/** A field as the diff reads it: a `FormField`, plus the contract's optional description. */
export interface DiffableField extends Omit<FormField, 'children'> {
  readonly description?: string | null;
  readonly children?: readonly DiffableField[];
}

export type RevisionChangeKind = 'added' | 'removed' | 'moved' | 'changed';

export interface AttributeChange {
  /** `label`, `type`, `mandatory`, `description`, `options.<name>`, `condition` or `children`. */
  readonly attribute: string;
  readonly from: unknown;
  readonly to: unknown;
  /** French, for the administrateur's "publish with diff" page. */
  readonly summary: string;
}

export interface RevisionChange {
  readonly kind: RevisionChangeKind;
  readonly stableId: string;
  readonly label: string;
  /** Stable ids from the top level down to the field, joined by `.` (a repetition's child: `block.child`). */
  readonly path: string;
  readonly summary: string;
  readonly changes: readonly AttributeChange[];
}

interface Located {
  readonly field: DiffableField;
  readonly parentPath: string | null;
  readonly path: string;
}

/** Every field (repetition children included) by stable id, with where it sits. */
function index(fields: readonly DiffableField[], parentPath: string | null, into: Map<string, Located>): Map<string, Located> {
  for (const field of fields) {
    const path = parentPath === null ? field.stableId : `${parentPath}.${field.stableId}`;
    into.set(field.stableId, { field, parentPath, path });
    if (field.children) index(field.children, path, into);
  }
  return into;
}

/** Stable ids of the longest common subsequence: the fields that kept their relative order. */
function keptInOrder(previous: readonly string[], next: readonly string[]): Set<string> {
  const rows = previous.length + 1;
  const cols = next.length + 1;
  const table: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => table[i * cols + j] ?? 0;
  for (let i = previous.length - 1; i >= 0; i--) {
    for (let j = next.length - 1; j >= 0; j--) {
      table[i * cols + j] = previous[i] === next[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < previous.length && j < next.length) {
    const p = previous[i];
    if (p !== undefined && p === next[j]) {
      kept.add(p);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) i++;
    else j++;
  }
  return kept;
}

/** Key-order-insensitive JSON equality (options and conditions come back from jsonb in any order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Whether two JSON values are equal whatever the order of their keys (jsonb does not keep it). */
export const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);
const same = sameJson;

const attributeNames: Record<string, string> = {
  label: 'Libellé',
  type: 'Type',
  mandatory: 'Caractère obligatoire',
  description: 'Description',
  condition: 'Condition d’affichage',
  children: 'Champs du bloc répétable',
};

function attributeSummary(attribute: string): string {
  if (attribute.startsWith('options.')) return `Option « ${attribute.slice('options.'.length)} » modifiée`;
  return `${attributeNames[attribute] ?? attribute} modifié${attribute === 'condition' || attribute === 'description' ? 'e' : ''}`;
}

function attributeChanges(previous: DiffableField, next: DiffableField): AttributeChange[] {
  const changes: AttributeChange[] = [];
  const push = (attribute: string, from: unknown, to: unknown): void => {
    if (!same(from, to)) changes.push({ attribute, from: from ?? null, to: to ?? null, summary: attributeSummary(attribute) });
  };
  push('label', previous.label, next.label);
  push('type', previous.type, next.type);
  push('mandatory', previous.mandatory ?? false, next.mandatory ?? false);
  push('description', previous.description ?? null, next.description ?? null);
  const previousOptions: Record<string, unknown> = { ...(previous.options ?? {}) };
  const nextOptions: Record<string, unknown> = { ...(next.options ?? {}) };
  const names = [...new Set([...Object.keys(previousOptions), ...Object.keys(nextOptions)])].sort();
  for (const name of names) push(`options.${name}`, previousOptions[name], nextOptions[name]);
  push('condition', previous.condition ?? null, next.condition ?? null);
  // The child list's membership; each child's own changes are reported as their own entries.
  const previousChildren = (previous.children ?? []).map((c) => c.stableId);
  const nextChildren = (next.children ?? []).map((c) => c.stableId);
  if (previousChildren.length > 0 || nextChildren.length > 0) push('children', previousChildren, nextChildren);
  return changes;
}

/** Siblings of each parent (`null` = top level), in order. */
function siblings(fields: readonly DiffableField[], parent: string | null, into: Map<string | null, string[]>): Map<string | null, string[]> {
  into.set(
    parent,
    fields.map((f) => f.stableId),
  );
  for (const field of fields) if (field.children) siblings(field.children, field.stableId, into);
  return into;
}

/**
 * What publishing `nextFields` over `previousFields` changes, matched by stable id (repetition
 * children included): added, removed, moved (only its place changed: another parent, or out of the
 * relative order the common fields kept) and changed (attributes, each with from/to). Fields in the
 * order of the next revision, removed ones last in the previous order.
 */
export function diffRevisions(previousFields: readonly DiffableField[], nextFields: readonly DiffableField[]): RevisionChange[] {
  const before = index(previousFields, null, new Map());
  const after = index(nextFields, null, new Map());
  const siblingsBefore = siblings(previousFields, null, new Map());
  const siblingsAfter = siblings(nextFields, null, new Map());

  // Per parent present on both sides: which common children kept their relative order.
  const keptByParent = new Map<string | null, Set<string>>();
  for (const [parent, nextIds] of siblingsAfter) {
    const previousIds = siblingsBefore.get(parent);
    if (!previousIds) continue;
    const common = new Set(previousIds.filter((id) => nextIds.includes(id)));
    keptByParent.set(
      parent,
      keptInOrder(
        previousIds.filter((id) => common.has(id)),
        nextIds.filter((id) => common.has(id)),
      ),
    );
  }
  const parentOf = (path: string | null): string | null => (path === null ? null : (path.split('.').at(-1) ?? null));

  const result: RevisionChange[] = [];
  for (const [stableId, next] of after) {
    const previous = before.get(stableId);
    const label = next.field.label;
    if (!previous) {
      result.push({ kind: 'added', stableId, label, path: next.path, summary: `Champ « ${label} » ajouté`, changes: [] });
      continue;
    }
    const previousParent = parentOf(previous.parentPath);
    const nextParent = parentOf(next.parentPath);
    const moved = previousParent !== nextParent || !(keptByParent.get(nextParent)?.has(stableId) ?? false);
    if (moved) {
      result.push({ kind: 'moved', stableId, label, path: next.path, summary: `Champ « ${label} » déplacé`, changes: [] });
    }
    const changes = attributeChanges(previous.field, next.field);
    if (changes.length > 0) {
      const summary = changes.length === 1 && changes[0] ? `Champ « ${label} » : ${changes[0].summary}` : `Champ « ${label} » modifié`;
      result.push({ kind: 'changed', stableId, label, path: next.path, summary, changes });
    }
  }
  for (const [stableId, previous] of before) {
    if (after.has(stableId)) continue;
    const label = previous.field.label;
    result.push({ kind: 'removed', stableId, label, path: previous.path, summary: `Champ « ${label} » supprimé`, changes: [] });
  }
  return result;
}
