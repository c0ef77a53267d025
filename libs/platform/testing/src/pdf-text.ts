import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

// pdfjs-dist is ESM-only and this library is compiled to CommonJS, hence the dynamic import; the
// type comes from the package's own declarations.
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

function standardFontDataUrl(): string | undefined {
  try {
    // Lets pdf.js read metrics of the 14 standard fonts from disk instead of warning about them.
    const require = createRequire(join(process.cwd(), 'noop.js'));
    return `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
  } catch {
    return undefined;
  }
}

/**
 * The text of every page of a PDF, pages separated by a blank line, lines by a newline. Meant for
 * tests that check what a generated document (attestation, receipt, export) says.
 */
export async function extractPdfText(buffer: Buffer | Uint8Array): Promise<string> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument } = await pdfjs;
  const fontsUrl = standardFontDataUrl();
  const task = getDocument({
    // pdf.js takes ownership of (detaches) the array it is given: hand it a copy.
    data: new Uint8Array(buffer),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    ...(fontsUrl ? { standardFontDataUrl: fontsUrl } : {}),
  });
  const document = await task.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as TextItemLike[]) {
        text += item.str ?? '';
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.trim());
      page.cleanup();
    }
    return pages.join('\n\n');
  } finally {
    await document.destroy();
  }
}
