import { GuichetError, type DashboardTab, type dossierInstructionContracts, type RequestOf } from '@guichet/contracts';
import type { AgentScope } from '@guichet/platform-access';

/**
 * The SQL of the instructeur's dashboard, as fragments with their bindings. Kept apart from the
 * queries so the conditions (scope, tabs, keyset) can be read and tested on their own.
 */
export interface Fragment {
  sql: string;
  params: unknown[];
}

const open = `d.state in ('en_construction', 'en_instruction')`;
const processed = `d.state in ('accepte', 'refuse', 'sans_suite')`;
const followedBySomeone = `exists (select 1 from "dossiers"."dossier_follow" f where f.dossier_id = d.id)`;
const followedBy = `exists (select 1 from "dossiers"."dossier_follow" f where f.dossier_id = d.id and f.account_id = ?)`;

/** The dossiers of a scope: never a brouillon on the dashboard, the system included. Null: none at all. */
export function scopeFragment(scope: AgentScope): Fragment | null {
  const base = { sql: `d.tenant_id = ? and d.state <> 'brouillon'`, params: [scope.tenantId] as unknown[] };
  if (scope.kind !== 'groups') return base;
  if (scope.groupIds.length === 0) return null;
  return { sql: `${base.sql} and d.group_id in (${scope.groupIds.map(() => '?').join(', ')})`, params: [...base.params, ...scope.groupIds] };
}

/** Which dossiers each tab holds (DS: « à suivre » is followed by no one, « suivis » by me, both still open). */
export function tabFragment(tab: DashboardTab, accountId: string): Fragment {
  switch (tab) {
    case 'a-suivre':
      return { sql: `${open} and not d.archived and not ${followedBySomeone}`, params: [] };
    case 'suivis':
      return { sql: `${open} and not d.archived and ${followedBy}`, params: [accountId] };
    case 'traites':
      return { sql: `${processed} and not d.archived`, params: [] };
    case 'tous':
      return { sql: `not d.archived`, params: [] };
    case 'archives':
      return { sql: `d.archived`, params: [] };
  }
}

/** Every tab's count in one pass over the scope's dossiers of a procedure. */
export function countsSelect(): Fragment {
  return {
    sql: `count(*) filter (where ${open} and not d.archived and fs.dossier_id is null)::int as "a-suivre",
          count(*) filter (where ${open} and not d.archived and fm.dossier_id is not null)::int as "suivis",
          count(*) filter (where ${processed} and not d.archived)::int as "traites",
          count(*) filter (where not d.archived)::int as "tous",
          count(*) filter (where d.archived)::int as "archives"`,
    params: [],
  };
}

/** The follow rows the counts join: anyone's (for « à suivre ») and the agent's (for « suivis »). */
export function countsJoins(tenantId: string, accountId: string): Fragment {
  return {
    sql: `left join (select distinct dossier_id from "dossiers"."dossier_follow" where tenant_id = ?) fs on fs.dossier_id = d.id
          left join "dossiers"."dossier_follow" fm on fm.dossier_id = d.id and fm.account_id = ?`,
    params: [tenantId, accountId],
  };
}

type Sort = RequestOf<typeof dossierInstructionContracts.dashboardPage>['sort'];

/**
 * An instant as the cursor carries it: UTC text to the microsecond (what PostgreSQL stores; a
 * JavaScript Date would lose the microseconds and the keyset would skip or repeat rows).
 */
const instantText = (expression: string) => `case when ${expression} = '-infinity' then '-infinity' else to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const parseInstant = (value: unknown): unknown => (value === '-infinity' || (typeof value === 'string' && instantPattern.test(value) && !Number.isNaN(Date.parse(value))) ? value : undefined);
const parseInteger = (value: unknown): unknown => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

/** Each sortable column as a non-null SQL expression, its value as the cursor carries it, and how that is read back. */
const sortExpressions: Record<Sort['column'], { sql: string; cursor: string; parse: (value: unknown) => unknown }> = {
  number: { sql: 'd.number', cursor: 'd.number', parse: parseInteger },
  submittedAt: { sql: `coalesce(d.submitted_at, '-infinity'::timestamptz)`, cursor: instantText(`coalesce(d.submitted_at, '-infinity'::timestamptz)`), parse: parseInstant },
  updatedAt: { sql: 'd.updated_at', cursor: instantText('d.updated_at'), parse: parseInstant },
  decidedAt: { sql: `coalesce(d.decided_at, '-infinity'::timestamptz)`, cursor: instantText(`coalesce(d.decided_at, '-infinity'::timestamptz)`), parse: parseInstant },
  state: {
    sql: `array_position(array['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite']::text[], d.state)`,
    cursor: `array_position(array['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite']::text[], d.state)`,
    parse: parseInteger,
  },
};

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

export function decodeCursor(after: string, sort: Sort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof parsed !== 'object' || parsed === null) throw badCursor();
  const { c, d, v, n } = parsed as Partial<Cursor>;
  if (c !== sort.column || d !== sort.direction || typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw badCursor();
  const value = sortExpressions[sort.column].parse(v);
  if (value === undefined) throw badCursor();
  return { c, d, v: value, n };
}

/** ORDER BY and the keyset condition after a cursor: (sort value, number) in the sort's direction. */
export function orderFragment(sort: Sort, after: Cursor | undefined): { order: string; keyset: Fragment | null; select: string } {
  const { sql: expression, cursor } = sortExpressions[sort.column];
  const direction = sort.direction === 'asc' ? 'asc' : 'desc';
  const comparison = direction === 'asc' ? '>' : '<';
  const order = sort.column === 'number' ? `d.number ${direction}` : `${expression} ${direction}, d.number ${direction}`;
  const keyset =
    after === undefined
      ? null
      : sort.column === 'number'
        ? { sql: `d.number ${comparison} ?`, params: [after.n] }
        : { sql: `(${expression}, d.number) ${comparison} (${sort.column === 'state' ? '?::int' : '?::timestamptz'}, ?)`, params: [after.v, after.n] };
  return { order, keyset, select: `${cursor} as sort_value` };
}
