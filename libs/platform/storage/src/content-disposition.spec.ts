import { describe, expect, it } from 'vitest';
import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('keeps an ASCII name as is', () => {
    expect(attachmentDisposition('justificatif.pdf')).toBe(`attachment; filename="justificatif.pdf"; filename*=UTF-8''justificatif.pdf`);
  });

  it('gives accented names an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition("Pièce d'identité.pdf")).toBe(`attachment; filename="Piece d'identite.pdf"; filename*=UTF-8''Pi%C3%A8ce%20d%27identit%C3%A9.pdf`);
  });

  it('cannot be broken out of by quotes, semicolons or line breaks', () => {
    const header = attachmentDisposition('a"; filename=evil.exe\r\nX: y.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"')).toHaveLength(3);
    expect(header).toContain(`filename*=UTF-8''a%22%3B%20filename%3Devil.exe%20X%3A%20y.pdf`);
  });

  it('never yields an empty name', () => {
    expect(attachmentDisposition('  ')).toContain('filename="fichier"');
  });
});
