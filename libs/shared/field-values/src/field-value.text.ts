import type { FormFieldType } from '@guichet/forms';

/**
 * A dossier value as French text, one set of rules wherever a value is shown as text: tags in
 * attestations (documents), CSV cells (exports). Browser-safe: only Intl, no Node API.
 */

const parisDate = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' });
const frenchNumber = new Intl.NumberFormat('fr-FR', { useGrouping: false, maximumFractionDigits: 20 });

const parisLongDate = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** An instant as a date in letters, in Paris: "1er avril 2026" (French usage for the first day). */
export function formatLongDateFr(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : parisLongDate.format(date).replace(/^1 /, '1er ');
}

/** `2026-11-28` → `28/11/2026` (a calendar date: no time zone shift); an instant → its date in Paris. */
export function formatDateFr(value: string): string {
  const calendar = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (calendar) return `${calendar[3] ?? ''}/${calendar[2] ?? ''}/${calendar[1] ?? ''}`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : parisDate.format(date);
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

/** An instant as spreadsheets in France read it: `28/11/2026 15:04` (Paris time). */
export function formatDateTimeFr(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // From parts: ICU versions differ on what separates the date from the time (",", " à ").
  const part = (type: Intl.DateTimeFormatPartTypes): string => parisDateTime.formatToParts(date).find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} ${part('hour')}:${part('minute')}`;
}

function booleanText(value: unknown): string {
  if (value === true || value === 'true' || value === 'on' || value === 'oui') return 'Oui';
  if (value === false || value === 'false' || value === 'off' || value === 'non') return 'Non';
  return genericText(value);
}

function numberText(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return frenchNumber.format(value);
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return frenchNumber.format(Number(value));
  return genericText(value);
}

/** A file value: `{ fileName }` (or `name`), or a list of them. */
function fileNameOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of ['fileName', 'name', 'filename']) {
      const candidate = record[key];
      if (typeof candidate === 'string') return candidate;
    }
  }
  return genericText(value);
}

function genericText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? frenchNumber.format(value) : '';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (Array.isArray(value)) return value.map(genericText).filter((text) => text !== '').join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['label', 'value', 'fileName', 'name']) {
      const candidate = record[key];
      if (typeof candidate === 'string') return candidate;
    }
    return JSON.stringify(value);
  }
  return String(value as bigint);
}

export function fieldValueText(type: FormFieldType, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (type) {
    case 'header_section':
    case 'explication':
      return '';
    case 'checkbox':
    case 'yes_no':
      return booleanText(value);
    case 'integer_number':
    case 'decimal_number':
      return numberText(value);
    case 'date':
      return typeof value === 'string' ? formatDateFr(value) : genericText(value);
    case 'piece_justificative':
      return (Array.isArray(value) ? value : [value]).map(fileNameOf).filter((name) => name !== '').join(', ');
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'drop_down_list':
      return genericText(value);
    default:
      // Types without a rule of their own yet: lists joined, labelled objects by their label.
      return genericText(value);
  }
}
