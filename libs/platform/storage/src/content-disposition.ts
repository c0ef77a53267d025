/**
 * `attachment` with the file name for a download (RFC 6266): an ASCII fallback in `filename` for old
 * clients, and the exact UTF-8 name in `filename*` (RFC 8187), so "Pièce d'identité.pdf" survives.
 */
export function attachmentDisposition(fileName: string): string {
  const cleaned = fileName.replace(/[\r\n\\/]+/g, ' ').trim() || 'fichier';
  const fallback = cleaned
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["%;]/g, '_');
  const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
