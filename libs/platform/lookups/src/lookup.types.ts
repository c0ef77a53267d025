/** The external registers a dossier field can be checked against. */
export const lookupKinds = ['entreprise', 'adresse', 'association', 'referentiel'] as const;
export type LookupKind = (typeof lookupKinds)[number];

/**
 * Why a lookup could not say yes or no. The caller keeps the value unchecked: a third party that is
 * down, slow or not configured never blocks a usager.
 */
export const unavailableReasons = [
  /** No credentials or address configured for this register. */
  'not_configured',
  /** Turned off by the tenant's administrateur. */
  'disabled',
  'timeout',
  /** DNS, refused connection, reset, redirect. */
  'network',
  /** 401 or 403: the token is wrong, expired or lacks the right. */
  'unauthorized',
  /** 429. */
  'rate_limited',
  /** 5xx. */
  'server_error',
  /** Any other unexpected status. */
  'http_error',
  /** The answer is not JSON, or not the expected shape. */
  'invalid_response',
] as const;
export type UnavailableReason = (typeof unavailableReasons)[number];

export type LookupResult<T> =
  | { readonly status: 'found'; readonly data: T }
  | { readonly status: 'not_found' }
  | { readonly status: 'unavailable'; readonly reason: UnavailableReason; readonly detail?: string };

export interface LookupCallOptions {
  /** Why the data is read (API Entreprise's `object` parameter), e.g. the dossier's number. */
  readonly purpose?: string;
}

/** One external register behind a uniform, never-throwing lookup. */
export interface LookupAdapter<T = unknown> {
  readonly kind: LookupKind;
  lookup(query: string, options?: LookupCallOptions): Promise<LookupResult<T>>;
}

/** `fetch` as the adapters use it; tests pass their own. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** What every HTTP adapter takes besides its own settings. */
export interface HttpAdapterOptions {
  /** Milliseconds before an answer is given up (default 3 s). */
  readonly timeoutMs?: number;
  readonly fetch?: FetchFunction;
  /**
   * Set for addresses a tenant chose: the request may not reach internal addresses (see
   * `address-guard.ts`); refused calls answer `unavailable: network`. Ignored when `fetch` is given.
   */
  readonly addressPolicy?: { readonly allowedHosts: readonly string[] };
}

export const defaultLookupTimeoutMs = 3_000;

export const unavailable = (reason: UnavailableReason, detail?: string): LookupResult<never> => ({ status: 'unavailable', reason, ...(detail !== undefined ? { detail } : {}) });
export const notFound: LookupResult<never> = { status: 'not_found' };
export const found = <T>(data: T): LookupResult<T> => ({ status: 'found', data });
