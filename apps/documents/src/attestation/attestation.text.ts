/** "28 novembre 2026"; the first day of a month is written "1er", as French usage wants. */
export function formatAttestationDate(date: Date, timeZone = 'Europe/Paris'): string {
  const formatted = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
  return formatted.replace(/^1 /, '1er ');
}

/** Blank-line separated paragraphs (single line breaks stay inside a paragraph); blank ones are dropped. */
export function splitParagraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((paragraph) =>
      paragraph
        .replace(/^\n+/, '')
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trimEnd(),
    )
    .filter((paragraph) => paragraph.trim() !== '');
}

/** The characters beyond Latin-1 that WinAnsiEncoding (the built-in PDF fonts) can show. */
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return char === '\n' || char === '\t' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || winAnsiExtras.has(char);
}

/** Letters without a decomposition into a Latin-1 letter and an accent. */
const lookAlikes: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't', Ŋ: 'N', ŋ: 'n', ĸ: 'k', ſ: 's',
  Ə: 'E', ə: 'e', Ɛ: 'E', ɛ: 'e', Ɔ: 'O', ɔ: 'o', Ŀ: 'L', ŀ: 'l', Ĳ: 'IJ', ĳ: 'ij', ŉ: '’n',
  '\u2010': '-', '\u2011': '-', '\u2012': '–', '\u2212': '-', '\u2015': '—',
  '\u2032': '’', '\u2033': '”', '\u2039': '‹', '\u203a': '›', '\u2023': '•', '\u2043': '-',
  '\u2116': 'N°',
  // Narrow no-break space (fr-FR number grouping, "1 200 €") keeps its no-break meaning.
  '\u202f': '\u00a0', '\u2007': '\u00a0',
};

/**
 * Text the built-in Helvetica can show: characters outside WinAnsiEncoding would print as
 * garbage, so accented letters lose only the accents the encoding lacks ("ễ" → "ê", "ő" → "o"),
 * a few letters and signs get their look-alike, spaces become spaces, invisible characters go,
 * and anything else becomes "?".
 */
export function toWinAnsi(text: string): string {
  let result = '';
  for (const char of text.normalize('NFC')) {
    // Soft hyphens too: the built-in fonts would print them as hyphens.
    if (/[\u200b-\u200d\u2060\ufeff\u00ad]/.test(char)) continue;
    if (isWinAnsi(char)) {
      result += char;
      continue;
    }
    const lookAlike = lookAlikes[char];
    if (lookAlike !== undefined) {
      result += lookAlike;
      continue;
    }
    if (/\s/u.test(char)) {
      result += ' ';
      continue;
    }
    result += withoutMissingAccents(char);
  }
  return result;
}

/** Drops combining accents from the last one until the letter is encodable; "?" if none is. */
function withoutMissingAccents(char: string): string {
  const parts = [...char.normalize('NFD')];
  while (parts.length > 1) {
    parts.pop();
    const candidate = parts.join('').normalize('NFC');
    if ([...candidate].every(isWinAnsi)) return candidate;
  }
  return '?';
}
