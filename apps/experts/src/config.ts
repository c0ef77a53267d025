import type { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@guichet/platform-config';

export const configSchema = baseConfigSchema;
export type ExpertsConfig = z.infer<typeof configSchema>;

/** Read once at boot (main.ts); nothing else reads process.env. */
export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): ExpertsConfig => loadConfig(configSchema, env);
