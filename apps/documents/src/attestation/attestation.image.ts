import { sniffFileType } from '../files/file-type';
import { type AttestationImage } from './attestation.document';

function uint32BE(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0)) >>> 0;
}

function uint16BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
}

function chunkType(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

/** A PNG whose chunks are all in bounds, starting with a non-empty IHDR and ending with IEND. */
function isWellFormedPng(bytes: Uint8Array): boolean {
  let offset = 8;
  let first = true;
  let hasData = false;
  while (offset + 12 <= bytes.length) {
    const length = uint32BE(bytes, offset);
    const type = chunkType(bytes, offset + 4);
    if (offset + 12 + length > bytes.length) return false;
    if (first && (type !== 'IHDR' || length !== 13 || uint32BE(bytes, offset + 8) === 0 || uint32BE(bytes, offset + 12) === 0)) return false;
    first = false;
    if (type === 'IDAT') hasData = true;
    if (type === 'IEND') return hasData;
    offset += 12 + length;
  }
  return false;
}

const startOfFrameMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** A JPEG whose segments are in bounds up to the scan, with a frame of non-zero size. */
function isWellFormedJpeg(bytes: Uint8Array): boolean {
  let offset = 2;
  let hasFrame = false;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return false;
    const marker = bytes[offset + 1] ?? 0;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    const length = uint16BE(bytes, offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) return false;
    if (startOfFrameMarkers.has(marker)) {
      if (length < 8 || uint16BE(bytes, offset + 5) === 0 || uint16BE(bytes, offset + 7) === 0) return false;
      hasFrame = true;
    }
    if (marker === 0xda) return hasFrame;
    offset += 2 + length;
  }
  return false;
}

/**
 * The PNG or JPEG to embed, or `undefined` for anything else or anything malformed: a broken
 * logo must not stop an attestation the usager is entitled to, so it is left out (and the
 * header shows the administration's name instead). Templates are checked on upload.
 */
export function attestationImage(bytes: Uint8Array | undefined): AttestationImage | undefined {
  if (bytes === undefined) return undefined;
  const mime = sniffFileType(bytes.subarray(0, 16))?.mime;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (mime === 'image/png' && isWellFormedPng(bytes)) return { data, format: 'png' };
  if (mime === 'image/jpeg' && isWellFormedJpeg(bytes)) return { data, format: 'jpg' };
  return undefined;
}
