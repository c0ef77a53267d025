/** The file formats Guichet knows by name, whether or not a policy allows them. */
export interface FileKind {
  /** Canonical MIME type, the one stored and served. */
  readonly mime: string;
  /** File name extensions, the preferred one first. */
  readonly extensions: readonly string[];
  /** Other MIME types browsers and clients send for this format. */
  readonly aliases: readonly string[];
  /** Kinds of one family accept each other's declared MIME types (a CSV is also plain text). */
  readonly family: string;
  /** French name for messages. */
  readonly label: string;
  readonly container?: 'zip' | 'ole2';
}

const ooxml = 'application/vnd.openxmlformats-officedocument';
const odf = 'application/vnd.oasis.opendocument';

export const fileKinds = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'], aliases: ['application/x-pdf', 'application/acrobat'], family: 'pdf', label: 'PDF' },
  png: { mime: 'image/png', extensions: ['png'], aliases: ['image/x-png'], family: 'png', label: 'image PNG' },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], aliases: ['image/jpg', 'image/pjpeg'], family: 'jpeg', label: 'image JPEG' },
  gif: { mime: 'image/gif', extensions: ['gif'], aliases: [], family: 'gif', label: 'image GIF' },
  webp: { mime: 'image/webp', extensions: ['webp'], aliases: [], family: 'webp', label: 'image WebP' },
  tiff: { mime: 'image/tiff', extensions: ['tif', 'tiff'], aliases: ['image/tif', 'image/x-tiff'], family: 'tiff', label: 'image TIFF' },
  docx: { mime: `${ooxml}.wordprocessingml.document`, extensions: ['docx'], aliases: [], family: 'docx', label: 'document Word', container: 'zip' },
  xlsx: { mime: `${ooxml}.spreadsheetml.sheet`, extensions: ['xlsx'], aliases: [], family: 'xlsx', label: 'classeur Excel', container: 'zip' },
  pptx: { mime: `${ooxml}.presentationml.presentation`, extensions: ['pptx'], aliases: [], family: 'pptx', label: 'présentation PowerPoint', container: 'zip' },
  odt: { mime: `${odf}.text`, extensions: ['odt'], aliases: [], family: 'odt', label: 'document OpenDocument', container: 'zip' },
  ods: { mime: `${odf}.spreadsheet`, extensions: ['ods'], aliases: [], family: 'ods', label: 'classeur OpenDocument', container: 'zip' },
  odp: { mime: `${odf}.presentation`, extensions: ['odp'], aliases: [], family: 'odp', label: 'présentation OpenDocument', container: 'zip' },
  doc: { mime: 'application/msword', extensions: ['doc'], aliases: [], family: 'doc', label: 'document Word 97-2003', container: 'ole2' },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['xls'], aliases: [], family: 'xls', label: 'classeur Excel 97-2003', container: 'ole2' },
  ppt: { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt'], aliases: [], family: 'ppt', label: 'présentation PowerPoint 97-2003', container: 'ole2' },
  txt: { mime: 'text/plain', extensions: ['txt', 'text'], aliases: [], family: 'text', label: 'texte' },
  // Windows sends application/vnd.ms-excel for a .csv when Excel is installed.
  csv: {
    mime: 'text/csv',
    extensions: ['csv'],
    aliases: ['text/x-csv', 'application/csv', 'application/x-csv', 'text/comma-separated-values', 'application/vnd.ms-excel'],
    family: 'text',
    label: 'fichier CSV',
  },
  // Known so that they can be named in messages; no default policy allows them.
  zip: { mime: 'application/zip', extensions: ['zip'], aliases: ['application/x-zip-compressed', 'application/x-zip'], family: 'zip', label: 'archive ZIP', container: 'zip' },
  ole2: { mime: 'application/x-ole-storage', extensions: ['cfb'], aliases: ['application/cdfv2', 'application/vnd.ms-office'], family: 'ole2', label: 'conteneur OLE', container: 'ole2' },
  html: { mime: 'text/html', extensions: ['html', 'htm', 'xhtml'], aliases: ['application/xhtml+xml'], family: 'html', label: 'page HTML' },
  svg: { mime: 'image/svg+xml', extensions: ['svg', 'svgz'], aliases: [], family: 'svg', label: 'image SVG' },
  exe: { mime: 'application/x-msdownload', extensions: ['exe', 'dll'], aliases: ['application/x-dosexec', 'application/vnd.microsoft.portable-executable'], family: 'executable', label: 'programme Windows' },
  elf: { mime: 'application/x-executable', extensions: ['elf', 'so'], aliases: ['application/x-elf', 'application/x-sharedlib'], family: 'executable', label: 'programme Linux' },
  macho: { mime: 'application/x-mach-binary', extensions: ['dylib'], aliases: [], family: 'executable', label: 'programme macOS' },
  script: { mime: 'text/x-shellscript', extensions: ['sh'], aliases: ['application/x-sh', 'text/x-sh'], family: 'executable', label: 'script' },
} as const satisfies Record<string, FileKind>;

