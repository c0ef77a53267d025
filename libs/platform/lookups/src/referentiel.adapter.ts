import { getJson, isObject } from './http-json';
import { found, notFound, unavailable, type HttpAdapterOptions, type LookupAdapter, type LookupResult } from './lookup.types';

/** An administrateur's HTTP register: where to ask, how to authenticate, what to keep of the answer. */
export interface ReferentielDefinition {
  /** `https://example.gouv.fr/api/etablissements/{id}`: `{id}` is replaced by the value typed. */
  readonly urlTemplate: string;
  readonly headerName?: string | null;
  readonly headerValue?: string | null;
  /** Properties of the JSON answer to keep, dotted for nested ones (`adresse.commune`). */
  readonly properties: readonly string[];
}

export const referentielPlaceholder = '{id}';

export type ReferentielData = Record<string, unknown>;

/** The value at a dotted path, `undefined` when absent. */
function valueAt(body: unknown, path: string): unknown {
  let current = body;
  for (const key of path.split('.')) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The kept properties of an answer, by their path; those the answer lacks are left out. */
export function keepProperties(body: unknown, properties: readonly string[]): ReferentielData {
  const kept: ReferentielData = {};
  for (const path of properties) {
    const value = valueAt(body, path);
    if (value !== undefined) kept[path] = value;
  }
  return kept;
}

/** A generic lookup: GET the template with the value, 404 (or an empty answer) means unknown. */
export class ReferentielAdapter implements LookupAdapter<ReferentielData> {
  readonly kind = 'referentiel' as const;

  constructor(
    private readonly definition: ReferentielDefinition,
    private readonly options: HttpAdapterOptions = {},
  ) {}

  async lookup(id: string): Promise<LookupResult<ReferentielData>> {
    const template = this.definition.urlTemplate;
    if (!template.includes(referentielPlaceholder)) return unavailable('not_configured');
    if (id.trim() === '') return notFound;
    const url = template.split(referentielPlaceholder).join(encodeURIComponent(id.trim()));
    const { headerName, headerValue } = this.definition;
    const headers = headerName !== undefined && headerName !== null && headerName !== '' ? { [headerName]: headerValue ?? '' } : {};
    const answer = await getJson(url, headers, this.options);
    if (answer.kind === 'failed') return answer.result;
    if (answer.status === 404) return notFound;
    if (answer.status !== 200) return unavailable('http_error', `HTTP ${answer.status}`);
    const body = answer.body;
    if (body === null || (Array.isArray(body) && body.length === 0)) return notFound;
    // A list answer (a search endpoint) is read as its first item.
    const item = Array.isArray(body) ? body[0] : body;
    if (!isObject(item)) return unavailable('invalid_response', 'objet JSON attendu');
    return found(keepProperties(item, this.definition.properties));
  }
}
