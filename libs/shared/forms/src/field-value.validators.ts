import { type AttachedFile, type FieldValue, type FieldValueResult, type FormField } from './form-field.model';
import { type ValueContext, validateTypedValue } from './typed-value.validators';

/**
 * One validator per field type. Each takes what a client sent (JSON, so anything) and either cleans
 * it, reports it as empty (nothing was given: null, blank text, no file), or refuses it with a
 * French message. Whether an empty value is acceptable is the form's business (draft or submission).
 */

/** Caps for fields without `maxLength`, so a single value cannot fill the dossier document. */
export const defaultMaxLength = { text: 2_000, textarea: 50_000 } as const;
export const maxFilesPerField = 50;
export const maxFileNameLength = 255;

const empty: FieldValueResult = { kind: 'empty' };
const invalid = (message: string): FieldValueResult => ({ kind: 'invalid', message });
const valid = (value: FieldValue): FieldValueResult => ({ kind: 'value', value });

/**
 * U+0000 and lone UTF-16 surrogates cannot be stored in PostgreSQL jsonb (nor sent as valid UTF-8);
 * refusing them here keeps them from ever reaching a store.
 */
export const hasUnstorableCharacter = (text: string): boolean => text.includes('\u0000') || /\p{Cs}/u.test(text);

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Counts characters as users see them (code points), not UTF-16 units. */
const characterCount = (text: string): number => [...text].length;

/** `1.5` → `1,5`, as numbers are written in French. */
const frenchNumber = (value: number): string => String(value).replace('.', ',');

function validateText(value: unknown, maxLength: number): FieldValueResult {
  if (isBlank(value)) return empty;
  if (typeof value !== 'string') return invalid('Saisissez un texte.');
  if (hasUnstorableCharacter(value)) return invalid('Le texte contient un caractère non autorisé.');
  const text = value.trim();
  if (characterCount(text) > maxLength) return invalid(`Au plus ${maxLength} caractères.`);
  return valid(text);
}

// Pragmatic address check: dot-atom local part (RFC 5322 atext), a domain of at least two labels
// (letters of any alphabet allowed for internationalized domains) and an alphabetic top-level label.
const emailPattern =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

function validateEmail(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  const message = 'Adresse électronique invalide (exemple : prenom.nom@domaine.fr).';
  if (typeof value !== 'string') return invalid(message);
  const email = value.trim();
  const localPart = email.slice(0, email.lastIndexOf('@'));
  if (email.length > 254 || localPart.length > 64 || !emailPattern.test(email)) return invalid(message);
  return valid(email);
}

const phoneMessage = 'Numéro de téléphone invalide (exemples : 06 12 34 56 78, +33 6 12 34 56 78, +44 20 7946 0958).';

/**
 * French numbers in national form (`0X XX XX XX XX`) or with +33 (optionally `(0)`), and any other
 * country in E.164 form (`+` then 8 to 15 digits). `00` is read as `+`. Spaces, dots and dashes are
 * separators. National numbers are kept in national form: overseas numbers (0262…, 0590…) do not
 * belong to +33, so they cannot be rewritten safely.
 */
