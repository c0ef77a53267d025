import { type TagDefinition } from './tag.catalogue';
import { findTagOccurrences, formatTag, normalizeTagName, parseTags } from './tag.parser';

type TagList = readonly (string | Pick<TagDefinition, 'name'>)[];

function namesOf(tags: TagList): string[] {
  return [...new Set(tags.map((tag) => normalizeTagName(typeof tag === 'string' ? tag : tag.name)))];
}

/** Case- and accent-insensitive key, only to suggest the tag the author probably meant. */
function looseKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr-FR');
}

export type TemplateValidation =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** The tags used in the template that are not available, normalized, in order of use. */
      readonly unknownTags: string[];
      /** The tags the template may use instead (the available ones), normalized. */
      readonly validTags: string[];
      /** Unknown tag → the available tag that differs only by case or accents. */
      readonly suggestions: Record<string, string>;
      /** French, for the template editor. */
      readonly message: string;
    };

/** Checks that a template uses only the available tags (matched exactly after normalization). */
export function validateTemplate(template: string, availableTags: TagList): TemplateValidation {
  const validTags = namesOf(availableTags);
  const valid = new Set(validTags);
  const unknownTags = parseTags(template).filter((name) => !valid.has(name));
  if (unknownTags.length === 0) return { ok: true };

  const byLooseKey = new Map(validTags.map((name) => [looseKey(name), name]));
  const suggestions: Record<string, string> = {};
  for (const unknown of unknownTags) {
    const suggestion = byLooseKey.get(looseKey(unknown));
    if (suggestion !== undefined) suggestions[unknown] = suggestion;
  }

  const listed = unknownTags
    .map((name) => {
      const suggestion = suggestions[name];
      return suggestion === undefined ? formatTag(name) : `${formatTag(name)} (vouliez-vous dire ${formatTag(suggestion)} ?)`;
    })
    .join(', ');
  const message =
    unknownTags.length === 1
      ? `Le modèle contient une balise inconnue : ${listed}.`
      : `Le modèle contient des balises inconnues : ${listed}.`;
  return { ok: false, unknownTags, validTags, suggestions, message };
}

const htmlEscapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => htmlEscapes[char] ?? char);
}

export interface RenderTemplateOptions {
  /** Escape the values (not the template) for an HTML body. */
  readonly escapeHtml?: boolean;
  /**
   * When given, tags outside this list are left as written, as DS does with text that merely
   * looks like a tag (`-- voir ci-dessous --`). Otherwise every tag is replaced.
   */
  readonly availableTags?: TagList;
}

/**
 * Replaces each tag with its value. `values` is keyed by tag name (normalized like the template's
 * tags); a tag without a value becomes an empty string.
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>, options: RenderTemplateOptions = {}): string {
  return tagRenderer(values, options.availableTags)(template, options.escapeHtml === true);
}

/**
 * `renderTemplate` for several templates with the same values (an e-mail's subject and body): the
 * tag names are normalized once, not once per template.
 */
export function tagRenderer(values: Readonly<Record<string, string>>, availableTags?: TagList): (template: string, escape?: boolean) => string {
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) byName.set(normalizeTagName(name), value);
  const available = availableTags === undefined ? null : new Set(namesOf(availableTags));
  return (template, escape = false) => {
    let rendered = '';
    let cursor = 0;
    for (const occurrence of findTagOccurrences(template)) {
      if (available !== null && !available.has(occurrence.name)) continue;
      const value = byName.get(occurrence.name) ?? '';
      rendered += template.slice(cursor, occurrence.start) + (escape ? escapeHtml(value) : value);
      cursor = occurrence.end;
    }
    return rendered + template.slice(cursor);
  };
}
