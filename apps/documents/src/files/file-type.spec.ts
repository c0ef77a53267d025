import { describe, expect, it } from 'vitest';
import { canonicalMime, extensionOf, isDeclaredMimeCompatible, fileKinds, normalizeMime } from './file-kinds';
import {
  type UploadPolicy,
  type UploadedFile,
  checkUpload,
  defaultAllowedMimes,
  defaultUploadPolicy,
  formatFileSize,
  messageAttachmentPolicy,
  sniffFileType,
  validateDeclaredUpload,
} from './file-type';

// --- Sample heads ---------------------------------------------------------------------------

const encoder = new TextEncoder();
const text = (value: string) => encoder.encode(value);
const concat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const latin1 = (value: string) => Uint8Array.from([...value].map((char) => char.charCodeAt(0)));

function u16(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff];
}

function u32(value: number): number[] {
  return [...u16(value & 0xffff), ...u16(value >>> 16)];
}

/** A ZIP local file header followed by the entry's stored data. */
function zipEntry(name: string, data = '', method = 0): Uint8Array {
  const nameBytes = latin1(name);
  const dataBytes = latin1(data);
  return concat(
    [0x50, 0x4b, 0x03, 0x04, ...u16(20), ...u16(0), ...u16(method), ...u32(0), ...u32(0)],
    [...u32(dataBytes.length), ...u32(dataBytes.length), ...u16(nameBytes.length), ...u16(0)],
    nameBytes,
    dataBytes,
  );
}

const samples = {
  pdf: text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'),
  png: concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], latin1('IHDR')),
  jpeg: concat([0xff, 0xd8, 0xff, 0xe0, 0, 16], latin1('JFIF\0')),
  exifJpeg: concat([0xff, 0xd8, 0xff, 0xe1, 0x12, 0x34], latin1('Exif\0\0')),
  gif87: latin1('GIF87a\x01\x00\x01\x00'),
  gif89: latin1('GIF89a\x01\x00\x01\x00'),
  webp: concat(latin1('RIFF'), u32(1234), latin1('WEBPVP8 ')),
  tiffLittle: Uint8Array.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
  tiffBig: Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]),
  docx: concat(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('word/document.xml', '<w:document/>')),
  xlsx: concat(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('_rels/.rels'), zipEntry('xl/workbook.xml')),
  pptx: concat(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('ppt/presentation.xml')),
  ooxmlWithoutHint: concat(zipEntry('[Content_Types].xml', '<Types/>'), zipEntry('docProps/app.xml')),
  odt: concat(zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'), zipEntry('content.xml')),
  ods: concat(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'), zipEntry('content.xml')),
  odp: concat(zipEntry('mimetype', 'application/vnd.oasis.opendocument.presentation')),
  odg: concat(zipEntry('mimetype', 'application/vnd.oasis.opendocument.graphics')),
  zip: concat(zipEntry('photos/IMG_0001.jpg', '\xff\xd8\xff', 8)),
  emptyZip: Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]),
  ole2: Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]),
  exe: concat(latin1('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00'), new Array<number>(64).fill(0), latin1('PE\0\0')),
  elf: Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]),
  macho: Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]),
  text: text('Bonjour,\r\nCeci est un compte rendu de réunion.\n\tFin.\n'),
  csv: text('nom;prénom;montant\nDurand;Amélie;1200,50\n'),
  cp1252Csv: latin1('nom;prénom;commune\nDurand;Amélie;Saint-Étienne\n\x80 \x92\n'),
  utf16: concat([0xff, 0xfe], latin1('n\0o\0m\0\t\0')),
  html: text('\uFEFF  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
  svg: text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
  binary: Uint8Array.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x10, 0x80]),
};

function ole2With(stream: string): Uint8Array {
  const name = [...stream].flatMap((char) => [char.charCodeAt(0), 0]);
  return concat(samples.ole2, name, new Array<number>(64 - name.length).fill(0));
}

// --- sniffFileType -------------------------------------------------------------------------

