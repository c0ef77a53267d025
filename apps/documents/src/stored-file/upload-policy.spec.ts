import { decisionJustificatifLimits, filePurposes } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { fileKinds, kindByExtension, kindByMime } from '../files/file-kinds';
import { checkUpload, validateDeclaredUpload } from '../files/file-type';
import { decisionJustificatifPolicy, uploadPolicyFor } from './upload-policy';

const pdfHead = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n');
const MiB = 1024 * 1024;

describe('the justificatif of a decision', () => {
  it('has a policy for every purpose', () => {
    for (const purpose of filePurposes) expect(uploadPolicyFor(purpose).maxBytes, purpose).toBeGreaterThan(0);
    expect(uploadPolicyFor('justificatif')).toBe(decisionJustificatifPolicy);
  });

  it('allows only types documents knows by their canonical MIME type, and announces their extensions', () => {
    for (const mime of decisionJustificatifLimits.mimeTypes) expect(kindByMime(mime)?.mime, mime).toBe(mime);
    for (const extension of decisionJustificatifLimits.extensions) {
      const kind = kindByExtension(extension);
      expect(kind && (decisionJustificatifLimits.mimeTypes as readonly string[]).includes(kind.mime), extension).toBe(true);
    }
  });

  it('takes PDF, images and office documents of 20 Mo at most', () => {
    expect(validateDeclaredUpload({ name: 'arrete.pdf', mime: 'application/pdf', size: 20 * MiB }, decisionJustificatifPolicy)).toEqual({ ok: true, mime: fileKinds.pdf.mime });
    expect(validateDeclaredUpload({ name: 'photo.jpg', mime: 'image/jpeg', size: 1000 }, decisionJustificatifPolicy).ok).toBe(true);
    expect(validateDeclaredUpload({ name: 'note.odt', mime: fileKinds.odt.mime, size: 1000 }, decisionJustificatifPolicy).ok).toBe(true);
    expect(validateDeclaredUpload({ name: 'tableau.xlsx', mime: fileKinds.xlsx.mime, size: 1000 }, decisionJustificatifPolicy).ok).toBe(true);
    expect(validateDeclaredUpload({ name: 'arrete.pdf', mime: 'application/pdf', size: 20 * MiB + 1 }, decisionJustificatifPolicy)).toMatchObject({ ok: false, code: 'FILE_TOO_LARGE' });
    expect(validateDeclaredUpload({ name: 'notes.txt', mime: 'text/plain', size: 10 }, decisionJustificatifPolicy)).toMatchObject({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(validateDeclaredUpload({ name: 'liste.csv', mime: 'text/csv', size: 10 }, decisionJustificatifPolicy)).toMatchObject({ ok: false, code: 'FILE_TYPE_NOT_ALLOWED' });
  });

  it('checks the stored bytes: a PDF is a PDF, a text named .pdf is refused', () => {
    expect(checkUpload({ declaredName: 'arrete.pdf', declaredMime: 'application/pdf', declaredSize: pdfHead.length, head: pdfHead, actualSize: pdfHead.length }, decisionJustificatifPolicy)).toEqual({ ok: true, mime: 'application/pdf' });
    const text = new TextEncoder().encode('pas un PDF');
    expect(checkUpload({ declaredName: 'arrete.pdf', declaredMime: 'application/pdf', declaredSize: text.length, head: text, actualSize: text.length }, decisionJustificatifPolicy)).toMatchObject({ ok: false, code: 'FILE_TYPE_MISMATCH' });
  });
});
