import { z } from 'zod';
import { defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';

/**
 * External lookups (issue #3, point 1): SIRET (API Entreprise), RNA (API Entreprise, associations),
 * addresses (Base Adresse Nationale) and administrator-configured referentials. The dossiers
 * service calls them with instance defaults and per-tenant settings.
 */

export const lookupKinds = ['entreprise', 'adresse', 'association', 'referentiel'] as const;
export const lookupKindSchema = z.enum(lookupKinds);
export type LookupKind = z.infer<typeof lookupKindSchema>;

/** What a lookup answered, for the usager's browser (autocompletion, company data as one types). */
export const lookupOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), kind: lookupKindSchema, data: z.record(z.string(), z.unknown()) }),
  z.object({ status: z.literal('not_found'), kind: lookupKindSchema, message: z.string() }),
  /** The register did not answer (or is not configured): the value can still be saved, unchecked. */
  z.object({ status: z.literal('unavailable'), kind: lookupKindSchema, reason: z.string(), message: z.string() }),
]);
export type LookupOutcome = z.infer<typeof lookupOutcomeSchema>;

/**
 * The lookup stored with a dossier's value, keyed by the field's stable id: `found` with the
 * register's data, or `unavailable` (value kept unchecked). `query` is the value it was made for.
 */
export const dossierLookupSchema = z.object({
  status: z.enum(['found', 'unavailable']),
  data: z.record(z.string(), z.unknown()).optional(),
  reason: z.string().optional(),
  checkedAt: isoDateTime,
  query: z.string(),
});
export type DossierLookup = z.infer<typeof dossierLookupSchema>;

const controlCharacter = (text: string): boolean => [...text].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127);

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

const httpUrlMessage = 'Indiquez une adresse web complète commençant par https:// ou http:// (sans identifiant ni mot de passe).';

// Custom messages are given through refinements: fieldErrorsFromZod rewrites too_small, too_big and
// invalid_format issues with its own generic text.

/** A register's address: http(s) only, no credentials in it. */
export const lookupBaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => value.length > 0, 'Indiquez l’adresse du service.')
  .max(2_000, 'Au plus 2 000 caractères.')
  .refine(isHttpUrl, httpUrlMessage);

/** `https://…/{id}`: `{id}` is replaced by the value the usager typed. */
export const referentielUrlTemplateSchema = z
  .string()
  .trim()
  .refine((value) => value.length > 0, 'Indiquez l’adresse du référentiel.')
  .max(2_000, 'Au plus 2 000 caractères.')
  .refine((template) => template.includes('{id}'), 'L’adresse doit contenir {id}, remplacé par la valeur saisie.')
  .refine((template) => isHttpUrl(template.split('{id}').join('x')), httpUrlMessage);

const secretSchema = z
  .string()
  .trim()
  .refine((value) => value.length > 0, 'Ce champ ne peut pas être vide (indiquez null pour le retirer).')
  .max(4_000, 'Au plus 4 000 caractères.')
  .refine((text) => !controlCharacter(text), 'Caractère non autorisé.');

/** The SIRET of the administration receiving the data (API Entreprise's `recipient`). */
export const recipientSchema = z
  .string()
  .trim()
  .refine((value) => /^\d{14}$/u.test(value), 'Le destinataire est le numéro SIRET de l’administration : 14 chiffres.');

const headerNameSchema = z
  .string()
  .trim()
  .refine((value) => value.length > 0, 'Indiquez le nom de l’en-tête.')
  .max(100, 'Au plus 100 caractères.')
  .refine((value) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/u.test(value), 'Nom d’en-tête HTTP invalide (lettres, chiffres et - seulement, par exemple X-Api-Key).');

const propertyPathSchema = z
  .string()
  .trim()
  .refine((value) => value.length > 0, 'Une propriété ne peut pas être vide.')
  .max(200, 'Au plus 200 caractères.')
  .refine((value) => /^[\p{L}\p{N}_$-]+(?:\.[\p{L}\p{N}_$-]+)*$/u.test(value), 'Propriété invalide : des noms séparés par des points (exemple : adresse.commune).');

