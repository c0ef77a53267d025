import { describe, expect, it } from 'vitest';
import { imageMessages, imageProblem } from './procedure-images';

const png = { status: 'safe', purpose: 'attestation_template', mimeType: 'image/png' } as const;

describe('imageProblem: which documents files a procedure may use as an image', () => {
  it('accepts confirmed PNG and JPEG builder uploads', () => {
    expect(imageProblem(png)).toBeNull();
    expect(imageProblem({ ...png, mimeType: 'image/jpeg' })).toBeNull();
    expect(imageProblem({ ...png, mimeType: 'IMAGE/PNG' })).toBeNull();
  });

  it('refuses unconfirmed and refused files, other purposes and other types, each with its message', () => {
    expect(imageProblem({ ...png, status: 'pending' })).toBe(imageMessages.pending);
    expect(imageProblem({ ...png, status: 'rejected' })).toBe(imageMessages.rejected);
    expect(imageProblem({ ...png, purpose: 'champ' })).toBe(imageMessages.purpose);
    expect(imageProblem({ ...png, purpose: 'message' })).toBe(imageMessages.purpose);
    expect(imageProblem({ ...png, mimeType: 'image/gif' })).toBe(imageMessages.type);
    expect(imageProblem({ ...png, mimeType: 'image/svg+xml' })).toBe(imageMessages.type);
    expect(imageProblem({ ...png, mimeType: 'application/pdf' })).toBe(imageMessages.type);
  });
});