export type FileKindId = keyof typeof fileKinds;

const allKinds: readonly FileKind[] = Object.values(fileKinds);

/**
 * Names that run code when opened: refused whatever their content or the policy says. Scripts are
 * plain text, so sniffing alone would not catch them.
 */
export const executableExtensions: ReadonlySet<string> = new Set([
  'exe', 'dll', 'com', 'bat', 'cmd', 'msi', 'msp', 'mst', 'scr', 'pif', 'cpl', 'sys', 'drv', 'ocx',
  'vbs', 'vbe', 'js', 'jse', 'mjs', 'wsf', 'wsh', 'ws', 'ps1', 'psm1', 'psd1', 'hta', 'jar', 'sh', 'bash',
  'app', 'apk', 'dmg', 'pkg', 'deb', 'rpm', 'lnk', 'reg', 'inf', 'gadget', 'appx', 'msix', 'elf', 'so', 'dylib',
]);

/** Generic MIME types that say nothing about the content: never a reason for a mismatch. */
const genericMimes: ReadonlySet<string> = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
  'application/binary',
  'application/unknown',
  'application/x-download',
  'application/force-download',
]);

/** `Image/JPEG; charset=x` → `image/jpeg`. */
export function normalizeMime(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

/** The lower-case extension of a file name, without the dot; '' when there is none. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 || dot === base.length - 1 ? '' : base.slice(dot + 1).toLowerCase();
}

export function kindByExtension(extension: string): FileKind | undefined {
  const lower = extension.toLowerCase();
  return allKinds.find((kind) => kind.extensions.includes(lower));
}

/** The kind whose canonical MIME type this is, else the first kind listing it as an alias. */
export function kindByMime(mime: string): FileKind | undefined {
  const normalized = normalizeMime(mime);
  return allKinds.find((kind) => kind.mime === normalized) ?? allKinds.find((kind) => kind.aliases.includes(normalized));
}

/** `image/jpg` → `image/jpeg`; unknown types are returned normalized. */
export function canonicalMime(mime: string): string {
  return kindByMime(mime)?.mime ?? normalizeMime(mime);
}

/**
 * Whether a client could honestly declare `declaredMime` for a file of `kind`: generic types,
 * unknown ones (browsers invent some) and those of the same family or container are accepted.
 */
export function isDeclaredMimeCompatible(kind: FileKind, declaredMime: string): boolean {
  const declared = normalizeMime(declaredMime);
  if (genericMimes.has(declared)) return true;
  const claimed = allKinds.filter((candidate) => candidate.mime === declared || candidate.aliases.includes(declared));
  if (claimed.length === 0) return true;
  return claimed.some(
    (candidate) =>
      candidate.family === kind.family ||
      // A browser may send application/zip for a .docx: the container is then what it names.
      (candidate.container !== undefined && candidate.container === kind.container && (candidate === fileKinds.zip || candidate === fileKinds.ole2)),
  );
}