describe('sniffFileType: recognized formats', () => {
  it.each([
    ['pdf', samples.pdf, 'application/pdf', 'pdf'],
    ['png', samples.png, 'image/png', 'png'],
    ['jpeg (JFIF)', samples.jpeg, 'image/jpeg', 'jpg'],
    ['jpeg (Exif)', samples.exifJpeg, 'image/jpeg', 'jpg'],
    ['gif 87a', samples.gif87, 'image/gif', 'gif'],
    ['gif 89a', samples.gif89, 'image/gif', 'gif'],
    ['webp', samples.webp, 'image/webp', 'webp'],
    ['tiff little-endian', samples.tiffLittle, 'image/tiff', 'tif'],
    ['tiff big-endian', samples.tiffBig, 'image/tiff', 'tif'],
  ])('%s', (_name, head, mime, extension) => {
    expect(sniffFileType(head)).toEqual({ mime, extension });
  });

  it('finds a PDF header preceded by junk within the first kilobyte', () => {
    expect(sniffFileType(concat(new Array<number>(500).fill(0x20), samples.pdf))?.mime).toBe('application/pdf');
  });

  it.each([
    ['docx', samples.docx, fileKinds.docx.mime],
    ['xlsx', samples.xlsx, fileKinds.xlsx.mime],
    ['pptx', samples.pptx, fileKinds.pptx.mime],
    ['odt', samples.odt, fileKinds.odt.mime],
    ['ods', samples.ods, fileKinds.ods.mime],
    ['odp', samples.odp, fileKinds.odp.mime],
  ])('recognizes %s inside its ZIP container, whatever the declared name', (extension, head, mime) => {
    expect(sniffFileType(head, 'scan.pdf')).toEqual({ mime, extension, container: 'zip' });
  });

  it('guesses a ZIP-based office type from the declared name when the head shows no evidence', () => {
    expect(sniffFileType(samples.zip, 'budget.xlsx')).toEqual({ mime: fileKinds.xlsx.mime, extension: 'xlsx', container: 'zip' });
    expect(sniffFileType(samples.zip, 'statuts.ODT')).toMatchObject({ mime: fileKinds.odt.mime });
  });

  it('guesses an OOXML subtype from the name when only [Content_Types].xml is visible', () => {
    expect(sniffFileType(samples.ooxmlWithoutHint, 'rapport.docx')?.mime).toBe(fileKinds.docx.mime);
  });

  it.each([
    ['WordDocument', fileKinds.doc.mime],
    ['Workbook', fileKinds.xls.mime],
    ['PowerPoint Document', fileKinds.ppt.mime],
  ])('recognizes an OLE2 file by its %s stream', (stream, mime) => {
    expect(sniffFileType(ole2With(stream), 'fichier.bin')).toMatchObject({ mime, container: 'ole2' });
  });

  it('guesses doc/xls/ppt from the declared name for an OLE2 file without visible streams', () => {
    expect(sniffFileType(samples.ole2, 'ancien.xls')).toEqual({ mime: fileKinds.xls.mime, extension: 'xls', container: 'ole2' });
    expect(sniffFileType(samples.ole2, 'ancien.doc')?.mime).toBe(fileKinds.doc.mime);
  });

  it('reads UTF-8 text as plain text, or CSV when so named', () => {
    expect(sniffFileType(samples.text)).toEqual({ mime: 'text/plain', extension: 'txt' });
    expect(sniffFileType(samples.csv, 'export.csv')).toEqual({ mime: 'text/csv', extension: 'csv' });
    expect(sniffFileType(samples.csv, 'export.txt')).toEqual({ mime: 'text/plain', extension: 'txt' });
  });

  it('tolerates a multibyte character cut by the end of the sample', () => {
    const cut = text('Amélie Durand, née à Orléans').subarray(0, 4);
    expect(sniffFileType(cut)?.mime).toBe('text/plain');
  });

  it('reads Windows-1252 text (French Excel CSV) and UTF-16 with a BOM as text', () => {
    expect(sniffFileType(samples.cp1252Csv, 'export.csv')?.mime).toBe('text/csv');
    expect(sniffFileType(samples.utf16)?.mime).toBe('text/plain');
  });

  it('reports executables as such', () => {
    expect(sniffFileType(samples.exe)).toEqual({ mime: 'application/x-msdownload', extension: 'exe', executable: true });
    expect(sniffFileType(Uint8Array.from([0x4d, 0x5a, 0x90]))).toMatchObject({ executable: true });
    expect(sniffFileType(samples.elf)).toMatchObject({ mime: 'application/x-executable', executable: true });
    expect(sniffFileType(samples.macho)).toMatchObject({ mime: 'application/x-mach-binary', executable: true });
  });
});

