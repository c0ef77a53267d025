import type { FetchFunction } from '@guichet/platform-lookups';
import type { DossiersConfig } from '../config';

/** The instance's register settings (config); each tenant may override them. */
export interface LookupDefaults {
  readonly timeoutMs: number;
  readonly apiEntreprise: { readonly baseUrl: string; readonly token: string; readonly recipient: string };
  readonly adresseBaseUrl: string;
  /** Base64 key of the tenants' secrets at rest (`LOOKUP_SECRETS_KEY`). */
  readonly secretsKey: string;
  /** Hosts a tenant's register address may reach on a private network (`LOOKUP_ALLOWED_HOSTS`). */
  readonly allowedHosts: readonly string[];
  /** Replaces Node's fetch (unit tests only). */
  readonly fetch?: FetchFunction;
}

export const LOOKUP_DEFAULTS = Symbol('dossiers:lookup-defaults');

export function lookupDefaultsOf(config: DossiersConfig): LookupDefaults {
  return {
    timeoutMs: config.LOOKUP_TIMEOUT_MS,
    apiEntreprise: { baseUrl: config.API_ENTREPRISE_URL, token: config.API_ENTREPRISE_TOKEN, recipient: config.API_ENTREPRISE_RECIPIENT },
    adresseBaseUrl: config.API_ADRESSE_URL,
    secretsKey: config.LOOKUP_SECRETS_KEY,
    allowedHosts: config.LOOKUP_ALLOWED_HOSTS,
  };
}
