import type { z } from 'zod';
import { baseConfigSchema, loadConfig, s3ConfigSchema } from '@guichet/platform-config';

export const configSchema = baseConfigSchema.extend(s3ConfigSchema.shape);
export type DocumentsConfig = z.infer<typeof configSchema>;

/** Read once at boot (main.ts); nothing else reads process.env. */
export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): DocumentsConfig => loadConfig(configSchema, env);