describe('sniffFileType: what it does not take for something else', () => {
  it('knows nothing of an empty head', () => {
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });

  it('knows nothing of arbitrary binary data', () => {
    expect(sniffFileType(samples.binary)).toBeNull();
    expect(sniffFileType(concat(latin1('RIFF'), u32(1234), latin1('WAVEfmt '), [0, 0]))).toBeNull();
  });

  it('does not take text with a NUL byte or control characters for text', () => {
    expect(sniffFileType(text('abc\0def'))).toBeNull();
    expect(sniffFileType(text('abc\x01\x02def'))).toBeNull();
  });

  it('does not take invalid UTF-8 with bytes undefined in Windows-1252 for text', () => {
    expect(sniffFileType(Uint8Array.from([0x61, 0xc3, 0x28, 0x81]))).toBeNull();
  });

  it('does not find a PDF header beyond the first kilobyte', () => {
    expect(sniffFileType(concat(new Array<number>(1100).fill(0x20), samples.pdf))?.mime).toBe('text/plain');
  });

  it('does not take a text starting with "MZ" for a program', () => {
    expect(sniffFileType(text(`MZ Conseil — rapport annuel ${'.'.repeat(80)}`))?.mime).toBe('text/plain');
  });

  it('does not take a near-miss signature for an image', () => {
    expect(sniffFileType(latin1('GIF88a-not-a-gif'))?.mime).toBe('text/plain');
    expect(sniffFileType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x00, 0x0a]))).toBeNull();
    expect(sniffFileType(Uint8Array.from([0x49, 0x49, 0x2b, 0x00, 0, 0]))).toBeNull();
  });

  it('keeps a plain ZIP a ZIP when the name is not an office document', () => {
    expect(sniffFileType(samples.zip, 'photos.zip')).toEqual({ mime: 'application/zip', extension: 'zip', container: 'zip' });
    expect(sniffFileType(samples.zip, 'photos.pdf')?.mime).toBe('application/zip');
    expect(sniffFileType(samples.emptyZip)?.mime).toBe('application/zip');
  });

  it('trusts the content over the declared name for ZIP-based documents', () => {
    expect(sniffFileType(samples.odt, 'rapport.docx')?.mime).toBe(fileKinds.odt.mime);
    expect(sniffFileType(samples.docx, 'rapport.xlsx')?.mime).toBe(fileKinds.docx.mime);
    expect(sniffFileType(samples.ooxmlWithoutHint, 'rapport.odt')?.mime).toBe('application/zip');
    expect(sniffFileType(samples.odg, 'dessin.odt')?.mime).toBe('application/vnd.oasis.opendocument.graphics');
  });

  it('trusts the streams over the declared name for OLE2 documents', () => {
    expect(sniffFileType(ole2With('WordDocument'), 'tableau.xls')?.mime).toBe(fileKinds.doc.mime);
    expect(sniffFileType(samples.ole2, 'installeur.msi')).toEqual({ mime: 'application/x-ole-storage', extension: 'cfb', container: 'ole2' });
  });

  it('reports HTML and SVG rather than plain text', () => {
    expect(sniffFileType(samples.html, 'notes.txt')?.mime).toBe('text/html');
    expect(sniffFileType(samples.svg, 'logo.txt')?.mime).toBe('image/svg+xml');
    expect(sniffFileType(text('<svg onload="x()">'))?.mime).toBe('image/svg+xml');
  });

  it('keeps ordinary XML and text mentioning tags as plain text', () => {
    expect(sniffFileType(text('<?xml version="1.0"?><dossier/>'))?.mime).toBe('text/plain');
    expect(sniffFileType(text('Remarque : la balise <script> est interdite.'))?.mime).toBe('text/plain');
  });
});

