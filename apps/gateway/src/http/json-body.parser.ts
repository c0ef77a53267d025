import type { FastifyInstance } from 'fastify';
import { GuichetError } from '@guichet/contracts';

/**
 * JSON is the only body the API reads: every other parser is removed, so any other content type
 * is refused with 415 before a handler runs. An empty body counts as no body (POST actions such as
 * /submit need none); malformed JSON and prototype-poisoning keys are 400 MALFORMED_REQUEST.
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(new GuichetError('MALFORMED_REQUEST', 'Le corps de la requête n’est pas un JSON valide.'), undefined);
      else done(null, value);
    });
  });
}
