import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@guichet/platform-logging';
import { toErrorResponse } from './http-errors';

/**
 * The single exception filter of the gateway: every error (handlers, guards, body parsing, unknown
 * routes) leaves as the JSON error envelope; unexpected ones are logged with their errorId.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), exception, this.logger);
  }
}

export function sendError(request: FastifyRequest, reply: FastifyReply, exception: unknown, logger: Logger): void {
  const response = toErrorResponse(exception);
  const errorId = response.body.error.errorId;
  if (response.unexpected) {
    logger.error({ err: exception, errorId, reqId: request.id, method: request.method, url: request.url }, 'unexpected error while serving a request');
  } else if (response.body.error.code === 'INTERNAL' || response.status >= 503) {
    const cause = exception instanceof Error ? exception.message : undefined;
    logger.warn({ code: response.body.error.code, errorId, cause, reqId: request.id, method: request.method, url: request.url }, 'request failed on the service side');
  }
  if (reply.sent) return;
  void reply.status(response.status).headers({ ...response.headers, 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' }).send(response.body);
}