export const referentielDefinitionInputSchema = z.strictObject({
  /** The `referentielId` option of the form's `referentiel` fields. */
  referentielId: z.string().trim().refine((value) => value.length > 0, 'Indiquez l’identifiant du référentiel.').max(200, 'Au plus 200 caractères.'),
  urlTemplate: referentielUrlTemplateSchema,
  headerName: headerNameSchema.nullable().optional(),
  /** Omitted: the stored value of this referentiel is kept; null removes it. */
  headerValue: secretSchema.nullable().optional(),
  properties: z
    .array(propertyPathSchema)
    .refine((value) => value.length > 0, 'Indiquez au moins une propriété à conserver.')
    .max(50, 'Au plus 50 propriétés.')
    .refine((paths) => new Set(paths).size === paths.length, 'Une propriété figure plusieurs fois.'),
});

/** API Entreprise (SIRET or RNA): the instance's token is used unless the tenant sets its own. */
const apiEntrepriseInput = {
  enabled: z.boolean(),
  /** null: the instance's address. */
  baseUrl: lookupBaseUrlSchema.nullable(),
  /** Omitted: unchanged; null: removed (the instance's token applies again). */
  token: secretSchema.nullable().optional(),
  /** Omitted: unchanged; null: the instance's recipient. */
  recipient: recipientSchema.nullable().optional(),
};

export const lookupSettingsInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('entreprise'), ...apiEntrepriseInput }),
  z.strictObject({ kind: z.literal('association'), ...apiEntrepriseInput }),
  z.strictObject({ kind: z.literal('adresse'), enabled: z.boolean(), baseUrl: lookupBaseUrlSchema.nullable() }),
  z.strictObject({
    kind: z.literal('referentiel'),
    enabled: z.boolean(),
    definitions: z
      .array(referentielDefinitionInputSchema)
      .max(50, 'Au plus 50 référentiels.')
      .superRefine((definitions, ctx) => {
        const seen = new Set<string>();
        definitions.forEach((definition, index) => {
          if (seen.has(definition.referentielId)) ctx.addIssue({ code: 'custom', path: [index, 'referentielId'], message: 'Cet identifiant est déjà celui d’un autre référentiel.' });
          seen.add(definition.referentielId);
          if (definition.headerValue !== undefined && definition.headerValue !== null && (definition.headerName ?? null) === null) {
            ctx.addIssue({ code: 'custom', path: [index, 'headerName'], message: 'Indiquez le nom de l’en-tête qui porte cette valeur.' });
          }
        });
      }),
  }),
]);
export type LookupSettingsInput = z.infer<typeof lookupSettingsInputSchema>;

/** A register's settings as an administrateur sees them: never a token, only whether one is set. */
export const registerSettingsSchema = z.object({
  enabled: z.boolean(),
  /** The tenant's own address, null when the instance's applies. */
  baseUrl: z.string().nullable(),
  /** The address lookups use. */
  effectiveBaseUrl: z.string(),
  /** The tenant set its own token. */
  tokenSet: z.boolean(),
  /** The instance has a token the tenant's lookups fall back on. */
  instanceTokenSet: z.boolean(),
  recipient: z.string().nullable(),
  effectiveRecipient: z.string(),
});

export const referentielSettingsSchema = z.object({
  referentielId: z.string(),
  urlTemplate: z.string(),
  headerName: z.string().nullable(),
  headerValueSet: z.boolean(),
  properties: z.array(z.string()),
});

export const lookupSettingsSchema = z.object({
  entreprise: registerSettingsSchema,
  association: registerSettingsSchema,
  adresse: registerSettingsSchema.pick({ enabled: true, baseUrl: true, effectiveBaseUrl: true }),
  referentiel: z.object({ enabled: z.boolean(), definitions: z.array(referentielSettingsSchema) }),
});
export type LookupSettings = z.infer<typeof lookupSettingsSchema>;

export const lookupContracts = {
  /** Administrateurs of the tenant: the lookup settings, tokens left out. */
  getSettings: defineRequest('dossiers', 'dossiers.lookup_settings.get', z.object({}), lookupSettingsSchema),
  /** Administrateurs of the tenant: one register's settings replaced (tokens kept unless given). */
  putSettings: defineRequest('dossiers', 'dossiers.lookup_settings.put', lookupSettingsInputSchema, lookupSettingsSchema),
  /**
   * The dossier's owner looks a value up for a field of its form (siret, rna, address, referentiel):
   * company data as one types, address suggestions. Nothing is stored.
   */
  lookup: defineRequest(
    'dossiers',
    'dossiers.lookup.run',
    z.object({ dossierId: uuid, stableId: z.string().min(1).max(200), query: z.string().max(500) }),
    lookupOutcomeSchema,
  ),
};