function validatePhone(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  if (typeof value !== 'string') return invalid(phoneMessage);
  const trimmed = value.trim();
  if (!/^[+\d][\d\s.\-()]*$/u.test(trimmed)) return invalid(phoneMessage);
  let compact = trimmed.replace(/[\s.-]/gu, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  // "+33 (0)6 …": the trunk 0 in brackets is a common way of writing French numbers abroad.
  compact = compact.replace(/^(\+\d{1,3})\(0\)/u, '$1');
  if (/^0[1-9]\d{8}$/u.test(compact)) return valid(compact.replace(/(\d{2})(?=\d)/gu, '$1 '));
  if (compact.startsWith('+33')) return /^\+33[1-9]\d{8}$/u.test(compact) ? valid(compact) : invalid(phoneMessage);
  if (/^\+[1-9]\d{7,14}$/u.test(compact)) return valid(compact);
  return invalid(phoneMessage);
}

/** Numbers may arrive as JSON numbers or as typed text (`1 000`, `3,5`). */
function numberFrom(value: unknown, pattern: RegExp): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // Spaces, no-break spaces and narrow no-break spaces are French thousands separators.
  const text = value.trim().replace(/[\s\u00a0\u202f]/gu, '');
  if (!pattern.test(text)) return undefined;
  const parsed = Number(text.replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : undefined;
}

function checkBounds(value: number, field: FormField): FieldValueResult {
  const { min, max } = field.options ?? {};
  if (typeof min === 'number' && value < min) return invalid(`La valeur doit être supérieure ou égale à ${frenchNumber(min)}.`);
  if (typeof max === 'number' && value > max) return invalid(`La valeur doit être inférieure ou égale à ${frenchNumber(max)}.`);
  // Normalises -0, which JSON would otherwise write as 0 anyway.
  return valid(value === 0 ? 0 : value);
}

function validateInteger(value: unknown, field: FormField): FieldValueResult {
  if (isBlank(value)) return empty;
  const parsed = numberFrom(value, /^[+-]?\d+$/u);
  if (parsed === undefined || !Number.isSafeInteger(parsed)) return invalid('Saisissez un nombre entier (exemple : 42).');
  return checkBounds(parsed, field);
}

/** Decimal places as typed (`1,50` has two), or of the number's shortest writing. */
function decimalPlacesOf(raw: unknown, parsed: number): number {
  const text = typeof raw === 'string' ? raw.trim() : String(parsed);
  const exponent = /e([+-]\d+)$/iu.exec(text);
  const [mantissa = ''] = text.split(/e/iu);
  const fraction = mantissa.split(/[.,]/u)[1] ?? '';
  return Math.max(0, fraction.length - (exponent ? Number(exponent[1]) : 0));
}

function validateDecimal(value: unknown, field: FormField): FieldValueResult {
  if (isBlank(value)) return empty;
  const parsed = numberFrom(value, /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$/u);
  if (parsed === undefined) return invalid('Saisissez un nombre (exemple : 12,5).');
  const places = field.options?.decimalPlaces;
  if (places !== undefined && decimalPlacesOf(value, parsed) > places) {
    return invalid(places === 0 ? 'Saisissez un nombre sans décimale.' : `Au plus ${places} chiffre${places > 1 ? 's' : ''} après la virgule.`);
  }
  return checkBounds(parsed, field);
}

/** `YYYY-MM-DD` of a day that exists in the Gregorian calendar, or undefined. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth ? { year, month, day } : undefined;
}

const frenchDate = (iso: string): string => iso.split('-').reverse().join('/');

/** A date bound from the options: only ISO date strings count (number bounds are for numbers). */
const dateBound = (bound: number | string | undefined): string | undefined => (typeof bound === 'string' && parseIsoDate(bound) ? bound : undefined);

function validateDate(value: unknown, field: FormField): FieldValueResult {
  if (isBlank(value)) return empty;
  const message = 'Saisissez une date valide au format AAAA-MM-JJ (exemple : 2024-03-31).';
  if (typeof value !== 'string') return invalid(message);
  const date = value.trim();
  if (!parseIsoDate(date)) return invalid(message);
  // Same-length ISO dates compare correctly as strings.
  const min = dateBound(field.options?.min);
  const max = dateBound(field.options?.max);
  if (min !== undefined && date < min) return invalid(`La date doit être le ${frenchDate(min)} ou après.`);
  if (max !== undefined && date > max) return invalid(`La date doit être le ${frenchDate(max)} ou avant.`);
  return valid(date);
}

function validateBoolean(value: unknown, message: string): FieldValueResult {
  if (value === undefined || value === null) return empty;
  return typeof value === 'boolean' ? valid(value) : invalid(message);
}

function validateChoice(value: unknown, field: FormField): FieldValueResult {
  if (isBlank(value)) return empty;
  const message = 'Choisissez une des valeurs proposées.';
  if (typeof value !== 'string') return invalid(message);
  const choices = field.options?.choices ?? [];
  if (choices.includes(value)) return valid(value);
  // With the "other" option, a free value stands for itself (stored as typed, trimmed).
  if (field.options?.other === true) return validateText(value, 500);
  return invalid(message);
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

function validateFiles(value: unknown, maxFiles = maxFilesPerField): FieldValueResult {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return empty;
  if (!Array.isArray(value)) return invalid('Joignez une liste de fichiers.');
  if (value.length > maxFiles) return invalid(maxFiles === 1 ? 'Un seul fichier est accepté.' : `Au plus ${maxFiles} fichiers.`);
  const files: AttachedFile[] = [];
  const seen = new Set<string>();
  for (const [index, item] of value.entries()) {
    const position = `Fichier n° ${index + 1} : `;
    if (!isPlainObject(item) || Object.keys(item).some((key) => key !== 'fileId' && key !== 'fileName')) {
      return invalid(`${position}description invalide (attendu : identifiant et nom du fichier).`);
    }
    const { fileId, fileName } = item;
    if (typeof fileId !== 'string' || !uuidPattern.test(fileId)) return invalid(`${position}identifiant de fichier invalide.`);
    if (typeof fileName !== 'string') return invalid(`${position}nom de fichier invalide.`);
    const name = fileName.trim();
    // Names end up in archive entries and download headers: no folders, no control characters.
    if (name === '' || characterCount(name) > maxFileNameLength || /[/\\\p{Cc}\p{Cs}]/u.test(name)) return invalid(`${position}nom de fichier invalide.`);
    const id = fileId.toLowerCase();
    if (seen.has(id)) return invalid(`${position}ce fichier est déjà joint.`);
    seen.add(id);
    files.push({ fileId: id, fileName: name });
  }
  return valid(files);
}

/** An identity document: recto and verso at most. */
export const maxTitreIdentiteFiles = 2;

/**
 * Checks and cleans one field's value; see the module comment for the three outcomes. Location
 * codes are checked against `context.locations` when given (server), by format otherwise.
 * A `repetition`'s rows are the compiled form's business (`compileForm`); here they are refused.
 */
export function validateFieldValue(field: FormField, value: unknown, context: ValueContext = {}): FieldValueResult {
  const typed = validateTypedValue(field, value, context);
  if (typed !== undefined) return typed;
  switch (field.type) {
    case 'text':
      return validateText(value, field.options?.maxLength ?? defaultMaxLength.text);
    case 'textarea':
      return validateText(value, field.options?.maxLength ?? defaultMaxLength.textarea);
    case 'email':
      return validateEmail(value);
    case 'phone':
      return validatePhone(value);
    case 'integer_number':
      return validateInteger(value, field);
    case 'decimal_number':
      return validateDecimal(value, field);
    case 'date':
      return validateDate(value, field);
    case 'checkbox':
      return validateBoolean(value, 'Cochez ou décochez la case (vrai ou faux attendu).');
    case 'yes_no':
      return validateBoolean(value, 'Répondez par oui ou par non.');
    case 'drop_down_list':
      return validateChoice(value, field);
    case 'piece_justificative':
      // Allowed types and sizes are enforced on upload by the documents service, which knows the bytes.
      return validateFiles(value, Math.min(field.options?.maxFiles ?? maxFilesPerField, maxFilesPerField));
    case 'titre_identite':
      return validateFiles(value, maxTitreIdentiteFiles);
    case 'repetition':
      return value === undefined || value === null ? empty : invalid('Les lignes d’un bloc répétable se valident avec le formulaire compilé.');
    case 'header_section':
    case 'explication':
      return value === undefined || value === null ? empty : invalid('Ce champ n’attend pas de valeur.');
    default:
      return invalid('Type de champ inconnu.');
  }
}
