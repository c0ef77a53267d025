import { randomUUID } from 'node:crypto';
import { decisionJustificatifLimits, type FileInfo } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import { justificatifMessages, justificatifProblem } from './decision-justificatif';

const dossierId = randomUUID();
const accountId = randomUUID();
const expected = { dossierId, accountId };

function aFile(overrides: Partial<FileInfo> = {}): FileInfo {
  return {
    id: randomUUID(),
    dossierId,
    ownerAccountId: accountId,
    fileName: 'arrete.pdf',
    mimeType: 'application/pdf',
    size: 120_000,
    status: 'safe',
    purpose: 'justificatif',
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('justificatifProblem', () => {
  it('accepts the deciding agent’s confirmed justificatif of this dossier', () => {
    expect(justificatifProblem(aFile(), expected)).toBeNull();
  });

  it.each(decisionJustificatifLimits.mimeTypes)('accepts the type %s', (mimeType) => {
    expect(justificatifProblem(aFile({ mimeType }), expected)).toBeNull();
  });

  it('accepts exactly 20 Mo, not one byte more, and never an empty file', () => {
    expect(justificatifProblem(aFile({ size: 20 * 1024 * 1024 }), expected)).toBeNull();
    expect(justificatifProblem(aFile({ size: 20 * 1024 * 1024 + 1 }), expected)).toBe(justificatifMessages.size);
    expect(justificatifProblem(aFile({ size: 0 }), expected)).toBe(justificatifMessages.size);
  });

  it('refuses a file documents did not find in the dossier’s tenant', () => {
    expect(justificatifProblem(null, expected)).toBe(justificatifMessages.notFound);
  });

  it('refuses a file someone else uploaded, before saying anything else of it', () => {
    expect(justificatifProblem(aFile({ ownerAccountId: randomUUID() }), expected)).toBe(justificatifMessages.otherOwner);
    expect(justificatifProblem(aFile({ ownerAccountId: randomUUID(), dossierId: randomUUID(), status: 'pending' }), expected)).toBe(justificatifMessages.otherOwner);
  });

  it('refuses any file when no agent decides (the system uploads nothing)', () => {
    expect(justificatifProblem(aFile(), { dossierId, accountId: undefined })).toBe(justificatifMessages.otherOwner);
  });

  it('refuses the agent’s file of another dossier, or of no dossier', () => {
    expect(justificatifProblem(aFile({ dossierId: randomUUID() }), expected)).toBe(justificatifMessages.otherDossier);
    expect(justificatifProblem(aFile({ dossierId: null }), expected)).toBe(justificatifMessages.otherDossier);
  });

  it.each(['champ', 'message', 'avis', 'attestation_template'] as const)('refuses a file uploaded for another purpose (%s)', (purpose) => {
    expect(justificatifProblem(aFile({ purpose }), expected)).toBe(justificatifMessages.purpose);
  });

  it('refuses a file not yet confirmed, or refused by the checks', () => {
    expect(justificatifProblem(aFile({ status: 'pending' }), expected)).toBe(justificatifMessages.pending);
    expect(justificatifProblem(aFile({ status: 'rejected' }), expected)).toBe(justificatifMessages.rejected);
  });

  it.each(['text/plain', 'text/csv', 'application/zip', 'text/html', 'image/svg+xml', 'application/octet-stream'])('refuses the type %s', (mimeType) => {
    expect(justificatifProblem(aFile({ mimeType }), expected)).toBe(justificatifMessages.type);
  });
});
