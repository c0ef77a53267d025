import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { blockedLiteral, guardedLookup, type AddressPolicy } from './address-guard';
import type { FetchFunction } from './lookup.types';

/** Statuses whose Response may not carry a body. */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** Larger answers are cut short; `getJson` refuses them anyway. */
const maxBodyBytes = 2 * 1024 * 1024 + 1;

/**
 * `fetch` for tenants' register addresses: GET through node:http(s) with `guardedLookup`, so the
 * connection goes to the address that was checked (no second resolution a DNS rebinding could
 * turn), and IP literals are checked before connecting. Redirects are not followed (returned as
 * they are: `getJson` reports them). Failures reject like fetch (`TypeError` with the cause).
 */
export function guardedFetch(policy: AddressPolicy): FetchFunction {
  const lookup = guardedLookup(policy);
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(new TypeError('fetch failed', { cause: Object.assign(new Error(`scheme ${url.protocol} refused`), { code: 'EBLOCKEDSCHEME' }) }));
      const literal = blockedLiteral(url, policy);
      if (literal !== null) return reject(new TypeError('fetch failed', { cause: literal }));
      const signal = init.signal ?? undefined;
      if (signal?.aborted === true) return reject(signal.reason);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => (headers[key] = value));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, { method: init.method ?? 'GET', headers, lookup, signal }, (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            response.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
        response.on('close', () => {
          const status = response.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(response.headers)) {
            if (value === undefined) continue;
            for (const item of Array.isArray(value) ? value : [value]) responseHeaders.append(key, item);
          }
          const body = nullBodyStatuses.has(status) ? null : Buffer.concat(chunks);
          try {
            resolve(new Response(body, { status, headers: responseHeaders }));
          } catch (error) {
            reject(new TypeError('fetch failed', { cause: error }));
          }
        });
      });
      request.on('error', (error) => reject(signal?.aborted === true ? signal.reason : new TypeError('fetch failed', { cause: error })));
      request.end();
    });
}
