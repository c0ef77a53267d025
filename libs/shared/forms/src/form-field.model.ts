/**
 * What the form validator needs to know about a field. Structurally the same as the contract's
 * `FieldDefinition` (libs/contracts), which this browser-safe library cannot import: any
 * `FieldDefinition` is a `FormField`.
 */
export const formFieldTypes = [
  'header_section',
  'explication',
  'text',
  'textarea',
  'email',
  'phone',
  'integer_number',
  'decimal_number',
  'date',
  'checkbox',
  'yes_no',
  'drop_down_list',
  'piece_justificative',
] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/** Types that only structure the page (titles, explanations): they never carry a value. */
export const structureFieldTypes: ReadonlySet<FormFieldType> = new Set<FormFieldType>(['header_section', 'explication']);

export interface FormFieldOptions {
  readonly maxLength?: number;
  /** Numbers for number fields; `YYYY-MM-DD` strings for date fields. */
  readonly min?: number | string;
  readonly max?: number | string;
  readonly choices?: readonly string[];
  readonly allowedMimeTypes?: readonly string[];
  readonly maxFileBytes?: number;
}

export interface FormField {
  /** Dossier values are keyed by it. */
  readonly stableId: string;
  readonly type: FormFieldType;
  readonly label: string;
  readonly mandatory?: boolean;
  readonly options?: FormFieldOptions;
}

/** An attachment as stored in a dossier: the documents service's file id and the original name. */
export interface AttachedFile {
  fileId: string;
  fileName: string;
}

/** A cleaned value, by field type. */
export type FieldValue = string | number | boolean | AttachedFile[];

export type FormValues = Record<string, FieldValue>;

export type FormValidationResult =
  | { readonly ok: true; readonly values: FormValues }
  /** Field stableId → French message. `_` when the values are not an object at all. */
  | { readonly ok: false; readonly fields: Record<string, string> };

/** The outcome of checking one value: cleaned, absent (nothing was given), or refused. */
export type FieldValueResult =
  | { readonly kind: 'value'; readonly value: FieldValue }
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly message: string };
