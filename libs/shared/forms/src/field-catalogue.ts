import { z } from 'zod';
import { validateFieldValue } from './field-value.validators';
import { type FieldValueResult, type FormField, type FormFieldType, carteGeometryTypes } from './form-field.model';
import { parseIsoDate } from './field-value.validators';
import { parseIsoDateTime, type ValueContext } from './typed-value.validators';

/**
 * The field catalogue the builder shows and the procedures service enforces: for every type, a
 * French label, a builder category, a strict schema of its options, and the value validator.
 * Referential types (annuaire_education, cnaf, dgfip, pole_emploi, mesri, referentiel) only check
 * the shape of a value here; looking it up belongs to per-tenant adapters.
 */
export const fieldCategories = ['structure', 'identite', 'localisation', 'identification', 'standard', 'referentiel'] as const;
export type FieldCategory = (typeof fieldCategories)[number];
export const fieldCategoryLabels: Readonly<Record<FieldCategory, string>> = {
  structure: 'Structure',
  identite: 'Identité',
  localisation: 'Localisation',
  identification: 'Identification',
  standard: 'Standard',
  referentiel: 'Référentiels',
};

/** Attachments are limited to 200 MB on the platform (DOMAIN.md, "Limits users expect"). */
export const maxAttachmentBytes = 200 * 1024 * 1024;
export const maxChoices = 1_000;
export const maxRowsLimit = 1_000;

const mimeTypePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/iu;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

const choiceList = z
  .array(z.string().trim().min(1, 'Un choix ne peut pas être vide.').max(500, 'Un choix fait au plus 500 caractères.'))
  .min(1, 'Indiquez au moins un choix.')
  .max(maxChoices, `Au plus ${maxChoices} choix.`)
  .superRefine((choices, ctx) => {
    const duplicate = choices.find((choice, position) => choices.indexOf(choice) !== position);
    if (duplicate !== undefined) ctx.addIssue({ code: 'custom', message: `Le choix « ${duplicate} » figure plusieurs fois.` });
  })
  // Parsed like a given value, so a missing list reports "at least one choice".
  .prefault([]);

const noOptions = z.strictObject({});
const maxLengthOption = z.number().int('Indiquez un nombre entier.').positive('Indiquez un nombre positif.').max(100_000, 'Au plus 100 000 caractères.');

/** min ≤ max when both are given, reported on `max`. */
function boundsInOrder<T extends { min?: number | string | undefined; max?: number | string | undefined }>(value: T, ctx: z.RefinementCtx): void {
  if (value.min !== undefined && value.max !== undefined && value.max < value.min) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: 'Le maximum doit être supérieur ou égal au minimum.' });
  }
}

const isoDate = z.string('Date invalide (format AAAA-MM-JJ).').refine((text) => parseIsoDate(text) !== undefined, 'Date invalide (format AAAA-MM-JJ).');
const isoDateTime = z.string('Date et heure invalides (format AAAA-MM-JJTHH:MM).').refine((text) => parseIsoDateTime(text) === text, 'Date et heure invalides (format AAAA-MM-JJTHH:MM).');

const fileOptions = z
  .strictObject({
    allowedMimeTypes: z
      .array(z.string().regex(mimeTypePattern, 'Type de fichier invalide (exemple : application/pdf).'))
      .min(1, 'Indiquez au moins un type de fichier, ou retirez cette option.')
      .optional(),
    maxFileBytes: z.number().int().positive().max(maxAttachmentBytes, 'La taille maximale d’un fichier est de 200 Mo.').optional(),
    maxFiles: z.number().int().positive().max(50, 'Au plus 50 fichiers.').optional(),
    templateFileId: z.string().regex(uuidPattern, 'Identifiant de fichier modèle invalide.').optional(),
  });

