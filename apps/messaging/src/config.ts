import { z } from 'zod';
import { baseConfigSchema, loadConfig, smtpConfigSchema } from '@guichet/platform-config';

/** A comma-separated list of delays in milliseconds, e.g. `10000,60000,300000`. */
const delayList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'liste de durées en millisecondes séparées par des virgules')
  .transform((value) => value.split(',').map(Number));

export const configSchema = baseConfigSchema.extend(smtpConfigSchema.shape).extend({
  /** Base URL of the web app, for the links in e-mails (no trailing slash kept). */
  PUBLIC_URL: z
    .string()
    .url()
    .transform((url) => url.replace(/\/+$/, '')),
  /** Send attempts before an e-mail is given up (status `failed`). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  /** Wait before each retry of a failed send; the last value repeats. */
  MAIL_RETRY_BACKOFF_MS: delayList.default([10_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000]),
  /**
   * How often the sender looks for due e-mails on its own. It is kicked after each commit that
   * queues an e-mail and wakes when a retry is due, so this is only a safety net.
   */
  MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(5_000),
  /**
   * How long the sender gathers the e-mails queued after a kick before it claims them: under load,
   * one claim, one record and one relay pass serve a batch rather than each e-mail.
   */
  MAIL_GATHER_MS: z.coerce.number().int().min(0).max(5_000).default(50),
  /** Connection, greeting and socket timeout of one SMTP send. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
});
export type MessagingConfig = z.infer<typeof configSchema>;

/** Read once at boot (main.ts); nothing else reads process.env. */
export const loadServiceConfig = (env: NodeJS.ProcessEnv = process.env): MessagingConfig => loadConfig(configSchema, env);

/** Injection token of the parsed configuration. */
export const MESSAGING_CONFIG = Symbol('messaging:config');
