import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@guichet/platform-config';

export const configSchema = baseConfigSchema.extend({
  /** How often each replica closes the procedures past their deadline (tests shorten it). */
  DEADLINE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
});
export type ProceduresConfig = z.infer<typeof configSchema>;

/** Provider token of the parsed configuration, for the parts of the service that read it. */
export const PROCEDURES_CONFIG = Symbol('procedures:config');

/** Read once at boot (main.ts); nothing else reads process.env. */
export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): ProceduresConfig => loadConfig(configSchema, env);
