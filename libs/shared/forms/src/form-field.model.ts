import { z } from 'zod';

/**
 * What the form validator needs to know about a field. Structurally the same as the contract's
 * `FieldDefinition` (libs/contracts), which this browser-safe library cannot import: any
 * `FieldDefinition` is a `FormField`. The one list of field types lives here; contracts re-export it.
 */
export const formFieldTypes = [
  // Structure
  'header_section',
  'explication',
  'repetition',
  'dossier_link',
  // Identity
  'civilite',
  'email',
  'phone',
  // Location
  'address',
  'communes',
  'departements',
  'regions',
  'epci',
  'pays',
  'carte',
  // Identification
  'siret',
  'rna',
  'rnf',
  'iban',
  // Standard
  'text',
  'textarea',
  'integer_number',
  'decimal_number',
  'formatted',
  'date',
  'datetime',
  'checkbox',
  'yes_no',
  'drop_down_list',
  'multiple_drop_down_list',
  'linked_drop_down_list',
  'piece_justificative',
  'titre_identite',
  // Referentials (values shape-checked here; lookups belong to per-tenant adapters)
  'annuaire_education',
  'cnaf',
  'dgfip',
  'pole_emploi',
  'mesri',
  'referentiel',
] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/** Types that only structure the page (titles, explanations): they never carry a value. */
export const structureFieldTypes: ReadonlySet<FormFieldType> = new Set<FormFieldType>(['header_section', 'explication']);

export const carteGeometryTypes = ['Point', 'LineString', 'Polygon'] as const;
export type CarteGeometryType = (typeof carteGeometryTypes)[number];

const linkedChoiceSchema = z.object({ value: z.string(), children: z.array(z.string()) }).strict();

/**
 * Every option any field type may carry, each loosely typed. It is the shape the contract stores;
 * which options apply to which type, and their exact rules, are the catalogue's per-type strict
 * schemas (`fieldCatalogue[type].optionsSchema`). Flat on purpose: one object shape for every type
 * keeps the spine's `{ options: {} }` valid and lets the builder switch a field's type.
 */
export const anyFieldOptionsSchema = z
  .object({
    maxLength: z.number().int().positive().optional(),
    minLength: z.number().int().nonnegative().optional(),
    /** Numbers for number fields; ISO strings for date and datetime fields. */
    min: z.union([z.number(), z.string()]).optional(),
    max: z.union([z.number(), z.string()]).optional(),
    decimalPlaces: z.number().int().optional(),
    choices: z.array(z.string()).optional(),
    other: z.boolean().optional(),
    linkedChoices: z.array(linkedChoiceSchema).optional(),
    allowedMimeTypes: z.array(z.string()).optional(),
    maxFileBytes: z.number().int().positive().optional(),
    maxFiles: z.number().int().positive().optional(),
    templateFileId: z.string().optional(),
    minRows: z.number().int().nonnegative().optional(),
    maxRows: z.number().int().positive().optional(),
    mode: z.enum(['regex', 'simple']).optional(),
    pattern: z.string().optional(),
    patternExample: z.string().optional(),
    letters: z.boolean().optional(),
    digits: z.boolean().optional(),
    allowedGeometries: z.array(z.enum(carteGeometryTypes)).optional(),
    referentielId: z.string().optional(),
  })
  .strict();
export type FormFieldOptions = z.infer<typeof anyFieldOptionsSchema>;

export interface FormField {
  /** Dossier values are keyed by it. */
  readonly stableId: string;
  readonly type: FormFieldType;
  readonly label: string;
  readonly mandatory?: boolean;
  readonly options?: FormFieldOptions;
  /** Fields of one row of a `repetition`. */
  readonly children?: readonly FormField[];
  /** Visibility condition (the `@guichet/conditions` shape); absent means always visible. */
  readonly condition?: unknown;
}

/** An attachment as stored in a dossier: the documents service's file id and the original name. */
// A type alias, not an interface, so it is assignable to the JSON-shaped `FieldValue`.
export type AttachedFile = {
  fileId: string;
  fileName: string;
};

/** A cleaned value: any JSON value (text, number, boolean, files, structured address, rows…). */
export type FieldValue = string | number | boolean | null | readonly FieldValue[] | { readonly [key: string]: FieldValue };

export type FormValues = Record<string, FieldValue>;

export type FormValidationResult =
  | { readonly ok: true; readonly values: FormValues }
  /**
   * `<stableId>` (or `<stableId>.rows.<i>.<childStableId>`) → French message; `_` when the values are
   * not an object. Callers prefix the payload key (dossiers reports `values.<stableId>…`).
   */
  | { readonly ok: false; readonly fields: Record<string, string> };

/** The outcome of checking one value: cleaned, absent (nothing was given), or refused. */
export type FieldValueResult =
  | { readonly kind: 'value'; readonly value: FieldValue }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly message: string };
