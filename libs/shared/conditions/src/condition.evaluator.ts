import { type ComparisonCondition, type Condition, type ConditionValue, communeCodePattern, conditionSchema, departementCodePattern, isIsoDate } from './condition.model';

/**
 * A location as the evaluator understands it: a commune, département or EPCI (`code`), or an
 * address (`cityCode`, the commune's INSEE code). `departement`/`region` are used when present.
 */
export interface LocationValue {
  readonly code?: string;
  readonly cityCode?: string;
  readonly departement?: string;
  readonly region?: string;
}

/**
 * The dossier value shapes conditions understand: text, numbers, booleans, the chosen options of a
 * multiple choice, INSEE codes (as plain strings) and location objects. Anything else counts as a
 * value of the wrong type.
 */
export type FieldValue = string | number | boolean | readonly string[] | LocationValue;

/**
 * Reads a field's current value by stable id. Typed `unknown` so any value store fits; values of an
 * unexpected shape simply never match (except `not_empty`/`not_eq`, they are not empty).
 */
export type ValueLookup = (stableId: string) => unknown;

/** Official geography, supplied by the caller (the forms library holds the data). */
export interface GeoResolver {
  departementOfCommune(communeCode: string): string | undefined;
  regionOfDepartement(departementCode: string): string | undefined;
}

/** null, undefined, NaN, blank text, an empty list and an empty object count as missing. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+(?:[.,]\d+)?\s*$/u.test(value)) return Number(value.trim().replace(',', '.'));
  return undefined;
}

function isLocation(value: unknown): value is LocationValue {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** -1, 0, 1, or undefined when the two cannot be ordered (wrong type, unparsable). */
function compare(actual: unknown, expected: ConditionValue): number | undefined {
  if (typeof expected === 'number') {
    const number = asNumber(actual);
    return number === undefined ? undefined : Math.sign(number - expected);
  }
  if (!isIsoDate(expected) || !isIsoDate(actual)) return undefined;
  // A date against a date-time compares calendar days; two date-times compare instants.
  if (expected.length === 10 || actual.length === 10) {
    const [a, b] = [actual.slice(0, 10), expected.slice(0, 10)];
    return a === b ? 0 : a < b ? -1 : 1;
  }
  return Math.sign(Date.parse(actual) - Date.parse(expected));
}

function equals(actual: unknown, expected: ConditionValue): boolean {
  if (Array.isArray(expected)) {
    // Same options chosen, in any order.
    return isStringArray(actual) && actual.length === expected.length && expected.every((item) => actual.includes(item));
  }
  if (typeof expected === 'boolean') return actual === expected;
  if (typeof expected === 'number') return asNumber(actual) === expected;
  if (typeof actual === 'number') return asNumber(expected) === actual;
  if (typeof actual === 'string') return actual.trim() === expected.trim();
  // A location field equals the INSEE code of its commune/département/EPCI.
  if (isLocation(actual)) return (actual.code ?? actual.cityCode) === expected;
  return false;
}

function departementOf(value: unknown, geo: GeoResolver | undefined): string | undefined {
  const fromCommune = (code: string): string | undefined => {
    const resolved = geo?.departementOfCommune(code);
    if (resolved !== undefined) return resolved;
    // INSEE commune codes start with their département's code (three characters overseas).
    return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
  };
  const fromCode = (code: string): string | undefined => {
    if (departementCodePattern.test(code)) return code;
    if (communeCodePattern.test(code)) return fromCommune(code);
    return undefined;
  };
  if (typeof value === 'string') return fromCode(value.trim().toUpperCase());
  if (!isLocation(value)) return undefined;
  if (typeof value.departement === 'string') return value.departement;
  const code = value.cityCode ?? value.code;
  return typeof code === 'string' ? fromCode(code.trim().toUpperCase()) : undefined;
}

function regionOf(value: unknown, geo: GeoResolver | undefined): string | undefined {
  if (isLocation(value) && typeof value.region === 'string') return value.region;
  const departement = departementOf(value, geo);
  return departement === undefined ? undefined : geo?.regionOfDepartement(departement);
}

