import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';

/**
 * Starts a bus-only service (no public HTTP): NestJS application context, shutdown hooks so SIGTERM
 * drains NATS and finishes in-flight work, health endpoints on HEALTH_PORT.
 */
export async function runService(module: Type<unknown> | DynamicModule): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
