import type { DashboardField, DashboardFieldMatch, FieldDefinition } from '@guichet/contracts';
import type { FormFieldType } from '@guichet/forms';

/**
 * How the dashboard reads a field's value in the dossier's JSONB `values`, which decides how it
 * filters and sorts. Every field type has one (a new type without a kind does not type-check).
 */
export type FieldKind = 'text' | 'choice' | 'choices' | 'number' | 'date' | 'datetime' | 'boolean' | 'structured' | 'files' | 'none';

export const fieldKinds: Readonly<Record<FormFieldType, FieldKind>> = {
  header_section: 'none',
  explication: 'none',
  repetition: 'structured',
  dossier_link: 'number',
  civilite: 'choice',
  email: 'text',
  phone: 'text',
  address: 'structured',
  communes: 'text',
  departements: 'text',
  regions: 'text',
  epci: 'text',
  pays: 'text',
  carte: 'files',
  siret: 'text',
  rna: 'text',
  rnf: 'text',
  iban: 'text',
  text: 'text',
  textarea: 'text',
  integer_number: 'number',
  decimal_number: 'number',
  formatted: 'text',
  date: 'date',
  datetime: 'datetime',
  checkbox: 'boolean',
  yes_no: 'boolean',
  drop_down_list: 'choice',
  multiple_drop_down_list: 'choices',
  linked_drop_down_list: 'structured',
  piece_justificative: 'files',
  titre_identite: 'files',
  annuaire_education: 'structured',
  cnaf: 'structured',
  dgfip: 'structured',
  pole_emploi: 'structured',
  mesri: 'structured',
  referentiel: 'structured',
};

type Op = DashboardFieldMatch['op'];

/** The operators each kind accepts, and whether it sorts. */
const kindRules: Readonly<Record<FieldKind, { ops: readonly Op[]; sortable: boolean }>> = {
  text: { ops: ['contains', 'filled'], sortable: true },
  choice: { ops: ['equals', 'contains', 'filled'], sortable: true },
  choices: { ops: ['equals', 'filled'], sortable: false },
  number: { ops: ['range', 'filled'], sortable: true },
  date: { ops: ['range', 'filled'], sortable: true },
  datetime: { ops: ['range', 'filled'], sortable: true },
  boolean: { ops: ['is'], sortable: true },
  structured: { ops: ['contains', 'filled'], sortable: false },
  files: { ops: ['filled'], sortable: false },
  none: { ops: [], sortable: false },
};

/** A field the dashboard knows: its definition and how it is read. */
export interface DashboardFieldInfo {
  definition: FieldDefinition;
  kind: FieldKind;
}

/** The dashboard's fields of a revision: its top-level fields that carry a value. */
export function dashboardFields(fields: readonly FieldDefinition[]): Map<string, DashboardFieldInfo> {
  const known = new Map<string, DashboardFieldInfo>();
  for (const definition of fields) {
    const kind = fieldKinds[definition.type];
    if (kind !== 'none') known.set(definition.stableId, { definition, kind });
  }
  return known;
}

export function describeField({ definition, kind }: DashboardFieldInfo): DashboardField {
  const rules = kindRules[kind];
  return {
    stableId: definition.stableId,
    label: definition.label,
    type: definition.type,
    ops: [...rules.ops],
    sortable: rules.sortable,
    ...(kind === 'choice' || kind === 'choices' ? { choices: definition.type === 'civilite' ? ['M.', 'Mme'] : [...(definition.options?.choices ?? [])] } : {}),
  };
}

export const acceptsOp = (kind: FieldKind, op: Op): boolean => kindRules[kind].ops.includes(op);
export const sortsOn = (kind: FieldKind): boolean => kindRules[kind].sortable;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A stable id as an SQL string literal. Only ever a UUID (checked here again, whatever the caller
 * did), so it is written into the statement: the sort and keyset then repeat one expression.
 */
export function fieldKey(stableId: string): string {
  if (!uuidPattern.test(stableId)) throw new Error(`not a stable id: ${stableId}`);
  return `'${stableId}'`;
}

/** The value of a field as SQL (jsonb), and as text (null when absent). */
export const jsonValue = (stableId: string): string => `d.values -> ${fieldKey(stableId)}`;
export const textValue = (stableId: string): string => `(d.values ->> ${fieldKey(stableId)})`;

/** The number of a number field, null when absent or not a JSON number (never a failing cast). */
export const numberValue = (stableId: string): string =>
  `(case when jsonb_typeof(${jsonValue(stableId)}) = 'number' then (${textValue(stableId)})::numeric end)`;

/** A field's value folded for « contains » (lower case, no accents), whatever its shape. */
export function foldedValue(info: DashboardFieldInfo): string {
  const text = info.kind === 'text' || info.kind === 'choice' ? textValue(info.definition.stableId) : `"dossiers"."dashboard_jsonb_text"(${jsonValue(info.definition.stableId)})`;
  return `"dossiers"."dashboard_fold"(${text})`;
}

/** Sort expressions are cut to this many characters so a cursor stays short. */
export const sortTextLength = 40;

/**
 * A field's sort expression, never null (keyset pages compare tuples): text folded and cut, an
 * absent number below every number, dates as their ISO text.
 */
export function fieldSortExpression(info: DashboardFieldInfo): { sql: string; cast: 'text' | 'numeric' } {
  const { stableId } = info.definition;
  switch (info.kind) {
    case 'number':
      return { sql: `coalesce(${numberValue(stableId)}, '-Infinity'::numeric)`, cast: 'numeric' };
    case 'text':
    case 'choice':
      return { sql: `left(coalesce("dossiers"."dashboard_fold"(${textValue(stableId)}), ''), ${sortTextLength})`, cast: 'text' };
    default:
      return { sql: `left(coalesce(${textValue(stableId)}, ''), ${sortTextLength})`, cast: 'text' };
  }
}
