import { z } from 'zod';

export const operators = [
  'eq',
  'not_eq',
  'lt',
  'lte',
  'gt',
  'gte',
  'include',
  'exclude',
  'in_departement',
  'not_in_departement',
  'in_region',
  'not_in_region',
  'empty',
  'not_empty',
] as const;
export type Operator = (typeof operators)[number];

export type ConditionValue = string | number | boolean | string[];

export type Condition =
  | { kind: 'and' | 'or'; conditions: Condition[] }
  | { kind: 'comparison'; field: string; operator: Operator; value?: ConditionValue }
  | { kind: 'constant'; value: boolean };

export type ComparisonCondition = Extract<Condition, { kind: 'comparison' }>;

/** INSEE département code: 01–95 except 20 (Corsica is 2A and 2B), 971–976. */
export const departementCodePattern = /^(?:0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/u;
/** INSEE region code (two digits, e.g. 11 Île-de-France, 01 Guadeloupe). */
export const regionCodePattern = /^\d{2}$/u;
/** INSEE commune code: département (2 digits, 2A/2B, 97x overseas) + commune number. */
export const communeCodePattern = /^(?:\d{2}|2A|2B)\d{3}$/u;
/** A calendar date or a date-time, ISO 8601 (the shapes dossier values are stored in). */
export const isoDatePattern = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/u;

/** An ISO date (or date-time) naming a real calendar day: 2024-02-30 is refused. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !isoDatePattern.test(value) || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0));
  return calendar.getUTCMonth() === (month ?? 1) - 1 && calendar.getUTCDate() === day;
}

/** Operators that take no value: they only look at whether the field is filled. */
export const valuelessOperators: ReadonlySet<Operator> = new Set<Operator>(['empty', 'not_empty']);
export const orderingOperators: ReadonlySet<Operator> = new Set<Operator>(['lt', 'lte', 'gt', 'gte']);

/**
 * Why a value does not suit an operator (French), or undefined when it does. Shared by the schema and
 * the reference check so both refuse the same values.
 */
export function operatorValueProblem(operator: Operator, value: ConditionValue | undefined): string | undefined {
  if (valuelessOperators.has(operator)) return value === undefined ? undefined : 'Cet opérateur ne prend pas de valeur.';
  if (value === undefined) return 'Une valeur est attendue pour cet opérateur.';
  switch (operator) {
    case 'eq':
    case 'not_eq':
      if (typeof value === 'number' && !Number.isFinite(value)) return 'Le nombre est invalide.';
      return undefined;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (typeof value === 'number' && Number.isFinite(value)) return undefined;
      return isIsoDate(value) ? undefined : 'Un nombre ou une date (AAAA-MM-JJ) est attendu.';
    case 'include':
    case 'exclude':
      return typeof value === 'string' && value.trim() !== '' ? undefined : 'Un choix (texte) est attendu.';
    case 'in_departement':
    case 'not_in_departement':
      return typeof value === 'string' && departementCodePattern.test(value) ? undefined : 'Un code de département est attendu (exemple : 75, 2A, 971).';
    case 'in_region':
    case 'not_in_region':
      return typeof value === 'string' && regionCodePattern.test(value) ? undefined : 'Un code de région INSEE est attendu (exemple : 11).';
    default:
      return undefined;
  }
}

/** Limits keep a hostile payload from exhausting the stack or the CPU of the evaluator. */
export const maxConditionDepth = 10;
export const maxConditionNodes = 500;

const conditionValueSchema = z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(1000)).max(500)]);

const comparisonSchema = z
  .object({
    kind: z.literal('comparison'),
    field: z.string().min(1).max(200),
    operator: z.enum(operators),
    value: conditionValueSchema.optional(),
  })
  .strict()
  .superRefine((comparison, ctx) => {
    const problem = operatorValueProblem(comparison.operator, comparison.value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

const treeSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ kind: z.enum(['and', 'or']), conditions: z.array(treeSchema).max(maxConditionNodes) }).strict(),
    comparisonSchema,
    z.object({ kind: z.literal('constant'), value: z.boolean() }).strict(),
  ]),
);

/** Depth and size measured iteratively, before the recursive schema walks the tree. */
function measure(input: unknown): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: [unknown, number][] = [[input, 1]];
  while (stack.length > 0 && nodes <= maxConditionNodes && depth <= maxConditionDepth) {
    const [node, level] = stack.pop() ?? [undefined, 0];
    nodes += 1;
    depth = Math.max(depth, level);
    if (node !== null && typeof node === 'object' && 'conditions' in node && Array.isArray(node.conditions)) {
      for (const child of node.conditions as unknown[]) stack.push([child, level + 1]);
    }
  }
  return { depth, nodes };
}

/**
 * A condition as stored on a field, an ineligibility rule or a routing rule. Values are checked per
 * operator (no value for empty/not_empty, a choice for include/exclude, a number or ISO date for
 * lt…gte, INSEE codes for département/région operators).
 */
export const conditionSchema = z
  .unknown()
  .superRefine((input, ctx) => {
    const { depth, nodes } = measure(input);
    if (depth > maxConditionDepth) ctx.addIssue({ code: 'custom', message: `La condition est trop imbriquée (${maxConditionDepth} niveaux au plus).`, abort: true });
    else if (nodes > maxConditionNodes) ctx.addIssue({ code: 'custom', message: `La condition est trop longue (${maxConditionNodes} éléments au plus).`, abort: true });
  })
  .pipe(treeSchema);

/** Every stable id a condition reads, once each, in order of first appearance. */
export function referencedFields(condition: Condition): string[] {
  const seen = new Set<string>();
  const visit = (node: Condition): void => {
    if (node.kind === 'comparison') seen.add(node.field);
    else if (node.kind !== 'constant') node.conditions.forEach(visit);
  };
  visit(condition);
  return [...seen];
}
