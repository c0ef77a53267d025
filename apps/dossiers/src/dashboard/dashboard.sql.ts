import { GuichetError, type DashboardCounts, type dossierInstructionContracts, type RequestOf, type DashboardFieldColumn, type DashboardFieldMatch, type DashboardFilter, type DashboardFixedSortColumn, type DashboardSort, type DashboardTab } from '@guichet/contracts';
import type { AgentScope } from '@guichet/platform-access';
import { isDecided, type DossierState } from '@guichet/dossier-state';
import { acceptsOp, fieldKey, fieldSortExpression, foldedValue, jsonValue, numberValue, sortsOn, sortTextLength, textValue, type DashboardFieldInfo } from './dashboard.fields';

/**
 * The SQL of the instructeur's dashboard, as fragments with their bindings. Kept apart from the
 * queries so the conditions (scope, tabs, keyset) can be read and tested on their own.
 */
export interface Fragment {
  sql: string;
  params: unknown[];
}

const open = (alias = 'd') => `${alias}.state in ('en_construction', 'en_instruction')`;
const processed = (alias = 'd') => `${alias}.state in ('accepte', 'refuse', 'sans_suite')`;
/** The dossier's follower count is kept with each follow (`dossier.follower_count`). */
const followedBySomeone = `d.follower_count > 0`;
/** Not deleted by the administration: every tab but « supprimés ». */
const shown = `d.hidden_by_administration_at is null`;
const followedBy = `exists (select 1 from "dossiers"."dossier_follow" f where f.dossier_id = d.id and f.account_id = ?)`;

/** The dossiers of a scope: never a brouillon on the dashboard, the system included. Null: none at all. */
export function scopeFragment(scope: AgentScope, alias = 'd'): Fragment | null {
  const base = { sql: `${alias}.tenant_id = ? and ${alias}.state <> 'brouillon'`, params: [scope.tenantId] as unknown[] };
  if (scope.kind !== 'groups') return base;
  if (scope.groupIds.length === 0) return null;
  return { sql: `${base.sql} and ${alias}.group_id in (${scope.groupIds.map(() => '?').join(', ')})`, params: [...base.params, ...scope.groupIds] };
}

/**
 * How long before the end of its retention a dossier shows in « expirant » (DS: two weeks, when the
 * usager is told it will be deleted).
 */
const expiryNotice = `interval '14 days'`;
/**
 * The instant before which a submission or decision has its dossier in « expirant », for a retention
 * in months. Written as a constant (the months read beforehand, not in the statement), so that the
 * planner estimates the range from the dates' statistics and takes the expiry indexes.
 */
function expiringBefore(retentionMonths: number): string {
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1) throw new Error(`retention of ${retentionMonths} months`);
  return `now() + ${expiryNotice} - interval '${retentionMonths} months'`;
}
/**
 * Close to the end of its retention (DS `termine_or_en_construction_close_to_expiration`): en
 * construction since its submission, or processed since its decision, archived or not; an
 * en_instruction dossier never expires. `before` is `expiringBefore(…)` of its procedure. Every
 * submission sets `submitted_at` and every decision `decided_at`, so the bare dates are compared
 * (the planner has their statistics, and the expiry indexes are on them).
 */
const expiringParts = [
  [`d.state = 'en_construction'`, 'd.submitted_at'],
  [processed(), 'd.decided_at'],
] as const;
const expiring = (before: string) => `${shown} and (${expiringParts.map(([states, date]) => `(${states} and ${date} < ${before})`).join(' or ')})`;
/**
 * Which dossiers each tab of a procedure holds (DS: « à suivre » is followed by no one, « suivis » by
 * me, both still open). « expirant » needs the procedure's retention (`ProcedureRetentions.monthsOf`).
 */
export function tabFragment(tab: DashboardTab, accountId: string, retentionMonths?: number): Fragment {
  switch (tab) {
    case 'a-suivre':
      return { sql: `${open()} and not d.archived and d.follower_count = 0 and ${shown}`, params: [] };
    case 'suivis':
      return { sql: `${open()} and not d.archived and ${followedBy} and ${shown}`, params: [accountId] };
    case 'traites':
      return { sql: `${processed()} and not d.archived and ${shown}`, params: [] };
    case 'tous':
      return { sql: `not d.archived and ${shown}`, params: [] };
    case 'expirant':
      if (retentionMonths === undefined) throw new Error('the « expirant » tab needs the procedure’s retention');
      return { sql: expiring(expiringBefore(retentionMonths)), params: [] };
    case 'archives':
      return { sql: `d.archived and ${shown}`, params: [] };
    case 'supprimes':
      return { sql: `d.hidden_by_administration_at is not null`, params: [] };
  }
}

