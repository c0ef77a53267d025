import { escapeHtml } from '@guichet/tags';

/**
 * The HTML part of an e-mail, made from its text: everything is escaped (templates are plain text,
 * so nothing an administrator or a usager wrote is interpreted as markup), links become clickable,
 * blank lines separate paragraphs.
 */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${linkify(escapeHtml(paragraph)).replace(/\n/g, '<br>\n')}</p>`);
  return `<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"></head><body>\n${paragraphs.join('\n')}\n</body></html>`;
}

/** Applied to escaped text: a URL cannot contain a raw quote or angle bracket any more. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
}
