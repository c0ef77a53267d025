import { apiEntrepriseConfigured, apiEntrepriseUrl, bearer, isoDateOf, type ApiEntrepriseSettings } from './api-entreprise';
import type { PostalAddress } from './entreprise.adapter';
import { getJson, isObject, pick, textOrNull } from './http-json';
import { found, notFound, unavailable, type HttpAdapterOptions, type LookupAdapter, type LookupCallOptions, type LookupResult } from './lookup.types';

/** An association from the RNA (répertoire national des associations), as API Entreprise serves it. */
export interface Association {
  readonly rna: string;
  readonly siren: string | null;
  readonly titre: string | null;
  readonly objet: string | null;
  readonly adresse: PostalAddress | null;
  /** ISO date. */
  readonly dateCreation: string | null;
  readonly dateDissolution: string | null;
  /** `active` or `dissoute` (null when the register does not say). */
  readonly etat: 'active' | 'dissoute' | null;
}

function siegeOf(value: unknown): PostalAddress | null {
  if (!isObject(value)) return null;
  const street = [value['numero_voie'], value['type_voie'], value['libelle_voie']].map(textOrNull).filter((part) => part !== null).join(' ');
  const postalCode = textOrNull(value['code_postal']);
  const city = textOrNull(value['commune']);
  const label = [textOrNull(value['complement']), street, [postalCode, city].filter((part) => part !== null).join(' ')].filter((part) => part !== null && part !== '').join(' ');
  return { label, streetAddress: street === '' ? null : street, postalCode, city, cityCode: textOrNull(value['code_insee']) };
}

/** Maps `GET /v4/djepva/api-association/associations/{rna}`'s `data`; null when it is not an association. */
export function toAssociation(body: unknown): Association | null {
  const data = pick(body, 'data');
  if (!isObject(data)) return null;
  const rna = textOrNull(data['rna']);
  if (rna === null) return null;
  const active = data['active'];
  return {
    rna,
    siren: textOrNull(data['siren']),
    titre: textOrNull(data['nom']),
    objet: textOrNull(pick(data, 'activites', 'objet')),
    adresse: siegeOf(data['adresse_siege']),
    dateCreation: isoDateOf(data['date_creation']),
    dateDissolution: isoDateOf(data['date_dissolution']),
    etat: active === true ? 'active' : active === false ? 'dissoute' : null,
  };
}

/** Association data for an RNA number: API Entreprise v4, « Données association » (DJEPVA). */
export class AssociationAdapter implements LookupAdapter<Association> {
  readonly kind = 'association' as const;

  constructor(
    private readonly settings: ApiEntrepriseSettings,
    private readonly options: HttpAdapterOptions = {},
  ) {}

  async lookup(rna: string, call: LookupCallOptions = {}): Promise<LookupResult<Association>> {
    if (!apiEntrepriseConfigured(this.settings)) return unavailable('not_configured');
    if (!/^W\d{9}$/u.test(rna)) return notFound;
    const url = apiEntrepriseUrl(this.settings, `/v4/djepva/api-association/associations/${rna}`, call.purpose, 'Vérification d’un numéro RNA saisi dans un dossier');
    const answer = await getJson(url, bearer(this.settings), this.options);
    if (answer.kind === 'failed') return answer.result;
    if (answer.status === 404 || answer.status === 422) return notFound;
    if (answer.status !== 200) return unavailable('http_error', `HTTP ${answer.status}`);
    const association = toAssociation(answer.body);
    return association === null ? unavailable('invalid_response', 'association attendue') : found(association);
  }
}
