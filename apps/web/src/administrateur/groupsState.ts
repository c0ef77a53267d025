import { type FieldDefinition } from '@guichet/contracts';

/** The service's per-line messages of a CSV import (`lines.<n>`), in line order, in French. */
export function csvLineErrors(fields: Readonly<Record<string, string>>): string[] {
  const lines: { line: number; message: string }[] = [];
  const others: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const match = /^lines\.(\d+)$/.exec(path);
    if (match) lines.push({ line: Number(match[1]), message });
    else others.push(message);
  }
  return [...lines.sort((a, b) => a.line - b.line).map(({ line, message }) => `Ligne ${line} : ${message}`), ...others];
}

/** E-mail addresses typed one per line (or separated by commas, semicolons or spaces), without duplicates. */
export function parseEmails(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((email) => email.trim().toLowerCase()).filter(Boolean))];
}

/**
 * The fields a routing rule may test, as the service allows: the draft's, then the published
 * revision's that the draft no longer has (the draft wins on a shared id).
 */
export function routingFields(draft: readonly FieldDefinition[], published: readonly FieldDefinition[] | undefined): FieldDefinition[] {
  const draftIds = new Set(draft.map((field) => field.stableId));
  return [...draft, ...(published ?? []).filter((field) => !draftIds.has(field.stableId))];
}

/** The messages on a routing rule (`routingRule.<path>`), with paths relative to the condition. */
export function routingRuleErrors(fields: Readonly<Record<string, string>>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    if (path === 'routingRule') errors[''] = message;
    else if (path.startsWith('routingRule.')) errors[path.slice('routingRule.'.length)] = message;
  }
  return errors;
}