// --- checkUpload ----------------------------------------------------------------------------

function upload(overrides: Partial<UploadedFile> & Pick<UploadedFile, 'head'>): UploadedFile {
  const actualSize = overrides.actualSize ?? overrides.head.length;
  return { declaredName: 'piece.pdf', declaredMime: 'application/pdf', declaredSize: actualSize, actualSize, ...overrides };
}

const fail = (code: string) => ({ ok: false, code });

describe('checkUpload: accepted files', () => {
  it('accepts a PDF and returns the sniffed type', () => {
    expect(checkUpload(upload({ head: samples.pdf }), defaultUploadPolicy)).toEqual({ ok: true, mime: 'application/pdf' });
  });

  it.each([
    ['photo.jpg', 'image/jpeg', samples.jpeg, 'image/jpeg'],
    ['photo.JPEG', 'image/jpg', samples.exifJpeg, 'image/jpeg'],
    ['scan.tiff', 'image/tiff', samples.tiffBig, 'image/tiff'],
    ['export.csv', 'application/vnd.ms-excel', samples.cp1252Csv, 'text/csv'],
    ['export.csv', 'text/plain', samples.csv, 'text/csv'],
    ['lettre.docx', 'application/octet-stream', samples.docx, fileKinds.docx.mime],
    ['lettre.docx', 'application/zip', samples.zip, fileKinds.docx.mime],
    ['budget.xlsx', '', samples.xlsx, fileKinds.xlsx.mime],
    ['statuts.odt', fileKinds.odt.mime, samples.odt, fileKinds.odt.mime],
    ['ancien.doc', 'application/msword', ole2With('WordDocument'), 'application/msword'],
    ['notes.txt', 'text/plain; charset=utf-8', samples.text, 'text/plain'],
  ])('accepts %s declared %j', (declaredName, declaredMime, head, mime) => {
    expect(checkUpload(upload({ declaredName, declaredMime, head }), defaultUploadPolicy)).toEqual({ ok: true, mime });
  });

  it('accepts a file without extension by its declared MIME type', () => {
    expect(checkUpload(upload({ declaredName: 'scan', declaredMime: 'application/pdf', head: samples.pdf }), defaultUploadPolicy)).toEqual({
      ok: true,
      mime: 'application/pdf',
    });
    expect(checkUpload(upload({ declaredName: 'export', declaredMime: 'text/csv', head: samples.csv }), defaultUploadPolicy)).toEqual({
      ok: true,
      mime: 'text/csv',
    });
  });

  it('accepts a file of exactly the maximum size', () => {
    expect(checkUpload(upload({ head: samples.pdf, actualSize: 200 * 1024 * 1024 }), defaultUploadPolicy).ok).toBe(true);
  });

  it('understands MIME aliases in a policy', () => {
    const policy: UploadPolicy = { maxBytes: 1000, allowedMimes: ['image/jpg'] };
    expect(checkUpload(upload({ declaredName: 'a.jpg', declaredMime: 'image/jpeg', head: samples.jpeg }), policy)).toEqual({ ok: true, mime: 'image/jpeg' });
  });
});

