/**
 * Official location lists (INSEE codes, ISO 3166 countries) behind a small interface, so the browser
 * bundle does not carry them: browsers check the code's format only (`formatOnlyLocations`), the
 * server passes the data-backed implementation (`@guichet/forms-node`, `nodeLocationCatalogue`).
 */
export interface CommuneEntry {
  readonly code: string;
  readonly nom: string;
  readonly departement: string;
  readonly region: string;
}
export interface NamedEntry {
  readonly code: string;
  readonly nom: string;
}
export interface DepartementEntry extends NamedEntry {
  readonly region: string;
}

export interface LocationCatalogue {
  commune(code: string): CommuneEntry | undefined;
  departement(code: string): DepartementEntry | undefined;
  region(code: string): NamedEntry | undefined;
  epci(code: string): NamedEntry | undefined;
  /** ISO 3166-1 alpha-2, upper case. */
  country(code: string): NamedEntry | undefined;
}

/** INSEE commune code: département (2 digits, 2A/2B for Corsica, 97x overseas) + commune number. */
export const communeCodePattern = /^(?:\d{2}|2A|2B)\d{3}$/u;
/** INSEE département code: 01–95, 2A, 2B, 971–976. */
export const departementCodePattern = /^(?:0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/u;
export const regionCodePattern = /^\d{2}$/u;
/** EPCI are identified by their SIREN (9 digits). */
export const epciCodePattern = /^\d{9}$/u;
export const countryCodePattern = /^[A-Z]{2}$/u;

/** The INSEE département of a commune code, read from the code itself (browser-safe). */
export function departementOfCommuneCode(code: string): string | undefined {
  if (!communeCodePattern.test(code)) return undefined;
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}
