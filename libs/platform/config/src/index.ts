import { z } from 'zod';

/**
 * Configuration is read from the environment once, at boot, validated, and passed around as a typed
 * object. Nothing else in the code base reads process.env.
 */
export class ConfigError extends Error {}

export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Settings every service needs. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NATS_URL: z.string().min(1),
  DATABASE_URL: z.string().url(),
  /** Prefix of every NATS subject and stream name; isolates a test run or a second stack. */
  BUS_NAMESPACE: z.string().regex(/^[A-Za-z0-9_-]*$/).default(''),
  HEALTH_PORT: port.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Milliseconds a bus request may wait for its reply. */
  BUS_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export const s3ConfigSchema = z.object({
  S3_ENDPOINT: z.string().min(1),
  S3_PORT: port,
  S3_USE_SSL: bool.default(false),
  S3_ACCESS_KEY: z.string().min(1),
  /** secret */
  S3_SECRET_KEY: z.string().min(1),
  S3_REGION: z.string().default('us-east-1'),
  /** Base URL clients use to reach the S3 server for presigned URLs (defaults to the endpoint). */
  S3_PUBLIC_URL: z.string().url().optional(),
});
export type S3Config = z.infer<typeof s3ConfigSchema>;

export const smtpConfigSchema = z.object({
  SMTP_HOST: z.string().min(1),
  SMTP_PORT: port,
  MAIL_FROM: z.string().min(3),
});
export type SmtpConfig = z.infer<typeof smtpConfigSchema>;

export const configSchemas = { port, bool };
