import { getJson, isObject, pick, textOrNull, withoutTrailingSlash } from './http-json';
import { found, notFound, unavailable, type HttpAdapterOptions, type LookupAdapter, type LookupResult } from './lookup.types';

/** One answer of the Base Adresse Nationale, in the shape of an `address` field's value. */
export interface AddressSuggestion {
  readonly label: string;
  readonly housenumber: string | null;
  readonly street: string | null;
  readonly postcode: string | null;
  readonly city: string | null;
  /** INSEE code of the commune. */
  readonly citycode: string | null;
  readonly departement: string | null;
  readonly region: string | null;
  /** WGS 84. */
  readonly lon: number | null;
  readonly lat: number | null;
}

export interface AddressSuggestions {
  readonly suggestions: readonly AddressSuggestion[];
}

export interface AdresseSettings {
  /** `https://api-adresse.data.gouv.fr` (or a local BAN). */
  readonly baseUrl: string;
  /** Suggestions per search, 1 to 20 (default 5). */
  readonly limit?: number;
  /** BAN gives the département; the région code comes from the official lists. */
  readonly regionOfDepartement?: (code: string) => string | undefined;
}

export const minAddressQueryLength = 3;

const departementPattern = /^(?:\d{2}|2A|2B|97\d)$/u;

/** BAN's `context` is `"80, Somme, Hauts-de-France"`: the département code comes first. */
function departementOf(properties: Record<string, unknown>): string | null {
  const context = textOrNull(properties['context']);
  const code = context?.split(',')[0]?.trim();
  if (code !== undefined && departementPattern.test(code)) return code;
  const citycode = textOrNull(properties['citycode']);
  if (citycode === null) return null;
  return citycode.startsWith('97') ? citycode.slice(0, 3) : citycode.slice(0, 2);
}

/** Maps BAN's GeoJSON FeatureCollection; null when the body is not one. */
export function toAddressSuggestions(body: unknown, regionOf?: (code: string) => string | undefined): AddressSuggestions | null {
  const features = pick(body, 'features');
  if (!Array.isArray(features)) return null;
  const suggestions: AddressSuggestion[] = [];
  for (const feature of features) {
    const properties = pick(feature, 'properties');
    if (!isObject(properties)) continue;
    const label = textOrNull(properties['label']);
    if (label === null) continue;
    const coordinates = pick(feature, 'geometry', 'coordinates');
    const [lon, lat] = Array.isArray(coordinates) ? coordinates : [];
    const departement = departementOf(properties);
    suggestions.push({
      label,
      housenumber: textOrNull(properties['housenumber']),
      street: textOrNull(properties['street']) ?? (properties['type'] === 'street' ? textOrNull(properties['name']) : null),
      postcode: textOrNull(properties['postcode']),
      city: textOrNull(properties['city']),
      citycode: textOrNull(properties['citycode']),
      departement,
      region: departement === null ? null : (regionOf?.(departement) ?? null),
      lon: typeof lon === 'number' ? lon : null,
      lat: typeof lat === 'number' ? lat : null,
    });
  }
  return { suggestions };
}

/** Address autocompletion: the Base Adresse Nationale's `GET /search/?q=…&limit=…`. */
export class AdresseAdapter implements LookupAdapter<AddressSuggestions> {
  readonly kind = 'adresse' as const;

  constructor(
    private readonly settings: AdresseSettings,
    private readonly options: HttpAdapterOptions = {},
  ) {}

  async lookup(text: string): Promise<LookupResult<AddressSuggestions>> {
    if (this.settings.baseUrl.trim() === '') return unavailable('not_configured');
    const q = text.trim();
    // BAN refuses (400) queries shorter than 3 characters: nothing to suggest yet.
    if (q.length < minAddressQueryLength) return notFound;
    const limit = Math.min(Math.max(this.settings.limit ?? 5, 1), 20);
    const query = new URLSearchParams({ q: q.slice(0, 200), limit: String(limit) });
    const answer = await getJson(`${withoutTrailingSlash(this.settings.baseUrl)}/search/?${query.toString()}`, {}, this.options);
    if (answer.kind === 'failed') return answer.result;
    if (answer.status === 400 || answer.status === 404) return notFound;
    if (answer.status !== 200) return unavailable('http_error', `HTTP ${answer.status}`);
    const result = toAddressSuggestions(answer.body, this.settings.regionOfDepartement);
    if (result === null) return unavailable('invalid_response', 'FeatureCollection attendue');
    return result.suggestions.length === 0 ? notFound : found(result);
  }
}