describe('checkUpload: refused files', () => {
  it('refuses an empty file', () => {
    expect(checkUpload(upload({ head: new Uint8Array(), actualSize: 0 }), defaultUploadPolicy)).toEqual({
      ok: false,
      code: 'FILE_EMPTY',
      message: 'Le fichier « piece.pdf » est vide.',
    });
    expect(checkUpload(upload({ head: new Uint8Array(), actualSize: 10 }), defaultUploadPolicy)).toMatchObject(fail('FILE_EMPTY'));
  });

  it('refuses a file over the limit, saying the limit in French', () => {
    const result = checkUpload(upload({ head: samples.pdf, actualSize: 200 * 1024 * 1024 + 1 }), defaultUploadPolicy);
    expect(result).toEqual({
      ok: false,
      code: 'FILE_TOO_LARGE',
      message: 'Le fichier « piece.pdf » dépasse la taille maximale autorisée (200 Mo).',
    });
  });

  it('judges the size on the stored bytes, not on the declaration', () => {
    const lying = upload({ head: samples.pdf, declaredSize: 10, actualSize: 21 * 1024 * 1024 });
    expect(checkUpload(lying, messageAttachmentPolicy)).toMatchObject(fail('FILE_TOO_LARGE'));
  });

  it('refuses a PDF renamed .png as a mismatch, naming what it is', () => {
    const result = checkUpload(upload({ declaredName: 'photo.png', declaredMime: 'image/png', head: samples.pdf }), defaultUploadPolicy);
    expect(result).toEqual({
      ok: false,
      code: 'FILE_TYPE_MISMATCH',
      message: 'Le contenu du fichier « photo.png » ne correspond pas à son type déclaré (.png) : il s’agit d’un fichier de type PDF.',
    });
  });

  it.each([
    ['image.pdf', 'application/pdf', samples.png],
    ['lettre.docx', fileKinds.docx.mime, samples.odt],
    ['tableau.xls', 'application/vnd.ms-excel', ole2With('WordDocument')],
    ['notes.txt', 'text/plain', samples.html],
    ['notes.txt', 'text/plain', samples.svg],
    ['archive.pdf', 'application/pdf', samples.zip],
    ['scan.pdf', 'application/pdf', samples.binary],
    ['vrai.pdf', 'image/png', samples.pdf],
    ['scan', 'image/png', samples.pdf],
  ])('refuses %s declared %s with other content as a mismatch', (declaredName, declaredMime, head) => {
    expect(checkUpload(upload({ declaredName, declaredMime, head }), defaultUploadPolicy)).toMatchObject(fail('FILE_TYPE_MISMATCH'));
  });

  it('never accepts an .exe, whatever it is called and whatever the policy says', () => {
    const permissive: UploadPolicy = { maxBytes: 1e9, allowedMimes: [...defaultAllowedMimes, 'application/x-msdownload', 'application/zip'] };
    for (const declaredName of ['setup.exe', 'facture.pdf', 'photo.jpg', 'sans-extension']) {
      const result = checkUpload(upload({ declaredName, declaredMime: 'application/pdf', head: samples.exe }), permissive);
      expect(result).toMatchObject(fail('FILE_TYPE_NOT_ALLOWED'));
      expect(!result.ok && result.message).toContain('jamais accepté');
    }
  });

  it('never accepts scripts, even as plain text', () => {
    for (const declaredName of ['install.sh', 'macro.vbs', 'run.bat', 'app.js', 'x.ps1']) {
      expect(checkUpload(upload({ declaredName, declaredMime: 'text/plain', head: text('echo bonjour\n') }), defaultUploadPolicy)).toMatchObject(
        fail('FILE_TYPE_NOT_ALLOWED'),
      );
    }
  });

  it('never accepts a script with a shebang, whatever its name', () => {
    const result = checkUpload(upload({ declaredName: 'notes.txt', declaredMime: 'text/plain', head: text('#!/bin/sh\nrm -rf ~\n') }), defaultUploadPolicy);
    expect(result).toMatchObject(fail('FILE_TYPE_NOT_ALLOWED'));
    expect(sniffFileType(text('#!/usr/bin/env node\n'))).toMatchObject({ mime: 'text/x-shellscript', executable: true });
  });

  it('never accepts a program declared with an executable MIME type', () => {
    expect(
      checkUpload(upload({ declaredName: 'x.txt', declaredMime: 'application/x-msdownload', head: samples.text }), defaultUploadPolicy),
    ).toMatchObject(fail('FILE_TYPE_NOT_ALLOWED'));
  });

  it.each([
    ['photos.zip', 'application/zip', samples.zip],
    ['logo.svg', 'image/svg+xml', samples.svg],
    ['page.html', 'text/html', samples.html],
    ['donnees.json', 'application/json', text('{"a":1}')],
    ['installeur.msi', 'application/x-msi', samples.ole2],
    ['fichier.bin', 'application/octet-stream', samples.binary],
    ['sans-extension', 'application/octet-stream', samples.binary],
    ['sans-extension', '', samples.zip],
  ])('refuses %s (%s) as a type not allowed', (declaredName, declaredMime, head) => {
    expect(checkUpload(upload({ declaredName, declaredMime, head }), defaultUploadPolicy)).toMatchObject(fail('FILE_TYPE_NOT_ALLOWED'));
  });

  it('refuses a type the procedure does not allow, listing the accepted formats', () => {
    const pdfOnly: UploadPolicy = { maxBytes: 1000, allowedMimes: ['application/pdf'] };
    const result = checkUpload(upload({ declaredName: 'photo.png', declaredMime: 'image/png', head: samples.png }), pdfOnly);
    expect(result).toEqual({
      ok: false,
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: 'Le type du fichier « photo.png » (.png) n’est pas accepté. Formats acceptés : pdf.',
    });
  });

  it('checks emptiness, then size, then type', () => {
    expect(checkUpload(upload({ declaredName: 'x.exe', head: new Uint8Array(), actualSize: 0 }), defaultUploadPolicy)).toMatchObject(fail('FILE_EMPTY'));
    expect(checkUpload(upload({ declaredName: 'x.exe', head: samples.exe, actualSize: 1e12 }), defaultUploadPolicy)).toMatchObject(fail('FILE_TOO_LARGE'));
  });

  it('refuses a size that is not a number', () => {
    expect(checkUpload(upload({ head: samples.pdf, actualSize: Number.NaN }), defaultUploadPolicy)).toMatchObject(fail('FILE_TOO_LARGE'));
  });
});

