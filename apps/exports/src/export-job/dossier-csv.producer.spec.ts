import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Dossier } from '@guichet/contracts';
import type { CsvColumn } from '../csv/dossier-columns';
import { writeDossiersCsv, type DossierPage } from './dossier-csv.producer';

const columns: CsvColumn[] = [{ header: 'Numéro', value: (d) => String(d.number) }];
const dossierNumbered = (number: number) => ({ id: randomUUID(), number }) as unknown as Dossier;

function pages(...numbers: number[][]): (after: string | undefined) => Promise<DossierPage> {
  return async (after) => {
    const index = after === undefined ? 0 : Number(after);
    const items = (numbers[index] ?? []).map(dossierNumbered);
    return { items, nextCursor: index + 1 < numbers.length ? String(index + 1) : null };
  };
}

async function drain(sink: PassThrough): Promise<string> {
  let text = '';
  sink.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  await new Promise((resolve) => sink.on('end', resolve));
  return text;
}

describe('writeDossiersCsv', () => {
  it('writes the BOM and header, then every page in order, calling back between pages', async () => {
    const sink = new PassThrough();
    const text = drain(sink);
    let pagesDone = 0;
    const count = await writeDossiersCsv(sink, columns, pages([1, 2], [3], [4, 5]), async () => void (pagesDone += 1), new AbortController().signal);
    sink.end();
    expect(count).toBe(5);
    expect(pagesDone).toBe(3);
    expect(await text).toBe('\uFEFFNuméro\r\n1\r\n2\r\n3\r\n4\r\n5\r\n');
  });

  it('stops at once when aborted, and when the callback between pages throws', async () => {
    const aborted = new AbortController();
    aborted.abort();
    const sink = new PassThrough();
    void drain(sink);
    await expect(writeDossiersCsv(sink, columns, pages([1]), async () => undefined, aborted.signal)).rejects.toThrow();
    await expect(
      writeDossiersCsv(new PassThrough().resume(), columns, pages([1], [2]), async () => {
        throw new Error('lease lost');
      }, new AbortController().signal),
    ).rejects.toThrow('lease lost');
  });

  it('refuses to write into a stream the uploader has destroyed', async () => {
    const sink = new PassThrough();
    sink.on('error', () => undefined);
    sink.destroy(new Error('upload failed'));
    await expect(writeDossiersCsv(sink, columns, pages([1]), async () => undefined, new AbortController().signal)).rejects.toThrow('upload failed');
  });
});
