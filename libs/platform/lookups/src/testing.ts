// Test helpers (Node only, test code only): a local HTTP double of the registers, with answers in
// the shape the real APIs give (API Entreprise v3/v4, Base Adresse Nationale).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DoubleReply {
  status: number;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as is (e.g. invalid JSON); wins over `json`. */
  body?: string;
  /** Waits before answering, to play a slow register. */
  delayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

type Responder = DoubleReply | ((request: RecordedRequest) => DoubleReply);

/**
 * A register on 127.0.0.1, port 0. Answers are set per path (`on('/v3/insee/…/123', reply)`), or
 * per path prefix with a function; anything else is a 404 in API Entreprise's error shape.
 */
export class RegisterDouble {
  private server: Server | undefined;
  private readonly exact = new Map<string, Responder>();
  private readonly prefixes: { prefix: string; responder: Responder }[] = [];
  readonly requests: RecordedRequest[] = [];
  url = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  on(path: string, responder: Responder): this {
    this.exact.set(path, responder);
    return this;
  }

  onPrefix(prefix: string, responder: Responder): this {
    this.prefixes.unshift({ prefix, responder });
    return this;
  }

  /** Requests received on a path (query string left out). */
  requestsTo(path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://double');
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: request.headers };
    this.requests.push(recorded);
    const responder = this.exact.get(url.pathname) ?? this.prefixes.find((entry) => url.pathname.startsWith(entry.prefix))?.responder ?? notFoundReply;
    const reply = typeof responder === 'function' ? responder(recorded) : responder;
    if (reply.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (response.destroyed) return;
    const body = reply.body ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(body);
  }
}

export const notFoundReply: DoubleReply = {
  status: 404,
  json: { errors: [{ code: '04003', title: 'Entité non trouvée', detail: 'L’identifiant indiqué n’existe pas, n’est pas connu ou ne comporte aucune information pour cet appel', meta: { provider: 'INSEE' } }] },
};

export const etablissementPath = (siret: string): string => `/v3/insee/sirene/etablissements/${siret}`;
export const associationPath = (rna: string): string => `/v4/djepva/api-association/associations/${rna}`;

/** `GET /v3/insee/sirene/etablissements/{siret}` as API Entreprise answers it (staging payload shape). */
export function etablissementPayload(siret: string, name = 'SOCIETE NATIONALE SNCF'): unknown {
  return {
    data: {
      siret,
      siege_social: true,
      etat_administratif: 'A',
      date_fermeture: null,
      enseigne: 'SNCF ST DENIS',
      status_diffusion: 'diffusible',
      activite_principale: { code: '49.10Z', nomenclature: 'NAFRev2', libelle: 'Transport ferroviaire interurbain de voyageurs' },
      tranche_effectif_salarie: { de: 500, a: 999, code: '41', date_reference: '2020', intitule: '500 à 999 salariés' },
      diffusable_commercialement: true,
      date_creation: 519861600,
      unite_legale: {
        siren: siret.slice(0, 9),
        siret_siege_social: siret,
        type: 'personne_morale',
        personne_morale_attributs: { raison_sociale: name, sigle: 'SNCF' },
        personne_physique_attributs: { pseudonyme: null, prenom_usuel: null, prenom_1: null, nom_usage: null, nom_naissance: null, sexe: null },
        categorie_entreprise: 'GE',
        forme_juridique: { code: '5599', libelle: 'SA à conseil d’administration (s.a.i.)' },
        etat_administratif: 'A',
        date_creation: -473389200,
      },
      adresse: {
        siret,
        complement_adresse: null,
        numero_voie: '2',
        indice_repetition_voie: null,
        type_voie: 'PLACE',
        libelle_voie: 'AUX ETOILES',
        code_postal: '93210',
        libelle_commune: 'SAINT-DENIS',
        libelle_commune_etranger: null,
        distribution_speciale: null,
        code_commune: '93066',
        acheminement_postal: { l1: name, l2: '', l3: '', l4: '2 PLACE AUX ETOILES', l5: '', l6: '93210 SAINT-DENIS', l7: 'FRANCE' },
      },
    },
    links: { unite_legale: `https://entreprise.api.gouv.fr/v3/insee/sirene/unites_legales/${siret.slice(0, 9)}` },
    meta: { date_derniere_mise_a_jour: 1661724000, redirect_from_siret: null },
  };
}

/** `GET /v4/djepva/api-association/associations/{rna}` as API Entreprise answers it. */
export function associationPayload(rna: string, name = 'ASSOCIATION SPORTIVE SALINDROISE'): unknown {
  return {
    data: {
      rna,
      siren: '389486242',
      nom: name,
      sigle: null,
      reconnue_utilite_publique: false,
      siret_siege: '38948624200032',
      forme_juridique: { code: '9220', libelle: 'Association déclarée' },
      regime: 'Loi 1901',
      active: true,
      date_creation: '1955-07-08',
      date_dissolution: null,
      adresse_siege: { complement: null, numero_voie: '4', type_voie: 'RUE', libelle_voie: 'de Cambis', distribution: null, code_insee: '30305', code_postal: '30340', commune: 'Salindres' },
      activites: { objet: 'Pratique du rugby et de l’éducation physique.', champ_action_territorial: 'local' },
      etablissements: [],
    },
    links: {},
    meta: { internal_id: '332408', date_derniere_mise_a_jour_rna: '2010-12-22' },
  };
}

/** `GET /search/?q=…` of the Base Adresse Nationale: a GeoJSON FeatureCollection. */
export function banPayload(query: string, features: { label: string; housenumber?: string; street?: string; postcode: string; city: string; citycode: string; context: string; lon: number; lat: number }[]): unknown {
  return {
    type: 'FeatureCollection',
    version: 'draft',
    features: features.map((feature, index) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [feature.lon, feature.lat] },
      properties: {
        label: feature.label,
        score: 0.9 - index / 10,
        ...(feature.housenumber !== undefined ? { housenumber: feature.housenumber } : {}),
        id: `${feature.citycode}_0001_0000${index}`,
        name: feature.housenumber !== undefined ? `${feature.housenumber} ${feature.street ?? ''}`.trim() : (feature.street ?? feature.city),
        postcode: feature.postcode,
        citycode: feature.citycode,
        x: 648952.58,
        y: 6977867.25,
        city: feature.city,
        context: feature.context,
        type: feature.housenumber !== undefined ? 'housenumber' : 'street',
        importance: 0.67,
        ...(feature.street !== undefined ? { street: feature.street } : {}),
      },
    })),
    attribution: 'BAN',
    licence: 'ETALAB-2.0',
    query,
    limit: 5,
  };
}
