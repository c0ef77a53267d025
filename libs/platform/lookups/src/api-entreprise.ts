import { withoutTrailingSlash } from './http-json';

/**
 * What every API Entreprise call needs (https://entreprise.api.gouv.fr): a bearer token and, in the
 * query, who asks (`recipient`: the SIRET of the administration), in which frame (`context`) and why
 * (`object`).
 */
export interface ApiEntrepriseSettings {
  readonly baseUrl: string;
  /** Empty: not configured, every lookup answers `unavailable` without calling. */
  readonly token: string;
  /** SIRET of the administration receiving the data. */
  readonly recipient: string;
  /** Defaults to `Guichet`. */
  readonly context?: string;
}

export const apiEntrepriseConfigured = (settings: ApiEntrepriseSettings): boolean => settings.token.trim() !== '' && settings.recipient.trim() !== '' && settings.baseUrl.trim() !== '';

export function apiEntrepriseUrl(settings: ApiEntrepriseSettings, path: string, purpose: string | undefined, fallbackPurpose: string): string {
  const query = new URLSearchParams({ context: settings.context ?? 'Guichet', recipient: settings.recipient, object: purpose ?? fallbackPurpose });
  return `${withoutTrailingSlash(settings.baseUrl)}${path}?${query.toString()}`;
}

export const bearer = (settings: ApiEntrepriseSettings): Record<string, string> => ({ authorization: `Bearer ${settings.token}` });

// en-CA formats dates as YYYY-MM-DD.
const parisDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * API Entreprise writes Sirene dates as UNIX seconds at midnight in Paris (22:00 or 23:00 UTC the
 * day before), so the day is read in Paris time; ISO dates pass through.
 */
export function isoDateOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return parisDate.format(new Date(value * 1000));
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/u.test(value)) return value.slice(0, 10);
  return null;
}
