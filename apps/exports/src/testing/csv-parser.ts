/**
 * An RFC 4180 reader (`;` separated) for tests: records, not lines, since a quoted cell may hold
 * line breaks. Throws on malformed quoting so a writer bug cannot pass unnoticed.
 */
export function parseCsv(text: string, separator = ';'): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let atCellStart = true;
  while (i < text.length) {
    const char = text[i] ?? '';
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== separator && next !== '\r' && next !== '\n') throw new Error(`unexpected character after a closing quote at ${String(i)}`);
        continue;
      }
      cell += char;
      i += 1;
      continue;
    }
    if (char === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
      i += 1;
      continue;
    }
    if (char === '"') throw new Error(`quote inside an unquoted cell at ${String(i)}`);
    if (char === separator) {
      record.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      atCellStart = true;
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    cell += char;
    atCellStart = false;
    i += 1;
  }
  if (quoted) throw new Error('unterminated quoted cell');
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}