const formattedOptions = z
  .strictObject({
    mode: z.enum(['regex', 'simple'], 'Choisissez « regex » ou « simple ».'),
    pattern: z.string().min(1).max(500).optional(),
    patternExample: z.string().max(200).optional(),
    letters: z.boolean().optional(),
    digits: z.boolean().optional(),
    minLength: z.number().int().nonnegative().optional(),
    maxLength: maxLengthOption.optional(),
  })
  .superRefine((options, ctx) => {
    if (options.mode === 'regex') {
      if (options.pattern === undefined) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Indiquez l’expression régulière.' });
      else {
        try {
          new RegExp(options.pattern, 'u');
        } catch {
          ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Expression régulière invalide.' });
        }
      }
      for (const key of ['letters', 'digits', 'minLength'] as const) {
        if (options[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'Cette option ne s’applique qu’au mode « simple ».' });
      }
    } else {
      if (options.pattern !== undefined) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Cette option ne s’applique qu’au mode « regex ».' });
      if (options.letters === false && options.digits === false) ctx.addIssue({ code: 'custom', path: ['letters'], message: 'Autorisez les lettres, les chiffres ou les deux.' });
      if (options.minLength !== undefined && options.maxLength !== undefined && options.maxLength < options.minLength) {
        ctx.addIssue({ code: 'custom', path: ['maxLength'], message: 'Le maximum doit être supérieur ou égal au minimum.' });
      }
    }
  });

const linkedChoicesOptions = z.strictObject({
  linkedChoices: z
    .array(z.strictObject({ value: z.string().trim().min(1, 'Un choix ne peut pas être vide.').max(500), children: z.array(z.string().trim().min(1).max(500)).max(maxChoices) }))
    .min(1, 'Indiquez au moins un choix.')
    .max(maxChoices)
    .superRefine((choices, ctx) => {
      const values = choices.map((choice) => choice.value);
      const duplicate = values.find((value, position) => values.indexOf(value) !== position);
      if (duplicate !== undefined) ctx.addIssue({ code: 'custom', message: `Le choix « ${duplicate} » figure plusieurs fois.` });
      choices.forEach((choice, index) => {
        const twice = choice.children.find((child, position) => choice.children.indexOf(child) !== position);
        if (twice !== undefined) ctx.addIssue({ code: 'custom', path: [index, 'children'], message: `Le choix « ${twice} » figure plusieurs fois.` });
      });
    }),
});

export interface FieldTypeDefinition {
  readonly label: string;
  readonly category: FieldCategory;
  /** Strict: any option not listed is refused. */
  readonly optionsSchema: z.ZodType;
  /** Whether the field carries a value (titles and explanations do not). */
  readonly hasValue: boolean;
  validate(field: FormField, value: unknown, context?: ValueContext): FieldValueResult;
}

const validate = (field: FormField, value: unknown, context?: ValueContext): FieldValueResult => validateFieldValue(field, value, context);
const entry = (label: string, category: FieldCategory, optionsSchema: z.ZodType, hasValue = true): FieldTypeDefinition => ({ label, category, optionsSchema, hasValue, validate });
const referential = (label: string): FieldTypeDefinition => entry(label, 'referentiel', noOptions);

