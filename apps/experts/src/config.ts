import { baseConfigSchema, loadConfig } from '@guichet/platform-config';

export const configSchema = baseConfigSchema;
export type ExpertsConfig = ReturnType<typeof loadConfig<typeof configSchema>>;

/** Read once at boot; nothing else reads process.env. */
export const config = loadConfig(configSchema);
