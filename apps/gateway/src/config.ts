import { z } from 'zod';
import { baseConfigSchema, ConfigError, configSchemas, loadConfig } from '@guichet/platform-config';

/**
 * The gateway is the only HTTP process: it listens on PORT and has no separate health port (its
 * /health routes live on the main server), so HEALTH_PORT is not part of its settings.
 */
export const configSchema = baseConfigSchema.omit({ HEALTH_PORT: true }).extend({
  PORT: configSchemas.port.default(3000),
  /** The address users reach the gateway at; https turns on the Secure cookie flag and HSTS. */
  PUBLIC_URL: z.string().url().optional(),
  /** The built web app (apps/web/dist); served with an SPA fallback when the folder exists. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  /** Where browsers PUT and GET presigned files; its origin is allowed by the CSP connect-src. */
  S3_PUBLIC_URL: z.string().url().optional(),
  /** Sign-in attempts allowed per client IP and window (DS: 25 per 15 s). */
  SIGNIN_RATE_LIMIT: z.coerce.number().int().positive().default(25),
  SIGNIN_RATE_WINDOW_MS: z.coerce.number().int().positive().default(15_000),
});

export type GatewayConfig = z.infer<typeof configSchema> & { PUBLIC_URL: string };

/** Read once at boot (main.ts); nothing else reads process.env. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig(configSchema, env);
  if (!config.PUBLIC_URL && config.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  PUBLIC_URL: required in production');
  }
  // Outside production the local address is the only sensible public one.
  return { ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` };
}
