import {
  type FileKind,
  canonicalMime,
  executableExtensions,
  extensionOf,
  fileKinds,
  isDeclaredMimeCompatible,
  kindByExtension,
  kindByMime,
} from './file-kinds';

/** What the first bytes of a file say it is. */
export interface SniffedFileType {
  readonly mime: string;
  readonly extension: string;
  /** Set for formats stored in a ZIP or OLE2 container, whose exact type may be a best guess. */
  readonly container?: 'zip' | 'ole2';
  /** Native code: never accepted. */
  readonly executable?: boolean;
}

/** How many leading bytes callers should read for `sniffFileType` (enough for OOXML/OLE2 hints). */
export const SNIFF_HEAD_BYTES = 64 * 1024;

function startsWith(head: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (head.length < offset + signature.length) return false;
  return signature.every((byte, index) => head[offset + index] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

function indexOfBytes(head: Uint8Array, needle: readonly number[], from = 0, to = head.length): number {
  const last = Math.min(to, head.length) - needle.length;
  outer: for (let i = from; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (head[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function readUint16LE(head: Uint8Array, offset: number): number {
  return (head[offset] ?? 0) | ((head[offset + 1] ?? 0) << 8);
}

function readUint32LE(head: Uint8Array, offset: number): number {
  return (readUint16LE(head, offset) | (readUint16LE(head, offset + 2) << 16)) >>> 0;
}

function typeOf(kind: FileKind): SniffedFileType {
  const extension = kind.extensions[0] ?? '';
  return kind.container === undefined ? { mime: kind.mime, extension } : { mime: kind.mime, extension, container: kind.container };
}

function executable(kind: FileKind): SniffedFileType {
  return { ...typeOf(kind), executable: true };
}

/** The kind the declared name claims, if it is one stored in `container`. */
function guessFromName(declaredName: string | undefined, container: 'zip' | 'ole2'): FileKind | undefined {
  const kind = declaredName === undefined ? undefined : kindByExtension(extensionOf(declaredName));
  return kind?.container === container && kind !== fileKinds.zip && kind !== fileKinds.ole2 ? kind : undefined;
}

const odfKinds: readonly FileKind[] = [fileKinds.odt, fileKinds.ods, fileKinds.odp];
const ooxmlKinds: readonly FileKind[] = [fileKinds.docx, fileKinds.xlsx, fileKinds.pptx];

/**
 * A ZIP file: ODF puts its type in a first, stored entry named `mimetype`; OOXML packages have
 * `[Content_Types].xml` and a `word/`, `xl/` or `ppt/` folder whose names show in the local
 * headers. Without such evidence, the declared name is the best guess.
 */
function sniffZip(head: Uint8Array, declaredName: string | undefined): SniffedFileType {
  const nameLength = readUint16LE(head, 26);
  const extraLength = readUint16LE(head, 28);
  const firstName = String.fromCharCode(...head.subarray(30, 30 + nameLength));
  if (firstName === 'mimetype' && readUint16LE(head, 8) === 0) {
    const start = 30 + nameLength + extraLength;
    const size = Math.min(readUint32LE(head, 18), 100);
    const mime = String.fromCharCode(...head.subarray(start, start + size)).trim();
    const kind = odfKinds.find((candidate) => candidate.mime === mime);
    if (kind) return typeOf(kind);
    // Another OpenDocument type (drawing, formula…): known by its MIME type only.
    if (mime.startsWith('application/vnd.oasis.opendocument.')) return { mime, extension: 'zip', container: 'zip' };
  }

  const guess = guessFromName(declaredName, 'zip');
  // A folder name alone could be any archive's; with the content-types part it is an OOXML package.
  if (indexOfBytes(head, ascii('[Content_Types].xml')) >= 0) {
    const hints: [string, FileKind][] = [
      ['word/', fileKinds.docx],
      ['xl/', fileKinds.xlsx],
      ['ppt/', fileKinds.pptx],
    ];
    for (const [folder, kind] of hints) if (indexOfBytes(head, ascii(folder)) >= 0) return typeOf(kind);
    return guess !== undefined && ooxmlKinds.includes(guess) ? typeOf(guess) : typeOf(fileKinds.zip);
  }
  return typeOf(guess ?? fileKinds.zip);
}

function utf16le(text: string): number[] {
  return [...text].flatMap((char) => [char.charCodeAt(0), 0]);
}

/** An OLE2 compound file: directory entry names (UTF-16) tell Word, Excel and PowerPoint apart. */
function sniffOle2(head: Uint8Array, declaredName: string | undefined): SniffedFileType {
  const hints: [string, FileKind][] = [
    ['WordDocument', fileKinds.doc],
    ['Workbook', fileKinds.xls],
    ['PowerPoint Document', fileKinds.ppt],
  ];
  for (const [stream, kind] of hints) if (indexOfBytes(head, utf16le(stream)) >= 0) return typeOf(kind);
  const guess = guessFromName(declaredName, 'ole2');
  if (guess) return typeOf(guess);
  return typeOf(fileKinds.ole2);
}

/** A DOS/PE executable starts with `MZ`; a text that merely starts with "MZ" has no NUL byte. */
function isDosExecutable(head: Uint8Array): boolean {
  if (!startsWith(head, ascii('MZ'))) return false;
  const header = head.subarray(0, 64);
  return header.length < 64 || header.includes(0);
}

const machOMagics: readonly (readonly number[])[] = [
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
];

/** Control characters a text file does not contain (tab, line feed, form feed, CR, ESC, SUB are fine). */
function isForbiddenControl(byte: number): boolean {
  return (byte < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b].includes(byte)) || byte === 0x7f;
}

/**
 * Valid UTF-8 without NUL or unexpected control bytes; a sequence cut by the end of the sample
 * is tolerated, since `head` is usually only the beginning of the file.
 */
function isUtf8Text(head: Uint8Array): boolean {
  let i = 0;
  while (i < head.length) {
    const byte = head[i] ?? 0;
    if (byte < 0x80) {
      if (byte === 0 || isForbiddenControl(byte)) return false;
      i += 1;
      continue;
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return false;
    for (let j = 1; j < length; j++) {
      if (i + j >= head.length) return true;
      const next = head[i + j] ?? 0;
      if ((next & 0xc0) !== 0x80) return false;
      // Overlong forms, surrogates and code points beyond U+10FFFF.
      if (j === 1 && ((byte === 0xe0 && next < 0xa0) || (byte === 0xed && next > 0x9f) || (byte === 0xf0 && next < 0x90) || (byte === 0xf4 && next > 0x8f))) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

/** Windows-1252 text, as Excel in French exports CSV: no NUL, no control, no byte cp1252 leaves undefined. */
function isWindows1252Text(head: Uint8Array): boolean {
  const undefinedBytes = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
  return head.every((byte) => byte !== 0 && !isForbiddenControl(byte) && !undefinedBytes.includes(byte));
}

/** HTML and SVG are text that browsers execute; they are reported as such, not as plain text. */
function markupKind(head: Uint8Array): FileKind | undefined {
  const start = new TextDecoder('utf-8', { fatal: false })
    .decode(head.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype\s+html|html|head|body|script|iframe)[\s>]/.test(start)) return fileKinds.html;
  if (/^<svg[\s>]/.test(start) || (start.startsWith('<?xml') && /<svg[\s>]|<!doctype\s+svg/.test(start))) return fileKinds.svg;
  return undefined;
}

function sniffText(head: Uint8Array, declaredName: string | undefined): SniffedFileType | null {
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (!utf16 && !isUtf8Text(head) && !isWindows1252Text(head)) return null;
  // A shebang makes a text file a program on any Unix system.
  if (startsWith(head, ascii('#!'))) return executable(fileKinds.script);
  const markup = utf16 ? undefined : markupKind(head);
  if (markup) return typeOf(markup);
  const declared = declaredName === undefined ? undefined : kindByExtension(extensionOf(declaredName));
  return typeOf(declared === fileKinds.csv ? fileKinds.csv : fileKinds.txt);
}

/**
 * The type of a file from its first bytes (magic numbers), or `null` when unknown. For ZIP and
 * OLE2 containers and for text, `declaredName` refines the answer when the bytes cannot.
 */
export function sniffFileType(head: Uint8Array, declaredName?: string): SniffedFileType | null {
  if (head.length === 0) return null;

  // Acrobat accepts the header anywhere in the first kilobyte, and so do we.
  if (indexOfBytes(head, ascii('%PDF-'), 0, 1024) >= 0) return typeOf(fileKinds.pdf);
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return typeOf(fileKinds.png);
  if (startsWith(head, [0xff, 0xd8, 0xff])) return typeOf(fileKinds.jpeg);
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return typeOf(fileKinds.gif);
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return typeOf(fileKinds.webp);
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return typeOf(fileKinds.tiff);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(head, declaredName);
  // An empty archive or the first part of a split one.
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06]) || startsWith(head, [0x50, 0x4b, 0x07, 0x08])) return typeOf(fileKinds.zip);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle2(head, declaredName);
  if (isDosExecutable(head)) return executable(fileKinds.exe);
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return executable(fileKinds.elf);
  if (machOMagics.some((magic) => startsWith(head, magic))) return executable(fileKinds.macho);

  return sniffText(head, declaredName);
}

// ---------------------------------------------------------------------------------------------
// Upload policies and checks
// ---------------------------------------------------------------------------------------------

export interface UploadPolicy {
  readonly maxBytes: number;
  /** Canonical MIME types (aliases such as image/jpg are understood too). */
  readonly allowedMimes: readonly string[];
}

const MiB = 1024 * 1024;

/** The DS list: PDF, images, Microsoft Office and OpenDocument files, plain text and CSV. */
export const defaultAllowedMimes: readonly string[] = [
  fileKinds.pdf,
  fileKinds.jpeg,
  fileKinds.png,
  fileKinds.gif,
  fileKinds.webp,
  fileKinds.tiff,
  fileKinds.doc,
  fileKinds.docx,
  fileKinds.xls,
  fileKinds.xlsx,
  fileKinds.ppt,
  fileKinds.pptx,
  fileKinds.odt,
  fileKinds.ods,
  fileKinds.odp,
  fileKinds.txt,
  fileKinds.csv,
].map((kind) => kind.mime);

/** `piece_justificative` fields: 200 Mo (DS `200.megabytes`), the default types. */
export const defaultUploadPolicy: UploadPolicy = { maxBytes: 200 * MiB, allowedMimes: defaultAllowedMimes };

/** Attachments of messages and avis: 20 Mo, the default types. */
export const messageAttachmentPolicy: UploadPolicy = { maxBytes: 20 * MiB, allowedMimes: defaultAllowedMimes };

export const uploadErrorCodes = ['FILE_TOO_LARGE', 'FILE_TYPE_NOT_ALLOWED', 'FILE_TYPE_MISMATCH', 'FILE_EMPTY'] as const;
export type UploadErrorCode = (typeof uploadErrorCodes)[number];

export type UploadCheck =
  | { readonly ok: true; readonly mime: string }
  | { readonly ok: false; readonly code: UploadErrorCode; readonly message: string };

export interface DeclaredUpload {
  readonly name: string;
  readonly mime: string;
  readonly size: number;
}

export interface UploadedFile {
  readonly declaredName: string;
  readonly declaredMime: string;
  /** What the client announced; the stored size (`actualSize`) is what counts. */
  readonly declaredSize: number;
  /** The first bytes of the stored file (`SNIFF_HEAD_BYTES` is enough). */
  readonly head: Uint8Array;
  readonly actualSize: number;
}

/** `209715200` → `200 Mo`, `1536` → `1,5 Ko`. */
export function formatFileSize(bytes: number): string {
  const units = ['octets', 'Ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value)} ${units[unit] ?? ''}`;
}

function isAllowed(mime: string, policy: UploadPolicy): boolean {
  const canonical = canonicalMime(mime);
  return policy.allowedMimes.some((allowed) => canonicalMime(allowed) === canonical);
}

function acceptedFormats(policy: UploadPolicy): string {
  const extensions = policy.allowedMimes.flatMap((mime) => kindByMime(mime)?.extensions.slice(0, 1) ?? []);
  return [...new Set(extensions)].join(', ');
}

function fail(code: UploadErrorCode, message: string): UploadCheck {
  return { ok: false, code, message };
}

const messages = {
  empty: (name: string) => fail('FILE_EMPTY', `Le fichier « ${name} » est vide.`),
  tooLarge: (name: string, policy: UploadPolicy) =>
    fail('FILE_TOO_LARGE', `Le fichier « ${name} » dépasse la taille maximale autorisée (${formatFileSize(policy.maxBytes)}).`),
  executable: (name: string) => fail('FILE_TYPE_NOT_ALLOWED', `Le fichier « ${name} » est un programme ou un script : ce type de fichier n’est jamais accepté.`),
  notAllowed: (name: string, what: string, policy: UploadPolicy) =>
    fail('FILE_TYPE_NOT_ALLOWED', `Le type du fichier « ${name} » (${what}) n’est pas accepté. Formats acceptés : ${acceptedFormats(policy)}.`),
  unknown: (name: string, policy: UploadPolicy) =>
    fail('FILE_TYPE_NOT_ALLOWED', `Le format du fichier « ${name} » n’est pas reconnu. Formats acceptés : ${acceptedFormats(policy)}.`),
  mismatch: (name: string, declared: string, actual?: FileKind) =>
    fail(
      'FILE_TYPE_MISMATCH',
      actual === undefined
        ? `Le contenu du fichier « ${name} » ne correspond pas à son type déclaré (${declared}).`
        : `Le contenu du fichier « ${name} » ne correspond pas à son type déclaré (${declared}) : il s’agit d’un fichier de type ${actual.label}.`,
    ),
};

function describeDeclared(extension: string, mime: string): string {
  return extension === '' ? mime || 'type inconnu' : `.${extension}`;
}

/**
 * The kind a client claims: by the name's extension, or by its MIME type when the name has none.
 * `null` means a claim of something we do not know (refused); `undefined`, no claim at all.
 */
function declaredKind(name: string, mime: string): FileKind | null | undefined {
  const extension = extensionOf(name);
  if (extension !== '') return kindByExtension(extension) ?? null;
  return kindByMime(mime);
}

function isExecutableClaim(name: string, mime: string): boolean {
  return executableExtensions.has(extensionOf(name)) || kindByMime(mime)?.family === 'executable';
}

/** Checks what a client announces before anything is stored (size and type by declaration). */
export function validateDeclaredUpload(upload: DeclaredUpload, policy: UploadPolicy): UploadCheck {
  if (upload.size === 0 || upload.size < 0) return messages.empty(upload.name);
  // `!(a <= b)` also refuses NaN.
  if (!(upload.size <= policy.maxBytes)) return messages.tooLarge(upload.name, policy);
  if (isExecutableClaim(upload.name, upload.mime)) return messages.executable(upload.name);

  const extension = extensionOf(upload.name);
  const kind = declaredKind(upload.name, upload.mime);
  const what = describeDeclared(extension, upload.mime);
  if (kind === null || kind === undefined) return messages.notAllowed(upload.name, what, policy);
  if (!isAllowed(kind.mime, policy)) return messages.notAllowed(upload.name, what, policy);
  if (!isDeclaredMimeCompatible(kind, upload.mime)) return messages.mismatch(upload.name, `${what}, ${upload.mime}`);
  return { ok: true, mime: kind.mime };
}

/**
 * Checks a stored file against its declaration and the policy. The content decides: the MIME
 * type returned is the sniffed one, to store and serve instead of the declared one.
 */
export function checkUpload(file: UploadedFile, policy: UploadPolicy): UploadCheck {
  const name = file.declaredName;
  if (file.actualSize <= 0 || file.head.length === 0) return messages.empty(name);
  if (!(file.actualSize <= policy.maxBytes)) return messages.tooLarge(name, policy);

  const extension = extensionOf(name);
  const claimed = declaredKind(name, file.declaredMime);
  // Without an extension, the declared MIME type stands in for it to refine the sniffing.
  const hintName = extension === '' && claimed ? `${name}.${claimed.extensions[0] ?? ''}` : name;
  const sniffed = sniffFileType(file.head, hintName);
  if (sniffed?.executable === true || isExecutableClaim(name, file.declaredMime)) return messages.executable(name);

  const what = describeDeclared(extension, file.declaredMime);
  if (claimed === null) return messages.notAllowed(name, what, policy);
  if (claimed !== undefined && !isAllowed(claimed.mime, policy)) return messages.notAllowed(name, what, policy);

  if (sniffed === null) return claimed === undefined ? messages.unknown(name, policy) : messages.mismatch(name, what);
  const actual = kindByMime(sniffed.mime);
  if (claimed !== undefined && claimed.mime !== sniffed.mime) return messages.mismatch(name, what, actual);
  if (actual !== undefined && !isDeclaredMimeCompatible(actual, file.declaredMime)) {
    return messages.mismatch(name, file.declaredMime, actual);
  }
  if (!isAllowed(sniffed.mime, policy)) return messages.notAllowed(name, actual?.label ?? sniffed.mime, policy);
  return { ok: true, mime: sniffed.mime };
}
