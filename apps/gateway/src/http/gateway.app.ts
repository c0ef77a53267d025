import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { createLogger } from '@guichet/platform-logging';
import { AppModule } from '../app.module';
import type { GatewayConfig } from '../config';
import { HttpErrorFilter, sendError } from './http-error.filter';
import { registerJsonBodyParser } from './json-body.parser';
import { registerRequestLogging } from './request-logging';
import { registerSecurityHeaders, securityHeaders } from './security-headers';
import { registerWebApp } from './web-app';

export const BODY_LIMIT_BYTES = 1_048_576;

export interface GatewayAppOptions {
  /** NestJS's own logger (bootstrap messages); false in tests. */
  nestLogger?: false | LogLevel[];
}

/**
 * Builds the gateway's HTTP application (not yet listening): NestJS on Fastify with JSON-only
 * bodies, the session cookie, security headers, request logs, the one error filter, and the web
 * app when WEB_DIST_DIR is a folder. main.ts listens on it; tests call `inject()`.
 */
export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    genReqId: () => randomUUID(),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Errors Fastify raises before routing (e.g. a malformed URL encoding) get the same JSON envelope.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendError(request, reply, error, logger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    bodyParser: false,
    logger: options.nestLogger ?? ['error', 'warn'],
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonBodyParser(fastify);
  await app.register(fastifyCookie);
  fastify.decorateRequest('caller', null);
  registerSecurityHeaders(fastify, securityHeaders({ publicUrl: config.PUBLIC_URL, ...(config.S3_PUBLIC_URL ? { objectStoreUrl: config.S3_PUBLIC_URL } : {}) }));
  registerRequestLogging(fastify, logger);
  app.useGlobalFilters(new HttpErrorFilter(logger));
  const webRoot = config.WEB_DIST_DIR ? resolve(config.WEB_DIST_DIR) : undefined;
  if (webRoot && existsSync(webRoot) && statSync(webRoot).isDirectory()) {
    await registerWebApp(app, fastify, webRoot, logger);
  } else if (webRoot) {
    logger.warn({ webRoot }, 'WEB_DIST_DIR is not a folder: the web app is not served');
  }
  await app.init();
  return app;
}