function evaluateComparison(comparison: ComparisonCondition, actual: unknown, geo: GeoResolver | undefined): boolean {
  const missing = isEmptyValue(actual);
  if (comparison.operator === 'empty') return missing;
  if (comparison.operator === 'not_empty') return !missing;
  // An unanswered field is neither equal to, nor different from, nor in anything.
  if (missing) return false;
  const expected = comparison.value;
  if (expected === undefined) return false;
  const ordered = (accept: (sign: number) => boolean): boolean => {
    const sign = compare(actual, expected);
    return sign !== undefined && accept(sign);
  };
  const chosen = (): readonly string[] | undefined => (isStringArray(actual) ? actual : typeof actual === 'string' ? [actual] : undefined);
  switch (comparison.operator) {
    case 'eq':
      return equals(actual, expected);
    case 'not_eq':
      return !equals(actual, expected);
    case 'lt':
      return ordered((sign) => sign < 0);
    case 'lte':
      return ordered((sign) => sign <= 0);
    case 'gt':
      return ordered((sign) => sign > 0);
    case 'gte':
      return ordered((sign) => sign >= 0);
    case 'include':
      return chosen()?.includes(String(expected)) ?? false;
    case 'exclude': {
      const options = chosen();
      return options !== undefined && !options.includes(String(expected));
    }
    case 'in_departement':
    case 'not_in_departement': {
      const departement = departementOf(actual, geo);
      if (departement === undefined) return false;
      return (departement === expected) === (comparison.operator === 'in_departement');
    }
    case 'in_region':
    case 'not_in_region': {
      const region = regionOf(actual, geo);
      if (region === undefined) return false;
      return (region === expected) === (comparison.operator === 'in_region');
    }
  }
}

/**
 * Whether a condition holds for the values `lookup` reads. Missing values (see `isEmptyValue`) make
 * every comparison false except `empty`; `not_eq` too is false on a missing value (use
 * `or(empty, not_eq)` to include unanswered fields). An empty `and` holds, an empty `or` does not.
 */
export function evaluateCondition(condition: Condition, lookup: ValueLookup, geo?: GeoResolver): boolean {
  switch (condition.kind) {
    case 'constant':
      return condition.value;
    case 'and':
      return condition.conditions.every((child) => evaluateCondition(child, lookup, geo));
    case 'or':
      return condition.conditions.some((child) => evaluateCondition(child, lookup, geo));
    case 'comparison':
      return evaluateComparison(condition, lookup(condition.field), geo);
  }
}

function isGeoResolver(value: unknown): value is GeoResolver {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Record<keyof GeoResolver, unknown>>;
  return typeof candidate.departementOfCommune === 'function' && typeof candidate.regionOfDepartement === 'function';
}

/** Parsed conditions by stored object, so a form evaluated for many dossiers parses each once. */
const parsedConditions = new WeakMap<object, Condition>();

/**
 * `evaluateCondition` for a condition read from storage (typed `unknown`), e.g. the injectable
 * `ConditionEvaluator` of `@guichet/forms`. Throws on a malformed condition: stored conditions were
 * checked when the revision was saved, so that is a bug, not user input.
 */
export function evaluateStoredCondition(condition: unknown, lookup: ValueLookup, geo?: unknown): boolean {
  let parsed = condition !== null && typeof condition === 'object' ? parsedConditions.get(condition) : undefined;
  if (parsed === undefined) {
    const result = conditionSchema.safeParse(condition);
    if (!result.success) throw new Error(`evaluateStoredCondition: malformed condition (${result.error.issues[0]?.message ?? 'invalid'})`);
    parsed = result.data;
    if (condition !== null && typeof condition === 'object') parsedConditions.set(condition, parsed);
  }
  return evaluateCondition(parsed, lookup, isGeoResolver(geo) ? geo : undefined);
}

export interface VisibilityField {
  readonly stableId: string;
  readonly condition?: Condition | null;
  /** Fields of a repetition block: hidden with their block. */
  readonly children?: readonly VisibilityField[];
}

/**
 * The stable ids of the visible fields, in form order. A hidden field reads as empty for the
 * conditions after it, so hiding cascades. Children of a visible block are decided with the same
 * lookup; for per-row visibility call it again on `block.children` with a lookup scoped to the row.
 */
export function visibleFields(fields: readonly VisibilityField[], lookup: ValueLookup, geo?: GeoResolver): Set<string> {
  const visible = new Set<string>();
  const hidden = new Set<string>();
  const effective: ValueLookup = (stableId) => (hidden.has(stableId) ? undefined : lookup(stableId));
  const hideAll = (list: readonly VisibilityField[]): void => {
    for (const field of list) {
      hidden.add(field.stableId);
      hideAll(field.children ?? []);
    }
  };
  const walk = (list: readonly VisibilityField[]): void => {
    for (const field of list) {
      const shown = field.condition === undefined || field.condition === null || evaluateCondition(field.condition, effective, geo);
      if (shown) {
        visible.add(field.stableId);
        walk(field.children ?? []);
      } else {
        hidden.add(field.stableId);
        hideAll(field.children ?? []);
      }
    }
  };
  walk(fields);
  return visible;
}
