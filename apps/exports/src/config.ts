import { z } from 'zod';
import { baseConfigSchema, loadConfig, s3ConfigSchema } from '@guichet/platform-config';

export const configSchema = baseConfigSchema.extend(s3ConfigSchema.shape).extend({
  /** How long a worker owns a running export without renewing its lease; a crashed worker's job is taken over after it. */
  EXPORT_LEASE_SECONDS: z.coerce.number().int().positive().default(120),
  /** Pause of an idle worker between two looks for pending exports (new exports wake it at once). */
  EXPORT_POLL_MS: z.coerce.number().int().positive().default(2_000),
});
export type ExportsConfig = z.infer<typeof configSchema>;

/** Read once at boot (main.ts); nothing else reads process.env. */
export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): ExportsConfig => loadConfig(configSchema, env);
