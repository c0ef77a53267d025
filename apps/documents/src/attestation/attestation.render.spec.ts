import { deflateSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { attestationImage } from './attestation.image';
import { type AttestationInput, AttestationInputError, attestationInputProblems, renderAttestationPdf } from './attestation.render';

// --- Sample images (built here, so the tests need no binary fixture) -------------------------

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function pngChunk(type: string, data: Uint8Array): number[] {
  const typed = Uint8Array.from([...type].map((char) => char.charCodeAt(0)).concat([...data]));
  return [...u32(data.length), ...typed, ...u32(crc32(typed))];
}

/** A valid RGB PNG of one colour. */
function png(width: number, height: number, rgb: [number, number, number] = [0, 0, 145]): Uint8Array {
  const row = [0, ...Array.from({ length: width }, () => rgb).flat()];
  const raw = Uint8Array.from(Array.from({ length: height }, () => row).flat());
  const header = Uint8Array.from([...u32(width), ...u32(height), 8, 2, 0, 0, 0]);
  return Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...pngChunk('IHDR', header),
    ...pngChunk('IDAT', deflateSync(raw)),
    ...pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A valid baseline JPEG: 8×8 grey, one-code Huffman tables (DC 0, then end of block). */
function jpeg(): Uint8Array {
  const oneCodeTable = (classAndId: number) => [0xff, 0xc4, 0x00, 0x14, classAndId, 1, ...new Array<number>(15).fill(0), 0x00];
  return Uint8Array.from([
    0xff, 0xd8,
    0xff, 0xdb, 0x00, 0x43, 0x00, ...new Array<number>(64).fill(1),
    0xff, 0xc0, 0x00, 0x0b, 8, 0x00, 8, 0x00, 8, 1, 1, 0x11, 0,
    ...oneCodeTable(0x00),
    ...oneCodeTable(0x10),
    0xff, 0xda, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0,
    0x3f,
    0xff, 0xd9,
  ]);
}

// --- PDF reading ----------------------------------------------------------------------------

interface ReadPdf {
  readonly pages: string[];
  readonly text: string;
  readonly images: number;
  readonly sizes: number[][];
  readonly info: Record<string, unknown>;
}

async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, disableFontFace: true }).promise;
  const pages: string[] = [];
  const sizes: number[][] = [];
  let images = 0;
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
    sizes.push(page.view.map((value) => Math.round(value)));
    const operators = await page.getOperatorList();
    images += operators.fnArray.filter((fn) => fn === pdfjs.OPS.paintImageXObject).length;
  }
  const metadata = await document.getMetadata();
  await document.destroy();
  return { pages, text: pages.join('\n'), images, sizes, info: metadata.info as Record<string, unknown> };
}

function attestation(overrides: Partial<AttestationInput> = {}): AttestationInput {
  return {
    title: 'Attestation d’acceptation',
    body: 'Madame, Monsieur,\n\nVotre demande de Pass été a été acceptée.\nMontant accordé : 1\u202f200,50 €.\n\nCordialement.',
    procedureTitle: 'Pass été 2026 — Métropole',
    tenantName: 'Métropole de Lyon',
    dossierNumber: 123456,
    usagerName: 'Amélie Durand',
    decidedAt: new Date('2026-11-28T10:00:00Z'),
    footer: 'Métropole de Lyon — 20 rue du Lac, 69003 Lyon',
    ...overrides,
  };
}

const warn = vi.spyOn(console, 'warn');
const error = vi.spyOn(console, 'error');

afterEach(() => {
  // react-pdf reports image problems on the console only: none may happen.
  expect(warn).not.toHaveBeenCalled();
  expect(error).not.toHaveBeenCalled();
  vi.clearAllMocks();
});

// --- Rendering ------------------------------------------------------------------------------