/**
 * One group of a procedure's dossiers as the counts see them; `tally` adds them up per tab. `all`
 * rows count every dossier of the scope; `mine` the dossiers the agent follows, only for
 * « suivis »; `expiring` those close to the end of their retention, only for « expirant ».
 */
export interface CountsRow {
  procedure_id: string;
  kind: 'all' | 'mine' | 'expiring';
  state: string;
  archived: boolean;
  unfollowed: boolean;
  hidden: boolean;
  n: number;
}

const openStates: ReadonlySet<string> = new Set(['en_construction', 'en_instruction']);

export const emptyCounts = (): DashboardCounts => ({ 'a-suivre': 0, suivis: 0, traites: 0, tous: 0, expirant: 0, archives: 0, supprimes: 0 });

/** Each tab's count from the rows of `countsQuery` (DS: « à suivre » followed by no one, « suivis » by me, both open). */
export function tally(rows: readonly Omit<CountsRow, 'procedure_id'>[]): DashboardCounts {
  const counts = emptyCounts();
  for (const row of rows) {
    switch (row.kind) {
      case 'mine':
        if (!row.hidden && !row.archived && openStates.has(row.state)) counts.suivis += row.n;
        break;
      case 'expiring':
        if (!row.hidden) counts.expirant += row.n;
        break;
      case 'all':
        if (row.hidden) counts.supprimes += row.n;
        else if (row.archived) counts.archives += row.n;
        else {
          counts.tous += row.n;
          if (isDecided(row.state as DossierState)) counts.traites += row.n;
          if (openStates.has(row.state) && row.unfollowed) counts['a-suivre'] += row.n;
        }
        break;
    }
  }
  return counts;
}

type Sort = DashboardSort;

/**
 * An instant as the cursor carries it: UTC text to the microsecond (what PostgreSQL stores; a
 * JavaScript Date would lose the microseconds and the keyset would skip or repeat rows).
 */