// --- validateDeclaredUpload ----------------------------------------------------------------

describe('validateDeclaredUpload', () => {
  it.each([
    ['attestation.pdf', 'application/pdf', 'application/pdf'],
    ['photo.JPG', 'image/jpeg', 'image/jpeg'],
    ['photo.jpeg', 'image/jpg', 'image/jpeg'],
    ['export.csv', 'application/vnd.ms-excel', 'text/csv'],
    ['lettre.docx', 'application/octet-stream', fileKinds.docx.mime],
    ['lettre.docx', '', fileKinds.docx.mime],
    ['statuts.ods', fileKinds.ods.mime, fileKinds.ods.mime],
    ['scan', 'application/pdf', 'application/pdf'],
    ['C:\\fakepath\\Devis.PDF', 'application/pdf', 'application/pdf'],
  ])('accepts %s declared %j', (name, mime, expected) => {
    expect(validateDeclaredUpload({ name, mime, size: 1234 }, defaultUploadPolicy)).toEqual({ ok: true, mime: expected });
  });

  it.each([
    [0, 'FILE_EMPTY'],
    [-1, 'FILE_EMPTY'],
    [200 * 1024 * 1024 + 1, 'FILE_TOO_LARGE'],
    [Number.NaN, 'FILE_TOO_LARGE'],
    [Number.POSITIVE_INFINITY, 'FILE_TOO_LARGE'],
  ])('refuses a declared size of %d with %s', (size, code) => {
    expect(validateDeclaredUpload({ name: 'a.pdf', mime: 'application/pdf', size }, defaultUploadPolicy)).toMatchObject(fail(code));
  });

  it('applies the 20 Mo limit of message attachments', () => {
    expect(validateDeclaredUpload({ name: 'a.pdf', mime: 'application/pdf', size: 21 * 1024 * 1024 }, messageAttachmentPolicy)).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringContaining('(20 Mo)'),
    });
  });

  it.each([
    ['setup.exe', 'application/x-msdownload'],
    ['setup.exe', 'application/pdf'],
    ['photos.zip', 'application/zip'],
    ['logo.svg', 'image/svg+xml'],
    ['donnees.json', 'application/json'],
    ['scan', 'application/octet-stream'],
    ['scan', ''],
    ['facture.pdf', 'application/x-msdownload'],
  ])('refuses %s declared %j as not allowed', (name, mime) => {
    expect(validateDeclaredUpload({ name, mime, size: 1234 }, defaultUploadPolicy)).toMatchObject(fail('FILE_TYPE_NOT_ALLOWED'));
  });

  it('refuses a name and a MIME type that contradict each other', () => {
    expect(validateDeclaredUpload({ name: 'photo.pdf', mime: 'image/png', size: 1234 }, defaultUploadPolicy)).toEqual({
      ok: false,
      code: 'FILE_TYPE_MISMATCH',
      message: 'Le contenu du fichier « photo.pdf » ne correspond pas à son type déclaré (.pdf, image/png).',
    });
    expect(validateDeclaredUpload({ name: 'a.docx', mime: 'application/pdf', size: 1 }, defaultUploadPolicy)).toMatchObject(fail('FILE_TYPE_MISMATCH'));
  });
});

