import { type SvaSvrSettings } from '@guichet/contracts';
import { type AdminProcedure, type ProcedureSettingsPatch } from '../api/types';

/** The settings form as the inputs hold it (texts), from and to the API's shapes. */
export type SettingsForm = {
  organisation: string;
  email: string;
  phone: string;
  address: string;
  openingHours: string;
  path: string;
  closesAt: string;
  declarativeMode: '' | 'en_instruction' | 'accepte';
  svaSvrEnabled: boolean;
  decision: SvaSvrSettings['decision'];
  delay: string;
  unit: SvaSvrSettings['unit'];
  resubmission: SvaSvrSettings['resubmission'];
  retentionMonths: string;
  expertsAllowed: boolean;
  submissionMessage: string;
};

/** The API path of the setting each input edits (where the service puts its messages). */
export const settingsPaths: Readonly<Record<Exclude<keyof SettingsForm, 'svaSvrEnabled'>, string>> = {
  organisation: 'serviceContact.organisation',
  email: 'serviceContact.email',
  phone: 'serviceContact.phone',
  address: 'serviceContact.address',
  openingHours: 'serviceContact.openingHours',
  path: 'path',
  closesAt: 'closesAt',
  declarativeMode: 'declarativeMode',
  decision: 'svaSvr.decision',
  delay: 'svaSvr.delay',
  unit: 'svaSvr.unit',
  resubmission: 'svaSvr.resubmission',
  retentionMonths: 'retentionMonths',
  expertsAllowed: 'expertsAllowed',
  submissionMessage: 'submissionMessage',
};
export type SettingsInput = keyof typeof settingsPaths;

const pad = (value: number) => String(value).padStart(2, '0');

/** An ISO instant as a datetime-local input's value, in the browser's time zone ('' for none). */
export function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (browser's time zone) as an ISO instant; null when empty, undefined when invalid. */
export function fromLocalInput(value: string): string | null | undefined {
  if (value.trim() === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function formFromProcedure(procedure: Pick<AdminProcedure, 'path' | 'closesAt' | 'settings'>): SettingsForm {
  const { settings } = procedure;
  const contact = settings.serviceContact;
  return {
    organisation: contact?.organisation ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    address: contact?.address ?? '',
    openingHours: contact?.openingHours ?? '',
    path: procedure.path,
    closesAt: toLocalInput(procedure.closesAt),
    declarativeMode: settings.declarativeMode ?? '',
    svaSvrEnabled: settings.svaSvr !== null,
    decision: settings.svaSvr?.decision ?? 'sva',
    delay: settings.svaSvr === null ? '2' : String(settings.svaSvr.delay),
    unit: settings.svaSvr?.unit ?? 'months',
    resubmission: settings.svaSvr?.resubmission ?? 'pause',
    retentionMonths: String(settings.retentionMonths),
    expertsAllowed: settings.expertsAllowed,
    submissionMessage: settings.submissionMessage,
  };
}

const wholeNumber = (text: string): number | undefined => (/^\s*\d+\s*$/.test(text) ? Number(text) : undefined);

/**
 * The PATCH …/settings body of the form, or the inputs the browser can already tell are wrong. A
 * contact with every input empty clears the contact; SVA/SVR off clears it.
 */
export function patchFromForm(form: SettingsForm): { ok: true; patch: ProcedureSettingsPatch } | { ok: false; errors: Partial<Record<SettingsInput, string>> } {
  const errors: Partial<Record<SettingsInput, string>> = {};
  const closesAt = fromLocalInput(form.closesAt);
  if (closesAt === undefined) errors.closesAt = 'Date invalide : choisissez une date et une heure.';
  const retentionMonths = wholeNumber(form.retentionMonths);
  if (retentionMonths === undefined) errors.retentionMonths = 'Indiquez un nombre entier de mois.';
  const delay = wholeNumber(form.delay);
  if (form.svaSvrEnabled && delay === undefined) errors.delay = 'Indiquez un nombre entier.';
  if (Object.keys(errors).length > 0 || closesAt === undefined || retentionMonths === undefined) return { ok: false, errors };
  const contact = [form.organisation, form.email, form.phone, form.address, form.openingHours].some((text) => text.trim() !== '');
  return {
    ok: true,
    patch: {
      path: form.path.trim(),
      closesAt,
      serviceContact: contact ? { organisation: form.organisation.trim(), email: form.email.trim(), phone: form.phone.trim(), address: form.address.trim(), openingHours: form.openingHours.trim() } : null,
      declarativeMode: form.declarativeMode === '' ? null : form.declarativeMode,
      svaSvr: form.svaSvrEnabled && delay !== undefined ? { decision: form.decision, delay, unit: form.unit, resubmission: form.resubmission } : null,
      retentionMonths,
      expertsAllowed: form.expertsAllowed,
      submissionMessage: form.submissionMessage,
    },
  };
}

/**
 * The service's messages (path → message) by input; a path may carry a prefix and is matched on
 * its end. Messages for no input (e.g. `serviceContact` as a whole) are returned in `others`.
 */
export function settingsErrors(fields: Readonly<Record<string, string>>): { byInput: Partial<Record<SettingsInput, string>>; others: string[] } {
  const byInput: Partial<Record<SettingsInput, string>> = {};
  const others: string[] = [];
  const inputs = Object.entries(settingsPaths) as [SettingsInput, string][];
  for (const [key, message] of Object.entries(fields)) {
    const input = inputs.find(([, path]) => key === path || key.endsWith(`.${path}`))?.[0];
    if (input !== undefined && byInput[input] === undefined) byInput[input] = message;
    else others.push(message);
  }
  return { byInput, others };
}