const instantText = (expression: string) => `case when ${expression} = '-infinity' then '-infinity' else to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const parseInstant = (value: unknown): unknown => (value === '-infinity' || (typeof value === 'string' && instantPattern.test(value) && !Number.isNaN(Date.parse(value))) ? value : undefined);
const parseInteger = (value: unknown): unknown => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);
const parseText = (value: unknown): unknown => (typeof value === 'string' && value.length <= sortTextLength * 2 ? value : undefined);
const numericPattern = /^(?:-?Infinity|-?\d{1,1000}(?:\.\d{1,1000})?(?:e[+-]?\d{1,4})?)$/i;
const parseNumeric = (value: unknown): unknown => (typeof value === 'string' && value.length <= 100 && numericPattern.test(value) ? value : undefined);

/** A sortable column: a non-null SQL expression, its value as the cursor carries it, the cast back, how that is read. */
interface SortExpression {
  sql: string;
  cursor: string;
  cast: string;
  parse: (value: unknown) => unknown;
}

const fixedSorts: Record<DashboardFixedSortColumn, SortExpression> = {
  number: { sql: 'd.number', cursor: 'd.number', cast: 'int', parse: parseInteger },
  submittedAt: { sql: `coalesce(d.submitted_at, '-infinity'::timestamptz)`, cursor: instantText(`coalesce(d.submitted_at, '-infinity'::timestamptz)`), cast: 'timestamptz', parse: parseInstant },
  updatedAt: { sql: 'd.updated_at', cursor: instantText('d.updated_at'), cast: 'timestamptz', parse: parseInstant },
  decidedAt: { sql: `coalesce(d.decided_at, '-infinity'::timestamptz)`, cursor: instantText(`coalesce(d.decided_at, '-infinity'::timestamptz)`), cast: 'timestamptz', parse: parseInstant },
  state: {
    sql: `array_position(array['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite']::text[], d.state)`,
    cursor: `array_position(array['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite']::text[], d.state)`,
    cast: 'int',
    parse: parseInteger,
  },
};

const isFieldColumn = (column: Sort['column']): column is DashboardFieldColumn => column.startsWith('champ:');

/** The sort expression of a column; a field must be one the dashboard sorts on (else a field-level error). */
export function sortExpression(column: Sort['column'], fields: ReadonlyMap<string, DashboardFieldInfo>): SortExpression {
  if (!isFieldColumn(column)) return fixedSorts[column];
  const info = fields.get(column.slice('champ:'.length));
  if (info === undefined) throw new GuichetError('VALIDATION_FAILED', 'Tri impossible : ce champ n’existe pas dans la démarche.', { 'sort.column': 'Ce champ n’existe pas dans la démarche.' });
  if (!sortsOn(info.kind)) throw new GuichetError('VALIDATION_FAILED', `Le champ « ${info.definition.label} » ne se trie pas.`, { 'sort.column': `Le champ « ${info.definition.label} » ne se trie pas.` });
  const { sql, cast } = fieldSortExpression(info);
  return { sql, cursor: cast === 'numeric' ? `(${sql})::text` : sql, cast, parse: cast === 'numeric' ? parseNumeric : parseText };
}

export interface Cursor {
  /** The sort the cursor was made for: a cursor of another sort is refused. */
  c: Sort['column'];
  d: Sort['direction'];
  v: unknown;
  n: number;
}

const badCursor = (): GuichetError =>
  new GuichetError('VALIDATION_FAILED', 'Le curseur de pagination est invalide.', { after: 'Reprenez la liste depuis la première page.' });

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(after: string, sort: Sort, expression: SortExpression): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw badCursor();
  const { c, d, v, n } = parsed as Partial<Cursor>;
  if (c !== sort.column || d !== sort.direction || typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw badCursor();
  const value = expression.parse(v);
  if (value === undefined) throw badCursor();
  return { c, d, v: value, n };
}

/** ORDER BY and the keyset condition after a cursor: (sort value, number) in the sort's direction. */
export function orderFragment(sort: Sort, expression: SortExpression, after: Cursor | undefined): { order: string; keyset: Fragment | null; select: string } {
  const direction = sort.direction === 'asc' ? 'asc' : 'desc';
  const comparison = direction === 'asc' ? '>' : '<';
  const order = sort.column === 'number' ? `d.number ${direction}` : `${expression.sql} ${direction}, d.number ${direction}`;
  const keyset =
    after === undefined
      ? null
      : sort.column === 'number'
        ? { sql: `d.number ${comparison} ?`, params: [after.n] }
        : { sql: `(${expression.sql}, d.number) ${comparison} (?::${expression.cast}, ?)`, params: [after.v, after.n] };
  return { order, keyset, select: `${expression.cursor} as sort_value` };
}

const invalidFilter = (key: string, message: string): GuichetError => new GuichetError('VALIDATION_FAILED', message, { [key]: message });

/** `from` and `to` are whole days in Paris, both included. */
function dateRangeFragment(column: string, from: string | undefined, to: string | undefined, key: string): Fragment {
  if (from === undefined && to === undefined) throw invalidFilter(key, 'Indiquez une date de début, de fin, ou les deux.');
  if (from !== undefined && to !== undefined && from > to) throw invalidFilter(`${key}.to`, 'La date de fin doit être égale ou postérieure à la date de début.');
  const parts: Fragment[] = [];
  if (from !== undefined) parts.push({ sql: `${column} >= (?::date)::timestamp at time zone 'Europe/Paris'`, params: [validDate(from, `${key}.from`)] });
  if (to !== undefined) parts.push({ sql: `${column} < ((?::date) + 1)::timestamp at time zone 'Europe/Paris'`, params: [validDate(to, `${key}.to`)] });
  return { sql: parts.map((part) => part.sql).join(' and '), params: parts.flatMap((part) => part.params) };
}

/** A calendar date that exists (the schema only checks its shape; `2026-02-30` would fail in SQL). */
function validDate(value: string, key: string): string {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw invalidFilter(key, 'Cette date n’existe pas.');
  return value;
}

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** Text for LIKE: its wildcards taken literally. */
const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);

function fieldFilterFragment(info: DashboardFieldInfo, match: DashboardFieldMatch, key: string): Fragment {
  const { stableId, label } = info.definition;
  if (!acceptsOp(info.kind, match.op)) throw invalidFilter(`${key}.match.op`, `Le champ « ${label} » ne se filtre pas ainsi (${match.op}).`);
  switch (match.op) {
    case 'contains':
      return { sql: `${foldedValue(info)} like '%' || "dossiers"."dashboard_fold"(?) || '%' escape '\\'`, params: [likeEscape(match.value)] };
    case 'equals': {
      const choices = info.definition.type === 'civilite' ? ['M.', 'Mme'] : (info.definition.options?.choices ?? []);
      const free = info.kind === 'choice' && info.definition.options?.other === true;
      const unknown = free ? undefined : match.values.find((value) => !choices.includes(value));
      if (unknown !== undefined) throw invalidFilter(`${key}.match.values`, `« ${unknown} » n’est pas un choix du champ « ${label} ».`);
      return info.kind === 'choices'
        ? { sql: `jsonb_exists_any(${jsonValue(stableId)}, array[${placeholders(match.values)}]::text[])`, params: [...match.values] }
        : { sql: `${textValue(stableId)} in (${placeholders(match.values)})`, params: [...match.values] };
    }
    case 'range': {
      const { min, max } = match;
      if (min === undefined && max === undefined) throw invalidFilter(`${key}.match`, 'Indiquez un minimum, un maximum, ou les deux.');
      const numeric = info.kind === 'number';
      for (const [bound, value] of [['min', min], ['max', max]] as const) {
        if (value === undefined) continue;
        if (numeric && typeof value !== 'number') throw invalidFilter(`${key}.match.${bound}`, `Le champ « ${label} » attend un nombre.`);
        if (!numeric && typeof value !== 'string') throw invalidFilter(`${key}.match.${bound}`, `Le champ « ${label} » attend une date (AAAA-MM-JJ).`);
        if (typeof value === 'string') validDate(value, `${key}.match.${bound}`);
      }
      if (min !== undefined && max !== undefined && min > max) throw invalidFilter(`${key}.match.max`, 'Le maximum doit être supérieur ou égal au minimum.');
      // Dates are ISO text (`YYYY-MM-DD`, date-times `YYYY-MM-DDTHH:MM`): their first ten characters compare as days.
      const value = numeric ? numberValue(stableId) : `left(${textValue(stableId)}, 10)`;
      const cast = numeric ? '::numeric' : '';
      const parts: Fragment[] = [];
      if (min !== undefined) parts.push({ sql: `${value} >= ?${cast}`, params: [min] });
      if (max !== undefined) parts.push({ sql: `${value} <= ?${cast}`, params: [max] });
      return { sql: parts.map((part) => part.sql).join(' and '), params: parts.flatMap((part) => part.params) };
    }
    case 'is':
      // An unticked checkbox may never have been saved; a yes/no is answered or not.
      return match.value
        ? { sql: `${jsonValue(stableId)} = 'true'::jsonb`, params: [] }
        : { sql: info.definition.type === 'checkbox' ? `coalesce(${jsonValue(stableId)}, 'false'::jsonb) = 'false'::jsonb` : `${jsonValue(stableId)} = 'false'::jsonb`, params: [] };
    case 'filled': {
      const filled = `coalesce(${jsonValue(stableId)} not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`;
      return { sql: match.value ? filled : `not ${filled}`, params: [] };
    }
  }
}

/** One filter as SQL; the fields are the procedure's (a field it does not have is a field-level error). */
export function filterFragment(filter: DashboardFilter, index: number, accountId: string, fields: ReadonlyMap<string, DashboardFieldInfo>): Fragment {
  const key = `filters.${index}`;
  switch (filter.column) {
    case 'state':
      return { sql: `d.state in (${placeholders(filter.values)})`, params: [...filter.values] };
    case 'group':
      return { sql: `d.group_id in (${placeholders(filter.values)})`, params: [...filter.values] };
    case 'label':
      return { sql: `exists (select 1 from "dossiers"."dossier_label" l where l.dossier_id = d.id and l.label_id in (${placeholders(filter.values)}))`, params: [...filter.values] };
    case 'follower':
      switch (filter.value) {
        case 'me':
          return { sql: followedBy, params: [accountId] };
        case 'none':
          return { sql: `not ${followedBySomeone}`, params: [] };
        case 'someone':
          return { sql: followedBySomeone, params: [] };
        default:
          return { sql: `exists (select 1 from "dossiers"."dossier_follow" f where f.dossier_id = d.id and f.account_email = ?)`, params: [filter.value] };
      }
    case 'submittedAt':
      return dateRangeFragment('d.submitted_at', filter.from, filter.to, key);
    case 'updatedAt':
      return dateRangeFragment('d.updated_at', filter.from, filter.to, key);
    case 'decidedAt':
      return dateRangeFragment('d.decided_at', filter.from, filter.to, key);
    case 'field': {
      const info = fields.get(filter.stableId);
      if (info === undefined) throw invalidFilter(`${key}.stableId`, 'Ce champ n’existe pas dans la démarche.');
      return fieldFilterFragment(info, filter.match, key);
    }
  }
}

/** At most this many words are searched (each as a prefix: « dupon » finds « Dupont »). */
export const maxSearchWords = 10;

/**
 * The full-text search: every word (letters and digits; accents and case ignored, French stems)
 * as a prefix, all required, over the number, the usager and every value (`dossier.search_vector`,
 * computed at each write, and its GIN index `dossier_search_idx`).
 */
export function searchFragment(search: string): Fragment {
  const words = (search.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxSearchWords).map((word) => word.slice(0, 50));
  if (words.length === 0) throw invalidFilter('search', 'Saisissez au moins une lettre ou un chiffre.');
  return {
    sql: `d.search_vector @@ to_tsquery('dossiers.french_unaccent', ?)`,
    params: [words.map((word) => `${word}:*`).join(' & ')],
  };
}

const join = (fragments: readonly (Fragment | null)[]): Fragment => {
  const present = fragments.filter((fragment): fragment is Fragment => fragment !== null);
  return { sql: present.map((fragment) => `(${fragment.sql})`).join(' and '), params: present.flatMap((fragment) => fragment.params) };
};

type PageRequest = RequestOf<typeof dossierInstructionContracts.dashboardPage>;

/** Whether a page names a field (a filter, the sort or a column): only then are the procedure's fields needed. */
export const namesField = (payload: PageRequest): boolean =>
  payload.fieldColumns.length > 0 || payload.sort.column.startsWith('champ:') || payload.filters.some((filter) => filter.column === 'field');

/**
 * The one statement of a dashboard page (null: the agent has no group, so no dossier): scope,
 * procedure, tab, filters, search, keyset; one row more than the page tells whether another follows.
 * Pure, so `npm run bench:dashboard` times the very statement the service runs.
 */
export function pageQuery(
  payload: PageRequest,
  scope: AgentScope,
  accountId: string,
  fields: ReadonlyMap<string, DashboardFieldInfo>,
  retentionMonths?: number,
): (Fragment & { columns: DashboardFieldInfo[] }) | null {
  const scoped = scopeFragment(scope);
  if (scoped === null) return null;
  const expression = sortExpression(payload.sort.column, fields);
  const after = payload.after === undefined ? undefined : decodeCursor(payload.after, payload.sort, expression);
  const columns = payload.fieldColumns.map((stableId, index) => {
    const info = fields.get(stableId);
    if (info === undefined) throw invalidFilter(`fieldColumns.${index}`, 'Cette colonne n’est pas un champ de la démarche.');
    return info;
  });
  const { order, keyset, select } = orderFragment(payload.sort, expression, after);
  const where = join([
    scoped,
    { sql: 'd.procedure_id = ?', params: [payload.procedureId] },
    tabFragment(payload.tab, accountId, retentionMonths),
    ...payload.filters.map((filter, index) => filterFragment(filter, index, accountId, fields)),
    payload.search === undefined || payload.search === '' ? null : searchFragment(payload.search),
    keyset,
  ]);
  const fieldValues = columns.length === 0 ? 'null' : `jsonb_build_object(${columns.map(({ definition }) => `${fieldKey(definition.stableId)}, d.values -> ${fieldKey(definition.stableId)}`).join(', ')})`;
  return {
    sql: `select d.id, d.number, d.state, d.test, d.usager_email, d.usager_first_name, d.usager_last_name, d.submitted_at, d.updated_at, d.decided_at,
              d.group_id, d.group_label, d.archived, d.correction_pending, ${select}, ${fieldValues} as field_values,
              (select coalesce(jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'color', l.color) order by l.name, l.id), '[]'::jsonb)
                 from "dossiers"."dossier_label" dl join "dossiers"."label" l on l.id = dl.label_id where dl.dossier_id = d.id) as labels,
              exists (select 1 from "dossiers"."dossier_follow" f where f.dossier_id = d.id and f.account_id = ?) as followed_by_me,
              d.follower_count
       from "dossiers"."dossier" d
       where ${where.sql}
       order by ${order}
       limit ?`,
    params: [accountId, ...where.params, payload.limit + 1],
    columns,
  };
}

/**
 * The counts of a scope, per procedure (or of one procedure): the kept totals of
 * `dashboard_tally` (a few rows per group, whatever the number of dossiers; brouillons are never
 * counted there) and the dossiers the agent follows that « suivis » shows (open, not archived, not
 * hidden), through their follows, each looked up in `dossier_followed_open_idx` alone. Those close to the end
 * of their procedure's retention come from `expiringCountsQuery`. Null: the agent has no group.
 * Pure, for the benchmark too.
 */
export function countsQuery(scope: AgentScope, accountId: string, procedureId?: string): Fragment | null {
  const dossiers = scopeFragment(scope);
  if (dossiers === null) return null;
  const groups = scope.kind === 'groups' ? ` and t.group_id in (${scope.groupIds.map(() => '?').join(', ')})` : '';
  const ofProcedure = (alias: string) => (procedureId === undefined ? '' : ` and ${alias}.procedure_id = ?`);
  const procedureParams = procedureId === undefined ? [] : [procedureId];
  return {
    sql: `select t.procedure_id, 'all' as kind, t.state, t.archived, t.unfollowed, t.hidden, sum(t.n)::int as n
          from "dossiers"."dashboard_tally" t
          where t.tenant_id = ?${ofProcedure('t')}${groups}
          group by 1, 3, 4, 5, 6 having sum(t.n) <> 0
          union all
          select d.procedure_id, 'mine', d.state, false, false, false, count(*)::int
          from "dossiers"."dossier_follow" f join "dossiers"."dossier" d on d.id = f.dossier_id
          where f.account_id = ? and ${dossiers.sql}${ofProcedure('d')} and ${open()} and not d.archived and ${shown}
          group by 1, 3`,
    params: [scope.tenantId, ...procedureParams, ...(scope.kind === 'groups' ? scope.groupIds : []), accountId, ...dossiers.params, ...procedureParams],
  };
}

/**
 * The `expiring` rows of `countsQuery` for procedures of the scope, given each one's retention
 * (`ProcedureRetentions.monthsOf`): per retention, the en construction dossiers and the decided
 * ones apart, each through its partial index on its date (dossier_expiring_*_idx), which carries
 * what the counts and the scope look at, so only the dossiers past the bound are read, from the
 * index alone. Null when there is nothing to count.
 */
export function expiringCountsQuery(scope: AgentScope, retentions: ReadonlyMap<string, number>): Fragment | null {
  const dossiers = scopeFragment(scope);
  if (dossiers === null || retentions.size === 0) return null;
  const byMonths = new Map<number, string[]>();
  for (const [procedureId, months] of retentions) byMonths.set(months, [...(byMonths.get(months) ?? []), procedureId]);
  const parts: Fragment[] = [];
  for (const [months, procedureIds] of byMonths) {
    const ofProcedures = procedureIds.length === 1 ? 'd.procedure_id = ?' : `d.procedure_id in (${procedureIds.map(() => '?').join(', ')})`;
    for (const [states, date] of expiringParts) {
      parts.push({
        sql: `select d.procedure_id, 'expiring' as kind, d.state, d.archived, d.follower_count = 0 as unfollowed, d.hidden_by_administration_at is not null as hidden, count(*)::int as n
              from "dossiers"."dossier" d
              where ${dossiers.sql} and ${ofProcedures} and ${states} and ${shown} and ${date} < ${expiringBefore(months)}
              group by 1, 3, 4, 5, 6`,
        params: [...dossiers.params, ...procedureIds],
      });
    }
  }
  return { sql: parts.map((part) => part.sql).join('\n union all\n'), params: parts.flatMap((part) => part.params) };
}

/** Both statements' rows in one (one round trip): `a union all b`. */
export function unionAll(a: Fragment, b: Fragment | null): Fragment {
  return b === null ? a : { sql: `${a.sql}\n union all\n${b.sql}`, params: [...a.params, ...b.params] };
}
