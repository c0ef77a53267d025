import { type FieldValue, type FieldValueResult, type FormField, carteGeometryTypes } from './form-field.model';
import {
  type LocationCatalogue,
  communeCodePattern,
  countryCodePattern,
  departementCodePattern,
  epciCodePattern,
  regionCodePattern,
} from './location-catalogue';

/**
 * Validators of the types beyond the spine's: identifiers, location, map geometries, formatted text,
 * date-times, multiple and linked choices, referentials. Same three outcomes as
 * `validateFieldValue`: cleaned value, empty, or refused with a French message.
 */

export const empty: FieldValueResult = { kind: 'empty' };
export const invalid = (message: string): FieldValueResult => ({ kind: 'invalid', message });
export const valid = (value: FieldValue): FieldValueResult => ({ kind: 'value', value });

export const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Identifiers are often typed with spaces, dots or dashes between groups of digits. */
const compactIdentifier = (text: string): string => text.replace(/[\s.\-\u00a0]/gu, '').toUpperCase();

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * SIRET: 14 digits with a valid Luhn key. La Poste's establishments (SIREN 356000000) are numbered
 * beyond what Luhn allows; INSEE checks them with "sum of the digits is a multiple of 5" instead.
 */
export function siretValid(siret: string): boolean {
  if (!/^\d{14}$/u.test(siret)) return false;
  if (luhnValid(siret)) return true;
  if (siret.startsWith('356000000')) return [...siret].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0;
  return false;
}

function validateSiret(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  if (typeof value !== 'string' && typeof value !== 'number') return invalid('Saisissez un numéro SIRET de 14 chiffres.');
  const siret = compactIdentifier(String(value));
  if (!/^\d{14}$/u.test(siret)) return invalid('Le numéro SIRET doit comporter 14 chiffres (exemple : 732 829 320 00074).');
  if (!siretValid(siret)) return invalid('Ce numéro SIRET n’existe pas : vérifiez les chiffres saisis (clé de contrôle incorrecte).');
  return valid(siret);
}

/** RNA (répertoire national des associations): `W` then 9 digits. */
function validateRna(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  const message = 'Le numéro RNA commence par W suivi de 9 chiffres (exemple : W751234567).';
  if (typeof value !== 'string') return invalid(message);
  const rna = compactIdentifier(value);
  return /^W\d{9}$/u.test(rna) ? valid(rna) : invalid(message);
}

/**
 * RNF (répertoire national des fondations), written `075-FDD-00003-01`: the département on three
 * characters (`075`, `02A`, `971`), the kind of foundation in 2 to 4 capital letters (FDD, FE,
 * FRUP…), a 5-digit sequence number and a 2-digit suffix, separated by dashes (which we require,
 * since the kind has a variable length).
 */
export const rnfPattern = /^(?:0\d{2}|02A|02B|97\d)-[A-Z]{2,4}-\d{5}-\d{2}$/u;

function validateRnf(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  const message = 'Numéro RNF invalide (format attendu : 075-FDD-00003-01).';
  if (typeof value !== 'string') return invalid(message);
  const rnf = value.trim().replace(/\s/gu, '').toUpperCase();
  return rnfPattern.test(rnf) ? valid(rnf) : invalid(message);
}

/** IBAN lengths by country (ISO 13616 registry, SWIFT). */
export const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24,
  DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MD: 24, ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20,
};

/** ISO 13616 check: move the first four characters to the end, letters → 10..35, remainder mod 97 is 1. */
export function ibanValid(iban: string): boolean {
  const country = iban.slice(0, 2);
  const length = ibanLengths[country];
  if (length === undefined || iban.length !== length || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/u.test(iban)) return false;
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const character of rearranged) {
    const code = character >= 'A' ? String(character.charCodeAt(0) - 55) : character;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function validateIban(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  if (typeof value !== 'string') return invalid('Saisissez un IBAN (exemple : FR76 3000 6000 0112 3456 7890 189).');
  const iban = value.replace(/[\s\u00a0-]/gu, '').toUpperCase();
  const length = ibanLengths[iban.slice(0, 2)];
  if (length === undefined) return invalid('IBAN invalide : le code pays est inconnu.');
  if (iban.length !== length) return invalid(`IBAN invalide : un IBAN ${iban.slice(0, 2)} comporte ${length} caractères.`);
  if (!ibanValid(iban)) return invalid('IBAN invalide : vérifiez les caractères saisis (clé de contrôle incorrecte).');
  return valid(iban);
}

function validateCivilite(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  return value === 'M.' || value === 'Mme' ? valid(value) : invalid('Choisissez « M. » ou « Mme ».');
}

function validateDossierLink(value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const number = /^\d{1,15}$/u.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1) return invalid('Saisissez le numéro d’un dossier (exemple : 1234).');
  return valid(number);
}

