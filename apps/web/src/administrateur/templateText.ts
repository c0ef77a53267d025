import { type MailTemplateKind, type ProcedureTags } from '@guichet/contracts';
import { type ProcedureTag } from '../api/types';

/** French names of the e-mails, in the order of a dossier's life, and when each is sent. */
export const mailTemplateTexts: Readonly<Record<MailTemplateKind, { name: string; when: string }>> = {
  initiated: { name: 'Accusé de réception', when: 'Envoyé à l’usager quand il dépose son dossier.' },
  received: { name: 'Passage en instruction', when: 'Envoyé quand le dossier passe en instruction.' },
  closed: { name: 'Acceptation', when: 'Envoyé quand le dossier est accepté.' },
  refused: { name: 'Refus', when: 'Envoyé quand le dossier est refusé.' },
  without_continuation: { name: 'Classement sans suite', when: 'Envoyé quand le dossier est classé sans suite.' },
  re_instructed: { name: 'Retour en instruction', when: 'Envoyé quand une décision est annulée et que le dossier repasse en instruction.' },
};

/** The tags a template sent in `state` may use: those that have a value in that state. */
export function tagsForState(tags: ProcedureTags['tags'], state: string | undefined): ProcedureTag[] {
  if (state === undefined) return [];
  return tags.filter((tag) => tag.availableIn.includes(state));
}

/**
 * Puts `tag` in `text` in place of the selection [start, end) (the cursor when they are equal),
 * clamped to the text; gives the new text and where the cursor goes (right after the tag).
 */
export function insertTag(text: string, tag: string, start: number | null, end: number | null): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start ?? text.length, text.length));
  const to = Math.max(from, Math.min(end ?? from, text.length));
  return { text: `${text.slice(0, from)}${tag}${text.slice(to)}`, caret: from + tag.length };
}

/**
 * The service's messages for one template (`<prefix>.<part>` → message), by part; messages on the
 * template as a whole or on unknown parts are returned in `others`.
 */
export function templateErrors(fields: Readonly<Record<string, string>>, prefix: string, parts: readonly string[]): { byPart: Record<string, string>; others: string[] } {
  const byPart: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    if (path !== prefix && !path.startsWith(`${prefix}.`)) continue;
    const part = path.slice(prefix.length + 1).split('.')[0] ?? '';
    if (parts.includes(part) && byPart[part] === undefined) byPart[part] = message;
    else others.push(message);
  }
  return { byPart, others };
}

/** `insertTag` with the selection first: the new value and where the cursor goes. */
export function insertAt(value: string, start: number | null, end: number | null, tag: string): { value: string; caret: number } {
  const { text, caret } = insertTag(value, tag, start, end);
  return { value: text, caret };
}

/** The service's message for one template text (`mailTemplates.initiated.body`), with or without a prefix. */
export function templateError(fields: Readonly<Record<string, string>>, path: string): string | undefined {
  return fields[path] ?? Object.entries(fields).find(([key]) => key.endsWith(`.${path}`))?.[1];
}