export const fieldCatalogue: Readonly<Record<FormFieldType, FieldTypeDefinition>> = {
  header_section: entry('Titre de section', 'structure', noOptions, false),
  explication: entry('Explication', 'structure', noOptions, false),
  repetition: entry(
    'Bloc répétable',
    'structure',
    z
      .strictObject({
        minRows: z.number().int().nonnegative().max(maxRowsLimit).optional(),
        maxRows: z.number().int().positive().max(maxRowsLimit, `Au plus ${maxRowsLimit} lignes.`).optional(),
      })
      .superRefine((options, ctx) => {
        if (options.minRows !== undefined && options.maxRows !== undefined && options.maxRows < options.minRows) {
          ctx.addIssue({ code: 'custom', path: ['maxRows'], message: 'Le nombre maximal de lignes doit être supérieur ou égal au minimum.' });
        }
      }),
  ),
  dossier_link: entry('Lien vers un autre dossier', 'structure', noOptions),
  civilite: entry('Civilité', 'identite', noOptions),
  email: entry('Adresse électronique', 'identite', noOptions),
  phone: entry('Numéro de téléphone', 'identite', noOptions),
  address: entry('Adresse', 'localisation', noOptions),
  communes: entry('Commune', 'localisation', noOptions),
  departements: entry('Département', 'localisation', noOptions),
  regions: entry('Région', 'localisation', noOptions),
  epci: entry('EPCI', 'localisation', noOptions),
  pays: entry('Pays', 'localisation', noOptions),
  carte: entry(
    'Carte',
    'localisation',
    z.strictObject({ allowedGeometries: z.array(z.enum(carteGeometryTypes)).min(1, 'Autorisez au moins un type de tracé.').optional() }),
  ),
  siret: entry('Numéro SIRET', 'identification', noOptions),
  rna: entry('Numéro RNA (association)', 'identification', noOptions),
  rnf: entry('Numéro RNF (fondation)', 'identification', noOptions),
  iban: entry('IBAN', 'identification', noOptions),
  text: entry('Texte court', 'standard', z.strictObject({ maxLength: maxLengthOption.optional() })),
  textarea: entry('Texte long', 'standard', z.strictObject({ maxLength: maxLengthOption.optional() })),
  integer_number: entry(
    'Nombre entier',
    'standard',
    z.strictObject({ min: z.number().int('Indiquez un nombre entier.').optional(), max: z.number().int('Indiquez un nombre entier.').optional() }).superRefine(boundsInOrder),
  ),
  decimal_number: entry(
    'Nombre décimal',
    'standard',
    z
      .strictObject({
        min: z.number().optional(),
        max: z.number().optional(),
        decimalPlaces: z.number().int().min(0, 'Au moins 0 décimale.').max(10, 'Au plus 10 décimales.').optional(),
      })
      .superRefine(boundsInOrder),
  ),
  formatted: entry('Texte formaté', 'standard', formattedOptions),
  date: entry('Date', 'standard', z.strictObject({ min: isoDate.optional(), max: isoDate.optional() }).superRefine(boundsInOrder)),
  datetime: entry('Date et heure', 'standard', z.strictObject({ min: isoDateTime.optional(), max: isoDateTime.optional() }).superRefine(boundsInOrder)),
  checkbox: entry('Case à cocher', 'standard', noOptions),
  yes_no: entry('Oui / Non', 'standard', noOptions),
  drop_down_list: entry('Liste déroulante', 'standard', z.strictObject({ choices: choiceList, other: z.boolean().optional() })),
  multiple_drop_down_list: entry('Choix multiples', 'standard', z.strictObject({ choices: choiceList })),
  linked_drop_down_list: entry('Deux listes liées', 'standard', linkedChoicesOptions),
  piece_justificative: entry('Pièce justificative', 'standard', fileOptions),
  titre_identite: entry('Titre d’identité', 'standard', noOptions),
  annuaire_education: referential('Établissement scolaire (annuaire de l’Éducation nationale)'),
  cnaf: referential('Données CAF (quotient familial)'),
  dgfip: referential('Données fiscales (DGFiP)'),
  pole_emploi: referential('Situation France Travail'),
  mesri: referential('Statut étudiant (MESRI)'),
  referentiel: entry('Référentiel', 'referentiel', z.strictObject({ referentielId: z.string().trim().min(1).max(200).optional() })),
};

/**
 * Checks a field's options against its type's strict schema. Returns option name (`choices`, `max`;
 * problems inside a list are reported on the list) → French message; empty when valid.
 */
export function validateFieldOptions(type: FormFieldType, options: unknown): Record<string, string> {
  const result = fieldCatalogue[type].optionsSchema.safeParse(options ?? {}, { error: frenchOptionMessage, reportInput: true });
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[[...issue.path, key].join('.')] ??= 'Cette option ne s’applique pas à ce type de champ.';
      continue;
    }
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'Cette option est obligatoire pour ce type de champ.' : issue.message;
    errors[issue.path.slice(0, 1).join('.')] ??= message;
  }
  return errors;
}

/** French wording of zod's own issues, for the options without a message of their own. */
function frenchOptionMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Cette option est obligatoire pour ce type de champ.' : 'Valeur de type incorrect.';
    case 'too_small':
      return `Valeur trop petite (minimum ${String(issue.minimum)}).`;
    case 'too_big':
      return `Valeur trop grande (maximum ${String(issue.maximum)}).`;
    case 'invalid_value':
      return 'Valeur non autorisée.';
    default:
      return 'Option invalide.';
  }
}

/** Options present on a field that its type does not take (what the contract refuses outright). */
export function inapplicableOptions(type: FormFieldType, options: object | undefined): string[] {
  const result = fieldCatalogue[type].optionsSchema.safeParse(options ?? {});
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys : []));
}