type CodeKind = 'communes' | 'departements' | 'regions' | 'epci' | 'pays';

const codeRules: Record<CodeKind, { pattern: RegExp; message: string; lookup: (catalogue: LocationCatalogue, code: string) => unknown }> = {
  communes: { pattern: communeCodePattern, message: 'Choisissez une commune de la liste officielle (code INSEE, exemple : 75056).', lookup: (c, code) => c.commune(code) },
  departements: { pattern: departementCodePattern, message: 'Choisissez un département de la liste officielle (exemple : 75, 2A, 971).', lookup: (c, code) => c.departement(code) },
  regions: { pattern: regionCodePattern, message: 'Choisissez une région de la liste officielle (code INSEE, exemple : 11).', lookup: (c, code) => c.region(code) },
  epci: { pattern: epciCodePattern, message: 'Choisissez un EPCI de la liste officielle (numéro SIREN à 9 chiffres).', lookup: (c, code) => c.epci(code) },
  pays: { pattern: countryCodePattern, message: 'Choisissez un pays de la liste officielle (code ISO 3166, exemple : FR).', lookup: (c, code) => c.country(code) },
};

/** Official codes: the format is checked everywhere, membership when a catalogue is given (server). */
function validateCode(kind: CodeKind, value: unknown, locations: LocationCatalogue | undefined): FieldValueResult {
  if (isBlank(value)) return empty;
  const rule = codeRules[kind];
  if (typeof value !== 'string') return invalid(rule.message);
  const code = value.trim().toUpperCase();
  if (!rule.pattern.test(code)) return invalid(rule.message);
  if (locations !== undefined && rule.lookup(locations, code) === undefined) return invalid(rule.message);
  return valid(code);
}

const addressKeys = ['label', 'streetAddress', 'postalCode', 'city', 'cityCode', 'departement', 'region', 'geometry'] as const;

/**
 * An address is free text (`"12 rue …"`) or structured parts with a `label`; stored structured
 * (`{ label, … }`). Codes are checked like the location fields; geocoding belongs to an adapter.
 */
function validateAddress(value: unknown, locations: LocationCatalogue | undefined): FieldValueResult {
  if (isBlank(value)) return empty;
  if (typeof value === 'string') {
    const label = value.trim();
    return label.length > 500 ? invalid('L’adresse est trop longue (500 caractères au plus).') : valid({ label });
  }
  if (!isPlainObject(value)) return invalid('Saisissez une adresse.');
  const unknownKey = Object.keys(value).find((key) => !(addressKeys as readonly string[]).includes(key));
  if (unknownKey !== undefined) return invalid(`Adresse : l’élément « ${unknownKey} » n’est pas attendu.`);
  const cleaned: Record<string, FieldValue> = {};
  for (const key of ['label', 'streetAddress', 'city'] as const) {
    const part = value[key];
    if (part === undefined || part === null) continue;
    if (typeof part !== 'string' || part.trim().length > 500) return invalid('Adresse : texte invalide.');
    if (part.trim() !== '') cleaned[key] = part.trim();
  }
  if (cleaned['label'] === undefined) return invalid('Adresse : le libellé complet de l’adresse est obligatoire.');
  if (value['postalCode'] !== undefined && value['postalCode'] !== null) {
    if (typeof value['postalCode'] !== 'string' || !/^\d{5}$/u.test(value['postalCode'].trim())) return invalid('Adresse : le code postal comporte 5 chiffres.');
    cleaned['postalCode'] = value['postalCode'].trim();
  }
  const codes: [key: 'cityCode' | 'departement' | 'region', kind: CodeKind][] = [['cityCode', 'communes'], ['departement', 'departements'], ['region', 'regions']];
  for (const [key, kind] of codes) {
    if (value[key] === undefined || value[key] === null) continue;
    const result = validateCode(kind, value[key], locations);
    if (result.kind === 'invalid') return invalid(`Adresse : ${result.message.charAt(0).toLowerCase()}${result.message.slice(1)}`);
    if (result.kind === 'value') cleaned[key] = result.value;
  }
  if (value['geometry'] !== undefined && value['geometry'] !== null) {
    const geometry = checkGeometry(value['geometry'], ['Point']);
    if (typeof geometry === 'string') return invalid(`Adresse : ${geometry}`);
    cleaned['geometry'] = geometry;
  }
  return valid(cleaned);
}

