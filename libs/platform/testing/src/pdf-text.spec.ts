import { createElement } from 'react';
import { Document, Page, Text, renderToBuffer } from '@react-pdf/renderer';
import { describe, expect, it } from 'vitest';
import { extractPdfText } from './pdf-text';

describe('extractPdfText', () => {
  it('reads back the text of a generated PDF, accents included', async () => {
    const pdf = await renderToBuffer(
      createElement(
        Document,
        null,
        createElement(Page, { size: 'A4' }, createElement(Text, null, 'Dossier n° 42 — Amélie Durand')),
        createElement(Page, { size: 'A4' }, createElement(Text, null, 'Deuxième page : reçu')),
      ),
    );

    const text = await extractPdfText(pdf);

    expect(text).toContain('Dossier n° 42 — Amélie Durand');
    expect(text).toContain('Deuxième page : reçu');
    expect(text.indexOf('Amélie')).toBeLessThan(text.indexOf('Deuxième'));
  });

  it('rejects what is not a PDF', async () => {
    await expect(extractPdfText(Buffer.from('not a pdf'))).rejects.toThrow();
  });
});
