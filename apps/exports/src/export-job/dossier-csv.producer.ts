import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import type { Dossier } from '@guichet/contracts';
import { csvRow, UTF8_BOM } from '../csv/csv';
import type { CsvColumn } from '../csv/dossier-columns';

export interface DossierPage {
  items: Dossier[];
  nextCursor: string | null;
}

/** Writes and waits while the reader (the S3 upload) is behind, so memory holds about one page. */
async function write(sink: PassThrough, chunk: string): Promise<void> {
  if (sink.destroyed) throw sink.errored ?? new Error('the export stream was closed');
  if (!sink.write(chunk)) await once(sink, 'drain');
}

/**
 * Writes the CSV of every page into `sink` as pages arrive: header first, then one row per dossier.
 * `afterPage` runs between pages (the worker renews its lease there). Returns the dossier count;
 * the caller ends or destroys the sink.
 */
export async function writeDossiersCsv(
  sink: PassThrough,
  columns: readonly CsvColumn[],
  fetchPage: (after: string | undefined) => Promise<DossierPage>,
  afterPage: () => Promise<void>,
  signal: AbortSignal,
): Promise<number> {
  await write(sink, UTF8_BOM + csvRow(columns.map((column) => column.header)));
  let count = 0;
  let after: string | undefined;
  for (;;) {
    signal.throwIfAborted();
    const page = await fetchPage(after);
    if (page.items.length > 0) await write(sink, page.items.map((dossier) => csvRow(columns.map((column) => column.value(dossier)))).join(''));
    count += page.items.length;
    await afterPage();
    if (page.nextCursor === null || page.items.length === 0) return count;
    after = page.nextCursor;
  }
}