/** Caps keep a drawing from filling the dossier document. */
export const maxCarteFeatures = 500;
export const maxCartePositions = 20_000;

function checkPosition(position: unknown): [number, number] | string {
  if (!Array.isArray(position) || position.length !== 2) return 'chaque point doit être [longitude, latitude].';
  const [longitude, latitude] = position as unknown[];
  if (typeof longitude !== 'number' || typeof latitude !== 'number' || !Number.isFinite(longitude) || !Number.isFinite(latitude)) return 'coordonnées non numériques.';
  if (longitude < -180 || longitude > 180) return 'la longitude doit être comprise entre -180 et 180.';
  if (latitude < -90 || latitude > 90) return 'la latitude doit être comprise entre -90 et 90.';
  return [longitude, latitude];
}

function checkPositions(positions: unknown, minimum: number, budget: { left: number }): [number, number][] | string {
  if (!Array.isArray(positions) || positions.length < minimum) return `au moins ${minimum} points attendus.`;
  budget.left -= positions.length;
  if (budget.left < 0) return `au plus ${maxCartePositions} points au total.`;
  const checked: [number, number][] = [];
  for (const position of positions) {
    const result = checkPosition(position);
    if (typeof result === 'string') return result;
    checked.push(result);
  }
  return checked;
}

/** A GeoJSON geometry of an allowed type, cleaned; or a French reason. */
function checkGeometry(geometry: unknown, allowed: readonly string[], budget = { left: maxCartePositions }): Record<string, FieldValue> | string {
  if (!isPlainObject(geometry) || typeof geometry['type'] !== 'string') return 'géométrie GeoJSON attendue.';
  const type = geometry['type'];
  if (!allowed.includes(type)) return `géométrie « ${type} » non acceptée (attendu : ${allowed.join(', ')}).`;
  const coordinates = geometry['coordinates'];
  if (type === 'Point') {
    budget.left -= 1;
    const point = checkPosition(coordinates);
    return typeof point === 'string' ? point : { type, coordinates: point };
  }
  if (type === 'LineString') {
    const line = checkPositions(coordinates, 2, budget);
    return typeof line === 'string' ? line : { type, coordinates: line };
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) return 'un polygone a au moins un contour.';
  const rings: [number, number][][] = [];
  for (const ring of coordinates) {
    const checked = checkPositions(ring, 4, budget);
    if (typeof checked === 'string') return checked;
    const first = checked[0];
    const last = checked[checked.length - 1];
    if (first === undefined || last === undefined || first[0] !== last[0] || first[1] !== last[1]) return 'un contour de polygone doit être fermé (dernier point = premier point).';
    rings.push(checked);
  }
  return { type, coordinates: rings };
}

/**
 * GeoJSON drawn on a map: a Feature or a FeatureCollection of Point, LineString or Polygon
 * (optionally restricted by `allowedGeometries`), coordinates in WGS 84 range. Stored as a
 * FeatureCollection; feature properties are dropped (the map only draws geometries).
 */
function validateCarte(value: unknown, field: FormField): FieldValueResult {
  if (value === undefined || value === null) return empty;
  const allowed = field.options?.allowedGeometries ?? carteGeometryTypes;
  if (!isPlainObject(value)) return invalid('Dessinez une zone sur la carte (GeoJSON attendu).');
  const features = value['type'] === 'Feature' ? [value] : value['type'] === 'FeatureCollection' ? value['features'] : undefined;
  if (!Array.isArray(features)) return invalid('Carte : un objet GeoJSON « Feature » ou « FeatureCollection » est attendu.');
  if (features.length === 0) return empty;
  if (features.length > maxCarteFeatures) return invalid(`Carte : au plus ${maxCarteFeatures} tracés.`);
  const budget = { left: maxCartePositions };
  const cleaned: FieldValue[] = [];
  for (const [index, feature] of features.entries()) {
    if (!isPlainObject(feature) || feature['type'] !== 'Feature') return invalid(`Carte, tracé n° ${index + 1} : « Feature » GeoJSON attendu.`);
    const geometry = checkGeometry(feature['geometry'], allowed, budget);
    if (typeof geometry === 'string') return invalid(`Carte, tracé n° ${index + 1} : ${geometry}`);
    cleaned.push({ type: 'Feature', geometry, properties: {} });
  }
  return valid({ type: 'FeatureCollection', features: cleaned });
}

