import { z } from 'zod';
import { baseConfigSchema, loadConfig } from '@guichet/platform-config';
import { isSecretsKey } from './lookups/secret-cipher';

export const configSchema = baseConfigSchema.extend({
  /** How long a lookup in an external register may take before the value is kept unchecked. */
  LOOKUP_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(3_000),
  /** API Entreprise (SIRET and RNA lookups); tenants may set their own address and token. */
  API_ENTREPRISE_URL: z.string().url().default('https://entreprise.api.gouv.fr'),
  /** secret. Empty: API Entreprise is not configured for the instance (lookups answer "unavailable"). */
  API_ENTREPRISE_TOKEN: z.string().trim().default(''),
  /** SIRET of the administration receiving API Entreprise's data (its `recipient` parameter). */
  API_ENTREPRISE_RECIPIENT: z.string().trim().regex(/^(\d{14})?$/u, 'un numéro SIRET de 14 chiffres').default(''),
  /** Base Adresse Nationale (address autocompletion). */
  API_ADRESSE_URL: z.string().url().default('https://api-adresse.data.gouv.fr'),
  /** secret. 32 bytes in base64 (`openssl rand -base64 32`): encrypts the tenants' register tokens at rest (AES-256-GCM). */
  LOOKUP_SECRETS_KEY: z.string().trim().refine(isSecretsKey, 'expected 32 bytes in base64 (openssl rand -base64 32)'),
  /**
   * Hosts (names or IP literals, comma-separated) a tenant's register address may reach even though
   * they are or resolve to private, loopback or link-local addresses: on-premise registers, test doubles.
   */
  LOOKUP_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter((host) => host !== '')),
});
export type DossiersConfig = z.infer<typeof configSchema>;

/** Read once at boot (main.ts); nothing else reads process.env. */
export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): DossiersConfig => loadConfig(configSchema, env);