describe('renderAttestationPdf', () => {
  let plain: ReadPdf;
  let plainPdf: Buffer;

  beforeAll(async () => {
    plainPdf = await renderAttestationPdf(attestation());
    plain = await readPdf(plainPdf);
  });

  it('produces a complete PDF file', () => {
    expect(plainPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(plainPdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('contains the dossier number and the usager name with its accents', () => {
    expect(plain.text).toContain('Dossier n° 123456');
    expect(plain.text).toContain('Amélie Durand');
  });

  it('contains the header, title, procedure, body, date and footer in order', () => {
    const expected = [
      'Métropole de Lyon',
      'Attestation d’acceptation',
      'Pass été 2026 — Métropole',
      'Dossier n° 123456',
      'Madame, Monsieur,',
      'Votre demande de Pass été a été acceptée.',
      'Cordialement.',
      'Fait le 28 novembre 2026',
      'Métropole de Lyon — 20 rue du Lac, 69003 Lyon',
    ];
    const positions = expected.map((fragment) => plain.text.indexOf(fragment));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps the French number grouping readable', () => {
    expect(plain.text.replace(/\u00a0/g, ' ')).toContain('Montant accordé : 1 200,50 €.');
  });

  it('is one A4 page with French metadata', () => {
    expect(plain.sizes).toEqual([[0, 0, 595, 842]]);
    expect(plain.info).toMatchObject({ Title: 'Attestation d’acceptation', Author: 'Métropole de Lyon', Language: 'fr-FR', Creator: 'Guichet' });
  });

  it('shows no page numbers and no image on a one-page attestation without images', () => {
    expect(plain.text).not.toContain('Page 1');
    expect(plain.images).toBe(0);
  });

  it('shows the logo instead of the tenant name, and the signature', async () => {
    const read = await readPdf(await renderAttestationPdf(attestation({ logo: png(120, 40), signature: jpeg(), footer: undefined })));
    expect(read.images).toBe(2);
    expect(read.text).not.toContain('Métropole de Lyon');
  });

  it('accepts images given as a view into a larger buffer', async () => {
    const logo = png(10, 10);
    const larger = new Uint8Array(logo.length + 20);
    larger.set(logo, 10);
    const read = await readPdf(await renderAttestationPdf(attestation({ logo: larger.subarray(10, 10 + logo.length) })));
    expect(read.images).toBe(1);
  });

  it('falls back to the tenant name when the logo is not a usable PNG or JPEG', async () => {
    const pdfLogo = new TextEncoder().encode('%PDF-1.4 not an image');
    const brokenPng = png(10, 10).subarray(0, 40);
    for (const logo of [pdfLogo, brokenPng, new Uint8Array()]) {
      const read = await readPdf(await renderAttestationPdf(attestation({ logo, signature: jpeg().subarray(0, 30) })));
      expect(read.images).toBe(0);
      expect(read.text).toContain('Métropole de Lyon');
    }
  });

  it('flows a long body onto more pages, with the footer and page numbers on each', async () => {
    const body = Array.from({ length: 40 }, (_, index) => `Paragraphe ${String(index + 1)} : ${'considérant la demande, '.repeat(12)}`).join('\n\n');
    const read = await readPdf(await renderAttestationPdf(attestation({ body })));
    expect(read.pages.length).toBeGreaterThanOrEqual(2);
    read.pages.forEach((page, index) => {
      expect(page).toContain(`Page ${String(index + 1)} / ${String(read.pages.length)}`);
      expect(page).toContain('20 rue du Lac');
    });
    expect(read.pages.at(-1)).toContain('Fait le 28 novembre 2026');
    expect(read.text).toContain('Paragraphe 40');
  });

  it('prints names outside the built-in font encoding with look-alikes rather than garbage', async () => {
    const read = await readPdf(await renderAttestationPdf(attestation({ usagerName: 'Łukasz Nguyễn' })));
    expect(read.text).toContain('Demandeur : Lukasz Nguyên');
  });

  it('renders an empty body and no footer', async () => {
    const read = await readPdf(await renderAttestationPdf(attestation({ body: '', footer: '  ' })));
    expect(read.text).toContain('Fait le 28 novembre 2026');
    expect(read.pages).toHaveLength(1);
  });

  it('dates the attestation in the tenant time zone', async () => {
    const decidedAt = new Date('2026-11-28T02:00:00Z');
    expect((await readPdf(await renderAttestationPdf(attestation({ decidedAt })))).text).toContain('Fait le 28 novembre 2026');
    expect((await readPdf(await renderAttestationPdf(attestation({ decidedAt, timeZone: 'America/Cayenne' })))).text).toContain(
      'Fait le 27 novembre 2026',
    );
  });

  it('renders 20 attestations quickly once warm', async () => {
    const input = attestation({ logo: png(120, 40), signature: jpeg() });
    await renderAttestationPdf(input);
    const started = performance.now();
    for (let i = 0; i < 20; i++) await renderAttestationPdf({ ...input, dossierNumber: 1000 + i });
    const elapsed = performance.now() - started;
    console.info(`[attestation] 20 PDFs in ${elapsed.toFixed(0)} ms (${(elapsed / 20).toFixed(1)} ms each)`);
    expect(elapsed / 20).toBeLessThan(500);
  });
});

describe('renderAttestationPdf: unusable input', () => {
  it.each([
    [{ dossierNumber: 0 }, 'le numéro de dossier doit être un entier positif'],
    [{ dossierNumber: -3 }, 'le numéro de dossier doit être un entier positif'],
    [{ dossierNumber: 1.5 }, 'le numéro de dossier doit être un entier positif'],
    [{ dossierNumber: Number.NaN }, 'le numéro de dossier doit être un entier positif'],
    [{ decidedAt: new Date('pas une date') }, 'la date de décision est invalide'],
    [{ title: '  ' }, 'le titre est vide'],
    [{ procedureTitle: '' }, 'le titre de la démarche est vide'],
    [{ tenantName: '\n' }, 'le nom de l’administration est vide'],
    [{ usagerName: '' }, 'le nom du demandeur est vide'],
    [{ timeZone: 'Europe/Atlantis' }, 'le fuseau horaire « Europe/Atlantis » est inconnu'],
  ] as [Partial<AttestationInput>, string][])('rejects %j', async (overrides, problem) => {
    const rendering = renderAttestationPdf(attestation(overrides));
    await expect(rendering).rejects.toBeInstanceOf(AttestationInputError);
    await expect(rendering).rejects.toThrow(`Attestation impossible à générer : ${problem}.`);
  });

  it('lists every problem at once', () => {
    expect(attestationInputProblems(attestation({ title: '', dossierNumber: 0 }))).toEqual([
      'le titre est vide',
      'le numéro de dossier doit être un entier positif',
    ]);
    expect(attestationInputProblems(attestation())).toEqual([]);
  });
});

describe('attestationImage', () => {
  it('embeds a PNG and a JPEG', () => {
    expect(attestationImage(png(2, 2))).toMatchObject({ format: 'png' });
    expect(attestationImage(jpeg())).toMatchObject({ format: 'jpg' });
  });

  it('shares the caller bytes rather than copying them', () => {
    const bytes = png(2, 2);
    expect(attestationImage(bytes)?.data.buffer).toBe(bytes.buffer);
  });

  it('has nothing for no image', () => {
    expect(attestationImage(undefined)).toBeUndefined();
    expect(attestationImage(new Uint8Array())).toBeUndefined();
  });

  it('refuses formats react-pdf cannot embed from bytes', () => {
    expect(attestationImage(new TextEncoder().encode('GIF89a\x01\x00\x01\x00'))).toBeUndefined();
    expect(attestationImage(new TextEncoder().encode('%PDF-1.7'))).toBeUndefined();
    expect(attestationImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });

  it('refuses a truncated or malformed PNG', () => {
    const good = png(4, 4);
    expect(attestationImage(good.subarray(0, good.length - 12))).toBeUndefined();
    expect(attestationImage(good.subarray(0, 20))).toBeUndefined();
    const zeroWidth = png(4, 4);
    zeroWidth.set([0, 0, 0, 0], 16);
    expect(attestationImage(zeroWidth)).toBeUndefined();
    const noHeader = png(4, 4);
    noHeader.set([0x58, 0x58, 0x58, 0x58], 12);
    expect(attestationImage(noHeader)).toBeUndefined();
  });

  it('refuses a truncated or malformed JPEG', () => {
    const good = jpeg();
    expect(attestationImage(good.subarray(0, 30))).toBeUndefined();
    const withoutFrame = Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 63, 0, 0x3f, 0xff, 0xd9]);
    expect(attestationImage(withoutFrame)).toBeUndefined();
    const zeroHeight = jpeg();
    zeroHeight.set([0, 0], 74);
    expect(attestationImage(zeroHeight)).toBeUndefined();
  });
});
