import { type BuilderField } from './fieldList';

/** Messages of one field, by path inside it: `label`, `options.max`, `condition.conditions.0.value`, `children`… */
export type FieldErrors = Readonly<Record<string, string>>;

/**
 * Sorts the messages of a failed save (paths of the payload such as `fields.3.options.max` or
 * `fields.2.children.1.label`, or `annotations.…` for the annotations list, possibly prefixed with `body.`) by the stable id of the field they
 * are about, so they stay on the right field when fields are moved afterwards. Messages about no
 * field in particular come back in `others`.
 */
export function errorsByField(fields: readonly BuilderField[], errors: Readonly<Record<string, string>>, list: 'fields' | 'annotations' = 'fields'): { byField: Map<string, FieldErrors>; others: string[] } {
  const byField = new Map<string, Record<string, string>>();
  const others: string[] = [];
  const add = (stableId: string, path: string, message: string) => {
    const own = byField.get(stableId) ?? {};
    own[path] ??= message;
    byField.set(stableId, own);
  };
  for (const [rawPath, message] of Object.entries(errors)) {
    const path = rawPath.replace(/^body[./]/u, '').replace(/\//gu, '.');
    const match = new RegExp(`^${list}\\.(\\d+)(?:\\.children\\.(\\d+))?(?:\\.(.+))?$`, 'u').exec(path);
    const field = match === null ? undefined : fields[Number(match[1])];
    if (match === null || field === undefined) {
      others.push(message);
      continue;
    }
    const rest = match[3] ?? '';
    if (match[2] !== undefined) {
      const child = field.children?.[Number(match[2])];
      if (child === undefined) add(field.stableId, 'children', message);
      else add(child.stableId, rest, message);
      continue;
    }
    add(field.stableId, rest, message);
  }
  return { byField, others };
}

/** The messages under `prefix` (`options`, `condition`), by the rest of their path (`''` for the prefix itself). */
export function errorsUnder(errors: FieldErrors | undefined, prefix: string): Record<string, string> {
  const under: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors ?? {})) {
    if (path === prefix) under[''] = message;
    else if (path.startsWith(`${prefix}.`)) under[path.slice(prefix.length + 1)] = message;
  }
  return under;
}

/** Messages that no input of the field shows (an unexpected path): shown at the field's top. */
export function unplacedErrors(errors: FieldErrors | undefined, placed: (path: string) => boolean): string[] {
  return Object.entries(errors ?? {})
    .filter(([path]) => !placed(path))
    .map(([, message]) => message);
}
