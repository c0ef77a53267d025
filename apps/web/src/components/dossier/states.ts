import { type AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { type DossierState } from '@guichet/dossier-state';

type BadgeSeverity = AlertProps.Severity | 'new' | undefined;

/** French label and DSFR Badge severity of each dossier state. */
export const dossierStateDisplay: Record<DossierState, { label: string; severity: BadgeSeverity }> = {
  brouillon: { label: 'Brouillon', severity: undefined },
  en_construction: { label: 'En construction', severity: 'info' },
  en_instruction: { label: 'En instruction', severity: 'new' },
  accepte: { label: 'Accepté', severity: 'success' },
  refuse: { label: 'Refusé', severity: 'error' },
  sans_suite: { label: 'Classé sans suite', severity: undefined },
};

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** A date and time in French, e.g. "28 novembre 2025 à 14:05". */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const key = timeZone ?? '';
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
    dateTimeFormats.set(key, format);
  }
  return format.format(date);
}

/** A date in French, e.g. "28 novembre 2025". */
export function formatDate(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', ...(timeZone ? { timeZone } : {}) }).format(date);
}
