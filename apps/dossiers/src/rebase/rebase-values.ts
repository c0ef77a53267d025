import type { FieldValue, FormValues } from '@guichet/forms';

/** The part of a field the rebase reads (a contract `FieldDefinition` fits). */
export interface RebaseField {
  readonly stableId: string;
  readonly type: string;
  readonly label: string;
  readonly children?: readonly RebaseField[];
}

export interface DroppedValue {
  /** The field's stable id; inside a repetition row `<block>.rows.<i>.<child>`. */
  readonly stableId: string;
  readonly label: string;
  readonly value: FieldValue;
}

const isObject = (value: unknown): value is Record<string, FieldValue> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The values a dossier keeps on the next revision, carried by stable id, and the ones it drops
 * (fields or repetition children the next revision no longer has). Labels of dropped values come
 * from the previous revision when known, else the stable id stands in.
 */
export function rebaseValues(values: FormValues, previousFields: readonly RebaseField[], nextFields: readonly RebaseField[]): { values: FormValues; dropped: DroppedValue[] } {
  const previousById = new Map<string, RebaseField>();
  const walk = (fields: readonly RebaseField[]): void => {
    for (const field of fields) {
      previousById.set(field.stableId, field);
      if (field.children) walk(field.children);
    }
  };
  walk(previousFields);
  const nextById = new Map(nextFields.map((field) => [field.stableId, field]));
  const labelOf = (stableId: string): string => previousById.get(stableId)?.label ?? stableId;

  const kept: FormValues = {};
  const dropped: DroppedValue[] = [];
  for (const [stableId, value] of Object.entries(values)) {
    const next = nextById.get(stableId);
    if (next === undefined) {
      dropped.push({ stableId, label: labelOf(stableId), value });
      continue;
    }
    const rows = isObject(value) ? value['rows'] : undefined;
    if (next.type !== 'repetition' || !isObject(value) || !Array.isArray(rows)) {
      kept[stableId] = value;
      continue;
    }
    // A repetition: rows keep their ids; children the next revision lacks are dropped per row.
    const children = new Set((next.children ?? []).map((child) => child.stableId));
    const keptRows = rows.map((row, index) => {
      if (!isObject(row) || !isObject(row['values'])) return row;
      const rowValues: Record<string, FieldValue> = {};
      for (const [childId, childValue] of Object.entries(row['values'])) {
        if (children.has(childId)) rowValues[childId] = childValue;
        else dropped.push({ stableId: `${stableId}.rows.${index}.${childId}`, label: labelOf(childId), value: childValue });
      }
      return { ...row, values: rowValues };
    });
    kept[stableId] = { ...value, rows: keptRows };
  }
  return { values: kept, dropped };
}
