import { apiEntrepriseConfigured, apiEntrepriseUrl, bearer, isoDateOf, type ApiEntrepriseSettings } from './api-entreprise';
import { getJson, isObject, pick, textOrNull } from './http-json';
import { found, notFound, unavailable, type HttpAdapterOptions, type LookupAdapter, type LookupCallOptions, type LookupResult } from './lookup.types';

export interface PostalAddress {
  /** One line, as it would be written on an envelope (`2 PLACE AUX ETOILES 93210 SAINT-DENIS`). */
  readonly label: string;
  readonly streetAddress: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  /** INSEE code of the commune. */
  readonly cityCode: string | null;
}

export interface CodeAndLabel {
  readonly code: string | null;
  readonly libelle: string | null;
}

/** An establishment from the Sirene register (INSEE), as API Entreprise serves it. */
export interface Etablissement {
  readonly siret: string;
  readonly siren: string | null;
  /** Name of the legal unit (or `first name last name` of a sole trader). */
  readonly raisonSociale: string | null;
  readonly enseigne: string | null;
  readonly siegeSocial: boolean | null;
  readonly adresse: PostalAddress | null;
  readonly naf: CodeAndLabel | null;
  readonly formeJuridique: CodeAndLabel | null;
  /** `A` (active) or `F` (closed). */
  readonly etatAdministratif: string | null;
  /** ISO date. */
  readonly dateCreation: string | null;
  readonly dateFermeture: string | null;
}

const codeAndLabel = (value: unknown): CodeAndLabel | null => {
  if (!isObject(value)) return null;
  const result = { code: textOrNull(value['code']), libelle: textOrNull(value['libelle']) };
  return result.code === null && result.libelle === null ? null : result;
};

function addressOf(value: unknown): PostalAddress | null {
  if (!isObject(value)) return null;
  const street = [value['numero_voie'], value['indice_repetition_voie'], value['type_voie'], value['libelle_voie']].map(textOrNull).filter((part) => part !== null).join(' ');
  const postalCode = textOrNull(value['code_postal']);
  const city = textOrNull(value['libelle_commune']) ?? textOrNull(value['libelle_commune_etranger']);
  const complement = textOrNull(value['complement_adresse']);
  const label = [complement, street, [postalCode, city].filter((part) => part !== null).join(' ')].filter((part) => part !== null && part !== '').join(' ');
  return { label, streetAddress: street === '' ? null : street, postalCode, city, cityCode: textOrNull(value['code_commune']) };
}

function raisonSocialeOf(uniteLegale: unknown): string | null {
  const morale = textOrNull(pick(uniteLegale, 'personne_morale_attributs', 'raison_sociale'));
  if (morale !== null) return morale;
  const first = textOrNull(pick(uniteLegale, 'personne_physique_attributs', 'prenom_usuel')) ?? textOrNull(pick(uniteLegale, 'personne_physique_attributs', 'prenom_1'));
  const last = textOrNull(pick(uniteLegale, 'personne_physique_attributs', 'nom_usage')) ?? textOrNull(pick(uniteLegale, 'personne_physique_attributs', 'nom_naissance'));
  const name = [first, last].filter((part) => part !== null).join(' ');
  return name === '' ? null : name;
}

/** Maps `GET /v3/insee/sirene/etablissements/{siret}`'s `data`; null when it is not an establishment. */
export function toEtablissement(body: unknown): Etablissement | null {
  const data = pick(body, 'data');
  if (!isObject(data)) return null;
  const siret = textOrNull(data['siret']);
  if (siret === null) return null;
  const uniteLegale = data['unite_legale'];
  return {
    siret,
    siren: textOrNull(pick(uniteLegale, 'siren')),
    raisonSociale: raisonSocialeOf(uniteLegale),
    enseigne: textOrNull(data['enseigne']),
    siegeSocial: typeof data['siege_social'] === 'boolean' ? data['siege_social'] : null,
    adresse: addressOf(data['adresse']),
    naf: codeAndLabel(data['activite_principale']),
    formeJuridique: codeAndLabel(pick(uniteLegale, 'forme_juridique')),
    etatAdministratif: textOrNull(data['etat_administratif']),
    dateCreation: isoDateOf(data['date_creation']),
    dateFermeture: isoDateOf(data['date_fermeture']),
  };
}

/** Company data for a SIRET: API Entreprise v3, « Données de référence d'un établissement » (INSEE). */
export class EntrepriseAdapter implements LookupAdapter<Etablissement> {
  readonly kind = 'entreprise' as const;

  constructor(
    private readonly settings: ApiEntrepriseSettings,
    private readonly options: HttpAdapterOptions = {},
  ) {}

  async lookup(siret: string, call: LookupCallOptions = {}): Promise<LookupResult<Etablissement>> {
    if (!apiEntrepriseConfigured(this.settings)) return unavailable('not_configured');
    if (!/^\d{14}$/u.test(siret)) return notFound;
    const url = apiEntrepriseUrl(this.settings, `/v3/insee/sirene/etablissements/${siret}`, call.purpose, 'Vérification d’un numéro SIRET saisi dans un dossier');
    const answer = await getJson(url, bearer(this.settings), this.options);
    if (answer.kind === 'failed') return answer.result;
    // 404: unknown SIRET; 422: a SIRET the register refuses as malformed.
    if (answer.status === 404 || answer.status === 422) return notFound;
    if (answer.status !== 200) return unavailable('http_error', `HTTP ${answer.status}`);
    const etablissement = toEtablissement(answer.body);
    return etablissement === null ? unavailable('invalid_response', 'établissement attendu') : found(etablissement);
  }
}
