import { type GeoResolver } from '@guichet/conditions';
import { fieldValueText, formatDateTimeFr } from '@guichet/field-values';
import { type DossierField, type DossierValues, cleanedLookup, errorKey, rowsOf, shownFields } from './dossierFormState';
import { countries, departements, locationOptionLabel, regions } from './locations';

/** One line of a dossier's read-only summary: a section title, an answer, or a repeatable block and its rows. */
export type SummaryEntry =
  | { kind: 'section'; stableId: string; label: string }
  | { kind: 'value'; stableId: string; label: string; text: string }
  | { kind: 'repetition'; stableId: string; label: string; rows: SummaryEntry[][] };

/** What the summary says of a field left empty. */
export const emptyAnswer = 'Non renseigné';

const civilites: Record<string, string> = { Mme: 'Madame', 'M.': 'Monsieur' };
const pairedLabels: Record<string, Record<string, string>> = {
  cnaf: { numeroAllocataire: 'Numéro d’allocataire', codePostal: 'Code postal' },
  dgfip: { numeroFiscal: 'Numéro fiscal', referenceAvis: 'Référence de l’avis d’imposition' },
};

/**
 * A value as French text for the usager's summary: the shared rules of `@guichet/field-values`
 * (dates, numbers, yes/no, files), plus what only the web app knows how to name (civilité,
 * départements, régions and countries by name, two-part referentials). '' when there is nothing.
 */
export function answerText(field: Pick<DossierField, 'type'>, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'civilite':
      return typeof value === 'string' ? (civilites[value] ?? value) : fieldValueText(field.type, value);
    case 'departements': {
      const found = departements.find((entry) => entry.code === value);
      return found === undefined ? fieldValueText(field.type, value) : locationOptionLabel(found);
    }
    case 'regions':
    case 'pays': {
      const found = (field.type === 'regions' ? regions : countries).find((entry) => entry.code === value);
      return found === undefined ? fieldValueText(field.type, value) : found.nom;
    }
    case 'datetime':
      return typeof value === 'string' ? formatDateTimeFr(value) : fieldValueText(field.type, value);
    case 'titre_identite':
      return fieldValueText('piece_justificative', value);
    case 'linked_drop_down_list': {
      if (typeof value !== 'object' || Array.isArray(value)) return fieldValueText(field.type, value);
      const { primary, secondary } = value as { primary?: unknown; secondary?: unknown };
      return [primary, secondary].filter((part): part is string => typeof part === 'string' && part !== '').join(' / ');
    }
    case 'cnaf':
    case 'dgfip': {
      if (typeof value !== 'object' || Array.isArray(value)) return fieldValueText(field.type, value);
      const labels = pairedLabels[field.type] ?? {};
      return Object.entries(value as Record<string, unknown>)
        .filter(([, part]) => typeof part === 'string' && part.trim() !== '')
        .map(([key, part]) => `${labels[key] ?? key} : ${String(part)}`)
        .join(', ');
    }
    case 'carte':
      return typeof value === 'object' ? 'Zone tracée sur la carte (GeoJSON)' : fieldValueText(field.type, value);
    default:
      return fieldValueText(field.type, value);
  }
}

/**
 * The summary of a dossier's answers, in the form's order: only the fields its conditions show
 * (as the server validated them), explanations left out, repeatable blocks row by row.
 */
export function summarize(fields: readonly DossierField[], values: DossierValues, geo: GeoResolver, outer?: (stableId: string) => unknown): SummaryEntry[] {
  const shown = shownFields(fields, values, geo, outer);
  const cleaned = cleanedLookup(fields, values, outer);
  const rowOuter = (stableId: string) => (shown.has(stableId) ? cleaned(stableId) : outer?.(stableId));
  const entries: SummaryEntry[] = [];
  for (const field of fields) {
    if (!shown.has(field.stableId) || field.type === 'explication') continue;
    if (field.type === 'header_section') entries.push({ kind: 'section', stableId: field.stableId, label: field.label });
    else if (field.type === 'repetition') {
      const rows = rowsOf(values[field.stableId]).map((row) => summarize(field.children ?? [], row.values, geo, rowOuter));
      entries.push({ kind: 'repetition', stableId: field.stableId, label: field.label, rows });
    } else entries.push({ kind: 'value', stableId: field.stableId, label: field.label, text: answerText(field, values[field.stableId]) || emptyAnswer });
  }
  return entries;
}

/**
 * Field errors (or warnings) of the API (`values.<stableId>`, `values.<block>.rows.<i>.<child>`) as
 * the form's error keys (`errorKey`); paths outside `values` are returned in `others`.
 */
export function formErrorsOf(fields: Readonly<Record<string, string>>): { byKey: Record<string, string>; others: string[] } {
  const byKey: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    if (path.startsWith('values.') && path.length > 'values.'.length) byKey[path.slice('values.'.length)] = message;
    else others.push(message);
  }
  return { byKey, others };
}

/** One error of the form, for the summary at the top: the field's label (with its row) and the id of its input. */
export type ErrorLink = { key: string; label: string; message: string; inputId: string };

/**
 * The errors in the form's order, each with the label of its field and the id DossierForm gives
 * its input (`<formId>-<stableId>`, `<formId>-<block>-l<i>-<child>` in a row); errors of unknown
 * fields come last, labelled by nothing but their message.
 */
export function errorLinks(formId: string, fields: readonly DossierField[], errors: Readonly<Record<string, string>>): ErrorLink[] {
  const links: ErrorLink[] = [];
  const used = new Set<string>();
  for (const field of fields) {
    const key = errorKey(field.stableId);
    const message = errors[key];
    if (message !== undefined) {
      links.push({ key, label: field.label, message, inputId: `${formId}-${field.stableId}` });
      used.add(key);
    }
    if (field.type !== 'repetition') continue;
    const rowPattern = new RegExp(`^${escapeRegExp(field.stableId)}\\.rows\\.(\\d+)\\.(.+)$`);
    const rowErrors = Object.entries(errors)
      .map(([candidate, text]) => ({ candidate, text, match: rowPattern.exec(candidate) }))
      .filter((entry) => entry.match !== null)
      .sort((a, b) => Number(a.match?.[1]) - Number(b.match?.[1]));
    for (const { candidate, text, match } of rowErrors) {
      const index = Number(match?.[1]);
      const childId = match?.[2] ?? '';
      const child = (field.children ?? []).find((entry) => entry.stableId === childId);
      links.push({ key: candidate, label: `${field.label} – ligne ${index + 1} : ${child?.label ?? childId}`, message: text, inputId: `${formId}-${field.stableId}-l${index}-${childId}` });
      used.add(candidate);
    }
  }
  for (const [key, message] of Object.entries(errors)) if (!used.has(key)) links.push({ key, label: '', message, inputId: '' });
  return links;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