// --- policies and helpers --------------------------------------------------------------------

describe('default policies', () => {
  it('allows 200 Mo per piece justificative and 20 Mo per message attachment', () => {
    expect(defaultUploadPolicy.maxBytes).toBe(200 * 1024 * 1024);
    expect(messageAttachmentPolicy.maxBytes).toBe(20 * 1024 * 1024);
  });

  it('allows the DS types', () => {
    expect(defaultAllowedMimes).toEqual(
      expect.arrayContaining(['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff', 'text/plain', 'text/csv']),
    );
    for (const kind of [fileKinds.doc, fileKinds.docx, fileKinds.xls, fileKinds.xlsx, fileKinds.ppt, fileKinds.pptx, fileKinds.odt, fileKinds.ods, fileKinds.odp]) {
      expect(defaultAllowedMimes).toContain(kind.mime);
    }
  });

  it('allows no archive, markup or program', () => {
    for (const mime of ['application/zip', 'text/html', 'image/svg+xml', 'application/x-msdownload', 'application/x-ole-storage']) {
      expect(defaultAllowedMimes).not.toContain(mime);
    }
  });
});

describe('helpers', () => {
  it('formats sizes in French', () => {
    expect(formatFileSize(200 * 1024 * 1024)).toBe('200 Mo');
    expect(formatFileSize(1536)).toBe('1,5 Ko');
    expect(formatFileSize(500)).toBe('500 octets');
    expect(formatFileSize(3 * 1024 ** 4)).toBe('3 072 Go'.replace(' ', '\u202f'));
  });

  it('reads extensions', () => {
    expect(extensionOf('rapport.final.PDF')).toBe('pdf');
    expect(extensionOf('C:\\fakepath\\photo.jpeg')).toBe('jpeg');
    expect(extensionOf('sans-extension')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('point-final.')).toBe('');
    expect(extensionOf('dossier.v2/fichier')).toBe('');
  });

  it('normalizes and canonicalizes MIME types', () => {
    expect(normalizeMime(' Image/JPEG ; charset=binary')).toBe('image/jpeg');
    expect(canonicalMime('image/jpg')).toBe('image/jpeg');
    expect(canonicalMime('application/x-unknown')).toBe('application/x-unknown');
  });

  it('accepts generic and same-family declared types, not contradicting ones', () => {
    expect(isDeclaredMimeCompatible(fileKinds.pdf, 'application/octet-stream')).toBe(true);
    expect(isDeclaredMimeCompatible(fileKinds.pdf, 'application/x-whatever')).toBe(true);
    expect(isDeclaredMimeCompatible(fileKinds.csv, 'text/plain')).toBe(true);
    expect(isDeclaredMimeCompatible(fileKinds.xlsx, 'application/zip')).toBe(true);
    expect(isDeclaredMimeCompatible(fileKinds.pdf, 'image/png')).toBe(false);
    expect(isDeclaredMimeCompatible(fileKinds.pdf, 'application/zip')).toBe(false);
    expect(isDeclaredMimeCompatible(fileKinds.doc, 'application/zip')).toBe(false);
  });
});
