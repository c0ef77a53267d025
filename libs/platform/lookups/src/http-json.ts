import { guardedFetch } from './guarded-fetch';
import { defaultLookupTimeoutMs, unavailable, type FetchFunction, type HttpAdapterOptions, type LookupResult } from './lookup.types';

/** A JSON answer with its status, or the reason there is none. */
export type JsonAnswer = { readonly kind: 'answer'; readonly status: number; readonly body: unknown } | { readonly kind: 'failed'; readonly result: LookupResult<never> };

/** Answers larger than this are not ours to parse (a register answers a few kilobytes). */
const maxBodyBytes = 2 * 1024 * 1024;

const defaultFetch: FetchFunction = (input, init) => fetch(input, init);

/**
 * GET `url` and parse its JSON, mapping every failure to an `unavailable` reason: timeout, network,
 * 401/403, 429, 5xx, and a body that is not JSON. 2xx and 4xx answers are returned with their
 * status for the adapter to read (404 means "not found" for each register). Redirects are refused:
 * a register that moves must be reconfigured, not followed blindly.
 */
export async function getJson(url: string, headers: Record<string, string>, options: HttpAdapterOptions): Promise<JsonAnswer> {
  const timeoutMs = options.timeoutMs ?? defaultLookupTimeoutMs;
  const doFetch = options.fetch ?? (options.addressPolicy !== undefined ? guardedFetch(options.addressPolicy) : defaultFetch);
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await doFetch(url, { method: 'GET', headers: { accept: 'application/json', ...headers }, signal, redirect: 'error' });
  } catch (error) {
    return { kind: 'failed', result: fetchFailure(error, signal) };
  }
  if (response.status === 401 || response.status === 403) return failedAfter(response, unavailable('unauthorized', `HTTP ${response.status}`));
  if (response.status === 429) return failedAfter(response, unavailable('rate_limited', 'HTTP 429'));
  if (response.status >= 500) return failedAfter(response, unavailable('server_error', `HTTP ${response.status}`));
  if (response.status < 200 || (response.status >= 300 && response.status < 400)) return failedAfter(response, unavailable('http_error', `HTTP ${response.status}`));
  let text: string;
  try {
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) return failedAfter(response, unavailable('invalid_response', 'réponse trop volumineuse'));
    text = await response.text();
  } catch (error) {
    return { kind: 'failed', result: fetchFailure(error, signal) };
  }
  if (text.length > maxBodyBytes) return { kind: 'failed', result: unavailable('invalid_response', 'réponse trop volumineuse') };
  if (response.status === 404 && text.trim() === '') return { kind: 'answer', status: 404, body: null };
  try {
    return { kind: 'answer', status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    // A 404 page in HTML is still a 404.
    if (response.status === 404) return { kind: 'answer', status: 404, body: null };
    return { kind: 'failed', result: unavailable('invalid_response', 'réponse non JSON') };
  }
}

/** The body is dropped so the connection is released at once. */
async function failedAfter(response: Response, result: LookupResult<never>): Promise<JsonAnswer> {
  await response.body?.cancel().catch(() => undefined);
  return { kind: 'failed', result };
}

function fetchFailure(error: unknown, signal: AbortSignal): LookupResult<never> {
  if (signal.aborted || (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))) return unavailable('timeout');
  const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as Error & { code?: string }).code : undefined;
  return unavailable('network', cause ?? (error instanceof Error ? error.message : String(error)));
}

/** Reads a nested property, `undefined` when any step is missing. */
export function pick(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : null);

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `https://host/` and `https://host` both end up without the slash. */
export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/u, '');
