/**
 * CSV as French spreadsheets open it: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte order
 * mark (without it Excel reads UTF-8 as Windows-1252), and `;` between cells, because in France the
 * comma is the decimal separator and Excel's list separator is `;` (a `,` file opens in one column).
 */
export const CSV_SEPARATOR = ';';
export const CSV_LINE_END = '\r\n';
export const UTF8_BOM = '\uFEFF';

const needsQuotes = /[;"\r\n]|^\s|\s$/;
// A cell starting with these is run as a formula by spreadsheets (CSV injection, OWASP).
const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^[+-]?\d[\d\s]*([.,]\d+)?$/;

/**
 * Neutralizes text a spreadsheet would evaluate, by prefixing `'` as OWASP advises; numbers and
 * phone numbers (`-12,5`, `+33 6 12 34 56 78`) are left alone.
 */
export function neutralizeFormula(value: string): string {
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

/** One cell: quoted when it holds the separator, a quote, a line break or edge spaces; quotes doubled. */
export function csvCell(value: string): string {
  const safe = neutralizeFormula(value);
  return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvCell).join(CSV_SEPARATOR) + CSV_LINE_END;
}
