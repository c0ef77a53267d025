import type { FastifyInstance } from 'fastify';

/**
 * Headers on every answer: a CSP that allows only the gateway's own origin (plus the object store
 * the browser uploads to and downloads from), no MIME sniffing, no framing, no cross-site referrer.
 */
export function securityHeaders(options: { publicUrl: string; objectStoreUrl?: string }): Record<string, string> {
  const connect = ["'self'", ...(options.objectStoreUrl ? [new URL(options.objectStoreUrl).origin] : [])].join(' ');
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // The DSFR and React set style attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  if (new URL(options.publicUrl).protocol === 'https:') headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

export function registerSecurityHeaders(fastify: FastifyInstance, headers: Record<string, string>): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(headers)) {
      if (!reply.hasHeader(name)) void reply.header(name, value);
    }
    // API answers are personal: never cached by the browser or a proxy.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