/** `YYYY-MM-DDTHH:mm` (seconds optional, dropped), a local date-time as a form input gives it. */
export function parseIsoDateTime(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/u.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return undefined;
  return `${year}-${month}-${day}T${hour}:${minute}`;
}

const frenchDateTime = (iso: string): string => `${iso.slice(0, 10).split('-').reverse().join('/')} à ${iso.slice(11, 16)}`;

function validateDateTime(value: unknown, field: FormField): FieldValueResult {
  if (isBlank(value)) return empty;
  const message = 'Saisissez une date et une heure valides (exemple : 2024-03-31T14:30).';
  if (typeof value !== 'string') return invalid(message);
  const dateTime = parseIsoDateTime(value.trim());
  if (dateTime === undefined) return invalid(message);
  const bound = (raw: unknown): string | undefined => (typeof raw === 'string' ? parseIsoDateTime(raw) : undefined);
  const min = bound(field.options?.min);
  const max = bound(field.options?.max);
  if (min !== undefined && dateTime < min) return invalid(`La date doit être le ${frenchDateTime(min)} ou après.`);
  if (max !== undefined && dateTime > max) return invalid(`La date doit être le ${frenchDateTime(max)} ou avant.`);
  return valid(dateTime);
}

/**
 * `formatted`: with `mode: 'regex'` the whole value must match `pattern` (compiled with the `u`
 * flag); with `mode: 'simple'` only letters and/or digits (and spaces) are allowed, and the length
 * (spaces not counted) must stay within `minLength`..`maxLength`.
 */
function validateFormatted(value: unknown, field: FormField): FieldValueResult {
  if (isBlank(value)) return empty;
  const options = field.options ?? {};
  if (typeof value !== 'string') return invalid('Saisissez un texte.');
  const text = value.trim();
  const example = options.patternExample !== undefined ? ` (exemple : ${options.patternExample})` : '';
  const regexMode = options.mode === 'regex' && options.pattern !== undefined;
  const cap = regexMode ? (options.maxLength ?? 2_000) : 2_000;
  if ([...text].length > cap) return invalid(`Au plus ${cap} caractères.`);
  if (regexMode && options.pattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(`^(?:${options.pattern})$`, 'u');
    } catch {
      return invalid('Le format de ce champ est mal configuré ; contactez l’administration.');
    }
    return pattern.test(text) ? valid(text) : invalid(`Le format saisi n’est pas celui attendu${example}.`);
  }
  const letters = options.letters ?? true;
  const digits = options.digits ?? true;
  const allowed = letters && digits ? /^[\p{L}\d ]*$/u : letters ? /^[\p{L} ]*$/u : /^[\d ]*$/u;
  const kinds = letters && digits ? 'des lettres et des chiffres' : letters ? 'des lettres' : 'des chiffres';
  if (!allowed.test(text)) return invalid(`Saisissez uniquement ${kinds}${example}.`);
  const length = [...text.replace(/ /gu, '')].length;
  if (options.minLength !== undefined && length < options.minLength) return invalid(`Au moins ${options.minLength} caractères (hors espaces).`);
  if (options.maxLength !== undefined && length > options.maxLength) return invalid(`Au plus ${options.maxLength} caractères (hors espaces).`);
  return valid(text);
}

