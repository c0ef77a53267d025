import { groupLabelSchema, memberEmailSchema } from '@guichet/contracts';

/** One line of a groups CSV once checked: the group's label and a member's lower-case e-mail. */
export interface CsvMemberLine {
  line: number;
  label: string;
  email: string;
}

export type CsvParseResult = { ok: true; rows: CsvMemberLine[] } | { ok: false; fields: Record<string, string> };

/** At most this many line errors are reported: enough to fix a file, small enough for a reply. */
const maxReportedErrors = 100;

/** Splits one line on the separator, with RFC 4180 quotes ("" inside a quoted cell). */
function splitLine(text: string, separator: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
    index += 1;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells.map((value) => value.trim());
}

/**
 * Reads a `groupe;email` file (`,` also accepted, as the header shows; BOM and CRLF tolerated).
 * Every line is checked before anything is saved; errors are keyed `lines.<n>` (1 = the header).
 */
export function parseGroupsCsv(csv: string): CsvParseResult {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const header = lines[0]?.trim().toLowerCase() ?? '';
  const separator = header === 'groupe;email' ? ';' : header === 'groupe,email' ? ',' : undefined;
  if (separator === undefined) return { ok: false, fields: { 'lines.1': 'En-tête attendu : « groupe;email ».' } };

  const fields: Record<string, string> = {};
  let errors = 0;
  const fail = (line: number, message: string) => {
    errors += 1;
    if (errors <= maxReportedErrors) fields[`lines.${line}`] = message;
  };
  const rows: CsvMemberLine[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    if (index === 0 || text.trim() === '') return;
    const cells = splitLine(text, separator);
    if (cells === null) return fail(line, 'Guillemet non fermé.');
    if (cells.length !== 2) return fail(line, `Deux colonnes attendues (groupe${separator}email), ${cells.length} trouvée(s).`);
    const [rawLabel = '', rawEmail = ''] = cells;
    const label = groupLabelSchema.safeParse(rawLabel);
    if (!label.success) {
      return fail(line, rawLabel === '' ? 'Nom de groupe manquant.' : rawLabel.length > 200 ? 'Nom de groupe trop long (200 caractères au plus).' : 'Nom de groupe invalide (caractères de contrôle).');
    }
    const email = memberEmailSchema.safeParse(rawEmail);
    if (!email.success) return fail(line, 'Adresse électronique invalide.');
    rows.push({ line, label: label.data, email: email.data });
  });
  if (errors > 0) return { ok: false, fields };
  if (rows.length === 0) return { ok: false, fields: { 'lines.2': 'Le fichier ne contient aucune ligne après l’en-tête.' } };
  return { ok: true, rows };
}
