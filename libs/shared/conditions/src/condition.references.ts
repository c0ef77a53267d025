import { type Condition, type ConditionValue, type Operator, communeCodePattern, departementCodePattern, isIsoDate, operatorValueProblem, referencedFields, regionCodePattern } from './condition.model';

const presence: readonly Operator[] = ['empty', 'not_empty'];
const equality: readonly Operator[] = ['eq', 'not_eq', ...presence];
const ordering: readonly Operator[] = ['eq', 'not_eq', 'lt', 'lte', 'gt', 'gte', ...presence];
const geography: readonly Operator[] = ['in_departement', 'not_in_departement', 'in_region', 'not_in_region'];

const operatorsByType: Readonly<Record<string, readonly Operator[]>> = {
  // Structure: no value to test.
  header_section: [],
  explication: [],
  repetition: [],
  // Values compared as text or as one chosen option.
  text: equality,
  textarea: equality,
  email: equality,
  phone: equality,
  formatted: equality,
  siret: equality,
  rna: equality,
  rnf: equality,
  iban: equality,
  civilite: equality,
  drop_down_list: equality,
  pays: equality,
  regions: equality,
  dossier_link: equality,
  annuaire_education: equality,
  checkbox: equality,
  yes_no: equality,
  integer_number: ordering,
  decimal_number: ordering,
  date: ordering,
  datetime: ordering,
  multiple_drop_down_list: ['include', 'exclude', ...presence],
  communes: ['eq', 'not_eq', ...geography, ...presence],
  departements: ['eq', 'not_eq', ...geography, ...presence],
  epci: ['eq', 'not_eq', ...geography, ...presence],
  // Free text plus parts: only where it is, not what it says.
  address: [...geography, ...presence],
  // Structured or file values: only whether they are filled.
  carte: presence,
  linked_drop_down_list: presence,
  piece_justificative: presence,
  titre_identite: presence,
  cnaf: presence,
  dgfip: presence,
  pole_emploi: presence,
  mesri: presence,
  referentiel: presence,
};

/** The operators a condition may apply to a field of this type (none for unknown types). */
export function operatorsForFieldType(type: string): readonly Operator[] {
  return Object.hasOwn(operatorsByType, type) ? (operatorsByType[type] ?? []) : [];
}

export interface ConditionReferenceField {
  readonly stableId: string;
  readonly type: string;
  readonly label: string;
  /** False when the field may not be tested by conditions (e.g. a private annotation). Default true. */
  readonly conditionField?: boolean;
  /** Options of a choice field: values compared with them must be one of them. */
  readonly choices?: readonly string[];
  /** Set on the children of a repetition: only fields of the same block may test them. */
  readonly parentStableId?: string;
}

export type ConditionProblemCode =
  | 'CONDITION_REFERS_TO_LATER_FIELD'
  | 'CONDITION_REFERS_TO_MISSING_FIELD'
  | 'CONDITION_CYCLE'
  | 'CONDITION_OPERATOR_NOT_ALLOWED'
  | 'CONDITION_VALUE_INVALID';

export interface ConditionProblem {
  /** The field (or rule owner) whose condition has the problem. */
  readonly fieldStableId: string;
  /** Dotted path inside the condition (`conditions.1.value`); empty for the whole condition. */
  readonly path: string;
  readonly code: ConditionProblemCode;
  readonly message: string;
}

const countryCodePattern = /^[A-Z]{2}$/u;
const epciCodePattern = /^\d{9}$/u;

/** Why a value cannot be compared with a field of this type (French), or undefined. */
function valueProblemForType(field: ConditionReferenceField, operator: Operator, value: ConditionValue | undefined): string | undefined {
  if (value === undefined || operator === 'empty' || operator === 'not_empty') return undefined;
  if (operator.includes('departement') || operator.includes('region')) return undefined;
  const choice = (): string | undefined => {
    if (typeof value !== 'string') return 'Un des choix du champ est attendu.';
    if (field.choices !== undefined && !field.choices.includes(value)) return `« ${value} » n’est pas un des choix du champ « ${field.label} ».`;
    return undefined;
  };
  const code = (pattern: RegExp, example: string): string | undefined =>
    typeof value === 'string' && pattern.test(value) ? undefined : `Un code officiel est attendu (exemple : ${example}).`;
  switch (field.type) {
    case 'integer_number':
    case 'decimal_number':
      if (typeof value !== 'number') return 'Un nombre est attendu.';
      return field.type === 'integer_number' && !Number.isInteger(value) ? 'Un nombre entier est attendu.' : undefined;
    case 'date':
    case 'datetime':
      return isIsoDate(value) ? undefined : 'Une date (AAAA-MM-JJ) est attendue.';
    case 'checkbox':
    case 'yes_no':
      return typeof value === 'boolean' ? undefined : 'Oui ou non est attendu.';
    case 'drop_down_list':
    case 'multiple_drop_down_list':
    case 'civilite':
      return choice();
    case 'communes':
      return code(communeCodePattern, '75056');
    case 'departements':
      return code(departementCodePattern, '75');
    case 'regions':
      return code(regionCodePattern, '11');
    case 'epci':
      return code(epciCodePattern, '200054781');
    case 'pays':
      return code(countryCodePattern, 'FR');
    default:
      return typeof value === 'string' ? undefined : 'Un texte est attendu.';
  }
}

