import { z } from 'zod';
import { baseConfigSchema, loadConfig, s3ConfigSchema } from '@guichet/platform-config';

export const configSchema = baseConfigSchema.extend(s3ConfigSchema.shape).extend({
  /** How often the S3 deletions left by a failure are retried (new ones go at once, after their commit). */
  OBJECT_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
  /** Wait before the first retry of a failed S3 deletion; it doubles at each failure, an hour at most. */
  OBJECT_DELETION_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
});
export type DocumentsConfig = z.infer<typeof configSchema>;

/** Read once at boot (main.ts); nothing else reads process.env. */
export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): DocumentsConfig => loadConfig(configSchema, env);

/** Injection token of the parsed configuration. */
export const DOCUMENTS_CONFIG = Symbol('documents:config');
