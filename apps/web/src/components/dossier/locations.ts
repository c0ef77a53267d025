import departementsData from '@etalab/decoupage-administratif/data/departements.json';
import regionsData from '@etalab/decoupage-administratif/data/regions.json';
import { type GeoResolver } from '@guichet/conditions';
import { departementOfCommuneCode } from '@guichet/forms';
import countriesData from 'i18n-iso-countries/langs/fr.json';

/**
 * The official lists small enough for the browser bundle: départements (101) and régions (18) from
 * @etalab/decoupage-administratif (INSEE codes), countries from i18n-iso-countries (ISO 3166-1
 * alpha-2, French names). Communes (8 Mo) and EPCI (4 Mo) stay on the server: the web app asks for
 * their code and the server checks it against the lists.
 */
export type LocationOption = { readonly code: string; readonly nom: string };

const byName = (a: LocationOption, b: LocationOption): number => a.nom.localeCompare(b.nom, 'fr');

export const departements: readonly (LocationOption & { readonly region: string })[] = (departementsData as { code: string; nom: string; region: string }[]).map(
  ({ code, nom, region }) => ({ code, nom, region }),
);

export const regions: readonly LocationOption[] = (regionsData as { code: string; nom: string }[]).map(({ code, nom }) => ({ code, nom })).sort(byName);

export const countries: readonly LocationOption[] = Object.entries((countriesData as { countries: Record<string, string | string[]> }).countries)
  .map(([code, names]) => ({ code, nom: (Array.isArray(names) ? names[0] : names) ?? code }))
  .sort(byName);

const regionByDepartement = new Map(departements.map((departement) => [departement.code, departement.region]));

/** Geography for the département/région operators of conditions, from the lists above. */
export const browserGeo: GeoResolver = {
  departementOfCommune: departementOfCommuneCode,
  regionOfDepartement: (code) => regionByDepartement.get(code),
};

/** « 75 – Paris », as lists of codes are read in France. */
export function locationOptionLabel(option: LocationOption): string {
  return `${option.code} – ${option.nom}`;
}
