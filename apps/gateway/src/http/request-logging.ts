import type { FastifyInstance } from 'fastify';
import type { Logger } from '@guichet/platform-logging';

/** One log line per request: no body, no headers (so no password and no cookie ever reach the logs). */
export function registerRequestLogging(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const entry = {
      reqId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      route: request.routeOptions.url,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime),
      ip: request.ip,
      accountId: request.caller?.account.id,
    };
    // Probes and the web app's static files would drown the API lines: they log at debug level.
    if (request.url.startsWith('/api/') || reply.statusCode >= 500) logger.info(entry, 'request');
    else logger.debug(entry, 'request');
  });
}
