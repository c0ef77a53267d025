import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { GuichetError } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { sendError } from './http-error.filter';

/** Paths the web app never owns: an unknown one there is a JSON 404, not the SPA. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/health' || path.startsWith('/health/');
}

/**
 * Serves the built web app: its files as they are (hashed assets cached for a year, the rest
 * revalidated), and index.html for any other GET outside /api and /health so client-side routes
 * survive a reload. A missing file (a path whose last segment has an extension) stays a 404.
 */
export async function registerWebApp(app: NestFastifyApplication, fastify: FastifyInstance, root: string, logger: Logger): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const lastSegment = path.split('/').pop() ?? '';
    if (isApiPath(path) || lastSegment.includes('.')) {
      sendError(request, reply, new GuichetError('NOT_FOUND', 'Ressource introuvable.'), logger);
      return reply;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
