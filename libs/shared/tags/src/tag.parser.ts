/**
 * The tag grammar of DS: `--` + text on one line, not starting with `-`, up to the next `--`.
 * A `-` followed by another `-` ends the text, so `--a---` is the tag `a` followed by `-`.
 */
const tagPattern = /--([^\r\n-](?:[^\r\n-]|-(?!-))*)--/g;

/**
 * The form under which tag names are compared: Unicode NFC (an `é` typed as `e` + combining
 * accent is the same letter), `&nbsp;` and every kind of whitespace turned into single spaces,
 * trimmed. Case and accents stay significant, as in DS: `--Nom--` is not `--nom--`.
 */
export function normalizeTagName(name: string): string {
  return name.normalize('NFC').replace(/&nbsp;/g, ' ').replace(/\s+/gu, ' ').trim();
}

/** The tag as written in a template. */
export function formatTag(name: string): string {
  return `--${normalizeTagName(name)}--`;
}

/** Whether a name can be written as a tag that parses back to itself. */
export function isTaggableName(name: string): boolean {
  const normalized = normalizeTagName(name);
  if (normalized === '') return false;
  const matches = [...formatTag(normalized).matchAll(tagPattern)];
  return matches.length === 1 && matches[0]?.[0] === formatTag(normalized) && normalizeTagName(matches[0][1] ?? '') === normalized;
}

/** One tag occurrence: where it is in the template and its normalized name. */
export interface TagOccurrence {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

export function findTagOccurrences(template: string): TagOccurrence[] {
  const occurrences: TagOccurrence[] = [];
  for (const match of template.matchAll(tagPattern)) {
    const name = normalizeTagName(match[1] ?? '');
    // `-- --` is only dashes around blanks, not a tag.
    if (name === '') continue;
    occurrences.push({ name, start: match.index, end: match.index + match[0].length });
  }
  return occurrences;
}

/** The distinct tags a template uses, normalized, in order of first use. */
export function parseTags(template: string): string[] {
  return [...new Set(findTagOccurrences(template).map((occurrence) => occurrence.name))];
}