function validateMultipleChoice(value: unknown, field: FormField): FieldValueResult {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return empty;
  const choices = field.options?.choices ?? [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return invalid('Cochez une ou plusieurs des valeurs proposées.');
  const selected = [...new Set(value as string[])];
  const unknown = selected.find((item) => !choices.includes(item));
  if (unknown !== undefined) return invalid(`« ${unknown.slice(0, 100)} » ne fait pas partie des valeurs proposées.`);
  // Kept in the order of the options, so two equal selections are stored the same way.
  return valid(choices.filter((choice) => selected.includes(choice)));
}

/** `linked_drop_down_list`: `{ primary, secondary }`, the secondary among the primary's children. */
function validateLinkedChoice(value: unknown, field: FormField): FieldValueResult {
  if (value === undefined || value === null) return empty;
  const message = 'Choisissez une valeur dans chacune des deux listes.';
  if (!isPlainObject(value) || Object.keys(value).some((key) => key !== 'primary' && key !== 'secondary')) return invalid(message);
  const { primary, secondary } = value;
  if (isBlank(primary) && isBlank(secondary)) return empty;
  const entry = (field.options?.linkedChoices ?? []).find((choice) => choice.value === primary);
  if (entry === undefined) return invalid('Choisissez une des valeurs proposées dans la première liste.');
  if (entry.children.length === 0) return isBlank(secondary) ? valid({ primary: entry.value }) : invalid('Cette valeur n’a pas de second niveau.');
  if (typeof secondary !== 'string' || !entry.children.includes(secondary)) return invalid('Choisissez une des valeurs proposées dans la seconde liste.');
  return valid({ primary: entry.value, secondary });
}

/** Shape of each referential value; the lookup itself belongs to the tenant's adapter (later). */
const referentialRules: Record<string, { keys: Record<string, RegExp>; message: string } | { pattern: RegExp; message: string }> = {
  annuaire_education: { pattern: /^\d{7}[A-Z]$/u, message: 'Saisissez le numéro UAI de l’établissement : 7 chiffres et une lettre (exemple : 0750001A).' },
  mesri: { pattern: /^[0-9A-Z]{11}$/u, message: 'Saisissez l’identifiant national étudiant (INE) : 11 caractères (exemple : 1234567890A).' },
  pole_emploi: { pattern: /^[0-9A-Z]{8,11}$/u, message: 'Saisissez l’identifiant France Travail : 8 à 11 chiffres ou lettres.' },
  cnaf: { keys: { numeroAllocataire: /^\d{1,7}$/u, codePostal: /^\d{5}$/u }, message: 'Saisissez le numéro d’allocataire (7 chiffres au plus) et le code postal (5 chiffres).' },
  dgfip: { keys: { numeroFiscal: /^[0-3]\d{12}$/u, referenceAvis: /^[0-9A-Z]{13}$/u }, message: 'Saisissez le numéro fiscal (13 chiffres) et la référence de l’avis d’imposition (13 caractères).' },
};

function validateReferential(type: string, value: unknown): FieldValueResult {
  if (isBlank(value)) return empty;
  if (type === 'referentiel') {
    if (typeof value !== 'string') return invalid('Saisissez une valeur.');
    const text = value.trim();
    return [...text].length > 500 ? invalid('Au plus 500 caractères.') : valid(text);
  }
  const rule = referentialRules[type];
  if (rule === undefined) return invalid('Type de champ inconnu.');
  if ('pattern' in rule) {
    if (typeof value !== 'string') return invalid(rule.message);
    const code = compactIdentifier(value);
    return rule.pattern.test(code) ? valid(code) : invalid(rule.message);
  }
  if (!isPlainObject(value)) return invalid(rule.message);
  const cleaned: Record<string, string> = {};
  for (const [key, pattern] of Object.entries(rule.keys)) {
    const part = value[key];
    const code = typeof part === 'string' ? compactIdentifier(part) : typeof part === 'number' ? String(part) : '';
    if (!pattern.test(code)) return invalid(rule.message);
    cleaned[key] = code;
  }
  if (Object.keys(value).some((key) => !(key in rule.keys))) return invalid(rule.message);
  return valid(cleaned);
}

export interface ValueContext {
  readonly locations?: LocationCatalogue;
}

/** The typed validators by field type; `undefined` for the spine's types (field-value.validators). */
export function validateTypedValue(field: FormField, value: unknown, context: ValueContext): FieldValueResult | undefined {
  switch (field.type) {
    case 'siret':
      return validateSiret(value);
    case 'rna':
      return validateRna(value);
    case 'rnf':
      return validateRnf(value);
    case 'iban':
      return validateIban(value);
    case 'civilite':
      return validateCivilite(value);
    case 'dossier_link':
      return validateDossierLink(value);
    case 'communes':
    case 'departements':
    case 'regions':
    case 'epci':
    case 'pays':
      return validateCode(field.type, value, context.locations);
    case 'address':
      return validateAddress(value, context.locations);
    case 'carte':
      return validateCarte(value, field);
    case 'datetime':
      return validateDateTime(value, field);
    case 'formatted':
      return validateFormatted(value, field);
    case 'multiple_drop_down_list':
      return validateMultipleChoice(value, field);
    case 'linked_drop_down_list':
      return validateLinkedChoice(value, field);
    case 'annuaire_education':
    case 'cnaf':
    case 'dgfip':
    case 'pole_emploi':
    case 'mesri':
    case 'referentiel':
      return validateReferential(field.type, value);
    default:
      return undefined;
  }
}