const operatorLabels: Record<Operator, string> = {
  eq: 'est égal à',
  not_eq: 'est différent de',
  lt: 'est inférieur à',
  lte: 'est inférieur ou égal à',
  gt: 'est supérieur à',
  gte: 'est supérieur ou égal à',
  include: 'contient',
  exclude: 'ne contient pas',
  in_departement: 'est dans le département',
  not_in_departement: 'n’est pas dans le département',
  in_region: 'est dans la région',
  not_in_region: 'n’est pas dans la région',
  empty: 'est vide',
  not_empty: 'est rempli',
};

export function operatorLabel(operator: Operator): string {
  return operatorLabels[operator];
}

/**
 * Checks the conditions of a form's fields against the fields (in form order): each comparison must
 * test an existing, EARLIER field that conditions may test, with an operator its type allows and a
 * value that suits both. Cycles are reported too (they imply a later reference, but saying so helps).
 */
export function validateConditionReferences(
  fields: readonly ConditionReferenceField[],
  conditionsByField: ReadonlyMap<string, Condition>,
): ConditionProblem[] {
  const position = new Map<string, number>();
  fields.forEach((field, index) => {
    if (!position.has(field.stableId)) position.set(field.stableId, index);
  });
  const problems: ConditionProblem[] = [];
  for (const [ownerId, condition] of conditionsByField) {
    const ownerIndex = position.get(ownerId);
    const owner = ownerIndex === undefined ? undefined : fields[ownerIndex];
    const visit = (node: Condition, path: string): void => {
      const at = (suffix: string): string => (path === '' ? suffix : suffix === '' ? path : `${path}.${suffix}`);
      if (node.kind === 'constant') return;
      if (node.kind !== 'comparison') {
        node.conditions.forEach((child, index) => visit(child, at(`conditions.${index}`)));
        return;
      }
      const report = (code: ConditionProblemCode, message: string, suffix = ''): void => {
        problems.push({ fieldStableId: ownerId, path: at(suffix), code, message });
      };
      const targetIndex = position.get(node.field);
      const target = targetIndex === undefined ? undefined : fields[targetIndex];
      if (targetIndex === undefined || target === undefined) {
        report('CONDITION_REFERS_TO_MISSING_FIELD', 'La condition porte sur un champ qui n’existe pas (ou plus) dans ce formulaire.', 'field');
        return;
      }
      if (target.conditionField === false) {
        report('CONDITION_REFERS_TO_MISSING_FIELD', `Le champ « ${target.label} » ne peut pas servir dans une condition.`, 'field');
        return;
      }
      if (target.parentStableId !== undefined && target.parentStableId !== owner?.parentStableId) {
        report('CONDITION_REFERS_TO_MISSING_FIELD', `Le champ « ${target.label} » est dans un bloc répétable : seuls les champs du même bloc peuvent en dépendre.`, 'field');
        return;
      }
      if (ownerIndex !== undefined && targetIndex >= ownerIndex) {
        report('CONDITION_REFERS_TO_LATER_FIELD', `La condition ne peut porter que sur un champ placé avant ; « ${target.label} » est placé après.`, 'field');
        return;
      }
      if (!operatorsForFieldType(target.type).includes(node.operator)) {
        const allowed = operatorsForFieldType(target.type).map(operatorLabel);
        const hint = allowed.length === 0 ? 'ce type de champ ne peut pas servir dans une condition' : `opérateurs possibles : ${allowed.join(', ')}`;
        report('CONDITION_OPERATOR_NOT_ALLOWED', `L’opérateur « ${operatorLabel(node.operator)} » ne s’applique pas au champ « ${target.label} » (${hint}).`, 'operator');
        return;
      }
      const problem = operatorValueProblem(node.operator, node.value) ?? valueProblemForType(target, node.operator, node.value);
      if (problem !== undefined) report('CONDITION_VALUE_INVALID', `Champ « ${target.label} » : ${problem}`, 'value');
    };
    visit(condition, '');
  }
  for (const cycle of findConditionCycles(conditionsByField)) {
    const labels = cycle.map((id) => `« ${fields[position.get(id) ?? -1]?.label ?? id} »`);
    for (const id of cycle) {
      problems.push({ fieldStableId: id, path: '', code: 'CONDITION_CYCLE', message: `Ces conditions dépendent les unes des autres en boucle : ${labels.join(' → ')}.` });
    }
  }
  return problems;
}

/**
 * Groups of ids whose conditions depend on one another in a loop (strongly connected components of
 * the "condition of A reads B" graph, including A reading itself), each in order of first appearance.
 * Iterative Tarjan, so thousands of rules cannot overflow the stack.
 */
export function findConditionCycles(conditionsByField: ReadonlyMap<string, Condition>): string[][] {
  const edges = new Map<string, string[]>();
  for (const [owner, condition] of conditionsByField) edges.set(owner, referencedFields(condition));
  const order = new Map<string, number>();
  [...conditionsByField.keys()].forEach((id, index) => order.set(id, index));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of conditionsByField.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter);
    counter += 1;
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame === undefined) break;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next] ?? '';
        frame.next += 1;
        if (!edges.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = component.length === 1 && targets.includes(frame.node);
      if (component.length > 1 || selfLoop) cycles.push(component.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
    }
  }
  return cycles.sort((a, b) => (order.get(a[0] ?? '') ?? 0) - (order.get(b[0] ?? '') ?? 0));
}
