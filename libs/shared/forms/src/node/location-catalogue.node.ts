import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CommuneEntry, DepartementEntry, LocationCatalogue, NamedEntry } from '../location-catalogue';

/**
 * The server's `LocationCatalogue`, read from the official lists the maintained packages ship:
 * communes, départements, régions, EPCI from @etalab/decoupage-administratif (INSEE codes), countries
 * from i18n-iso-countries (ISO 3166-1 alpha-2, French names). Node only: the files weigh megabytes,
 * so the browser never imports this module (it is the separate `@guichet/forms-node` entry).
 */
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
}
interface RawEntry {
  code: string;
  nom: string;
  region?: string;
}
interface CountryModule {
  registerLocale(locale: unknown): void;
  getName(code: string, lang: string): string | undefined;
  getAlpha2Codes(): Record<string, string>;
}

// Resolved from this file when it has a path (CommonJS build, vitest), from the working directory otherwise.
const requireHere = createRequire(typeof __filename === 'string' ? __filename : join(process.cwd(), 'index.js'));

function readJson<T>(specifier: string): T {
  return JSON.parse(readFileSync(requireHere.resolve(specifier), 'utf8')) as T;
}

function byCode<T extends { code: string }>(entries: readonly T[]): Map<string, T> {
  return new Map(entries.map((entry) => [entry.code, entry]));
}

let loaded: LocationCatalogue | undefined;

/** Loads the lists once (about 40 000 entries, a few tens of milliseconds) and answers from maps. */
export function nodeLocationCatalogue(): LocationCatalogue {
  if (loaded !== undefined) return loaded;
  const communes = byCode<CommuneEntry>(
    readJson<RawCommune[]>('@etalab/decoupage-administratif/data/communes.json')
      // Current communes only: delegated/associated communes and municipal districts are not communes a usager picks.
      .filter((commune) => commune.type === 'commune-actuelle' && commune.departement !== undefined && commune.region !== undefined)
      .map((commune) => ({ code: commune.code, nom: commune.nom, departement: commune.departement ?? '', region: commune.region ?? '' })),
  );
  const departements = byCode<DepartementEntry>(
    readJson<RawEntry[]>('@etalab/decoupage-administratif/data/departements.json').map((entry) => ({ code: entry.code, nom: entry.nom, region: entry.region ?? '' })),
  );
  const regions = byCode<NamedEntry>(readJson<RawEntry[]>('@etalab/decoupage-administratif/data/regions.json').map((entry) => ({ code: entry.code, nom: entry.nom })));
  const epci = byCode<NamedEntry>(readJson<RawEntry[]>('@etalab/decoupage-administratif/data/epci.json').map((entry) => ({ code: entry.code, nom: entry.nom })));
  const countryModule = requireHere('i18n-iso-countries') as CountryModule;
  countryModule.registerLocale(readJson<unknown>('i18n-iso-countries/langs/fr.json'));
  const countries = new Map<string, NamedEntry>(
    Object.keys(countryModule.getAlpha2Codes()).map((code) => [code, { code, nom: countryModule.getName(code, 'fr') ?? code }]),
  );
  loaded = {
    commune: (code) => communes.get(code),
    departement: (code) => departements.get(code),
    region: (code) => regions.get(code),
    epci: (code) => epci.get(code),
    country: (code) => countries.get(code),
  };
  return loaded;
}
