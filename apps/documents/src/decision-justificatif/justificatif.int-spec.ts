import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentContracts, type Actor, type BusContext, type Dossier, type FileInfo } from '@guichet/contracts';
import { startDocuments, type DocumentsHarness } from '../testing/documents-harness';
import { agent, dossier, procedure, usager } from '../testing/factories';

// Integration: the documents service in-process with its own S3 server, real PostgreSQL and NATS;
// dossiers.dossier.get is answered by the harness' responder (owner, agents and system of the tenant).

const pdfBytes = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

describe('documents: the justificatif of a decision', () => {
  let h: DocumentsHarness;
  const tenantId = randomUUID();
  const owner = usager();
  const instructeur = agent('instructeur');
  const as = (actor: Actor, tenant?: string): BusContext => ({ actor, ...(tenant !== undefined ? { tenantId: tenant } : {}) });
  const agentCtx = as(instructeur, tenantId);
  let decided: Dossier;

  /** Presign, PUT, confirm: what the instructeur's browser does. */
  async function uploadJustificatif(on: Dossier, ctx: BusContext = agentCtx, fileName = 'Arrêté préfectoral.pdf'): Promise<FileInfo> {
    const { file, upload } = await h.platform.bus.request(documentContracts.presignUpload, { dossierId: on.id, purpose: 'justificatif', fileName, mimeType: 'application/pdf', size: pdfBytes.length }, ctx);
    expect((await fetch(upload.url, { method: 'PUT', body: new Uint8Array(pdfBytes), headers: upload.headers })).status).toBe(200);
    return h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, ctx);
  }

  const download = (dossierId: string, ctx: BusContext) => h.platform.bus.request(documentContracts.presignJustificatifDownload, { dossierId }, ctx);

  beforeAll(async () => {
    h = await startDocuments();
    decided = dossier(owner, procedure(tenantId, [], []), { state: 'accepte' });
    h.dossiers.set(decided.id, decided);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('is uploaded by an agent on the dossier, owned by them and checked like any upload', async () => {
    const file = await uploadJustificatif(decided);
    expect(file).toMatchObject({ status: 'safe', purpose: 'justificatif', dossierId: decided.id, ownerAccountId: instructeur.accountId, fileName: 'Arrêté préfectoral.pdf', mimeType: 'application/pdf' });
    // Asked as the system for the tenant (what the dossiers service does), the owner is told.
    const seen = await h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, { system: 'dossiers', tenantId });
    expect(seen.ownerAccountId).toBe(instructeur.accountId);
  });

  it('is refused to the usager, outside a dossier, and beyond 20 Mo or outside PDF, images and office documents', async () => {
    const presign = (input: Partial<{ dossierId: string; fileName: string; mimeType: string; size: number }>, ctx: BusContext) =>
      h.platform.bus.request(documentContracts.presignUpload, { dossierId: decided.id, purpose: 'justificatif', fileName: 'a.pdf', mimeType: 'application/pdf', size: 100, ...input }, ctx);
    await expect(presign({}, as(owner))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(h.platform.bus.request(documentContracts.presignUpload, { purpose: 'justificatif', fileName: 'a.pdf', mimeType: 'application/pdf', size: 100 }, agentCtx)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { dossierId: expect.any(String) as string },
    });
    await expect(presign({ size: 20 * 1024 * 1024 + 1 }, agentCtx)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    await expect(presign({ fileName: 'notes.txt', mimeType: 'text/plain' }, agentCtx)).rejects.toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    // Another tenant's agent does not see the dossier at all.
    await expect(presign({}, as(agent('instructeur'), randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is downloaded by the dossier’s usager and its agents once the decision names it, with the stored name and bytes', async () => {
    const file = await uploadJustificatif(decided);
    h.dossiers.set(decided.id, { ...decided, justificatif: { fileId: file.id, fileName: file.fileName } });

    for (const ctx of [as(owner), agentCtx, as(agent('administrateur'), tenantId)]) {
      const { file: served, download: url } = await download(decided.id, ctx);
      expect(served.id).toBe(file.id);
      const response = await fetch(url.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''Arr%C3%AAt%C3%A9%20pr%C3%A9fectoral.pdf`);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(pdfBytes);
    }
  });

  it('is NOT_FOUND for whoever does not read the dossier, and when the decision has none', async () => {
    const file = await uploadJustificatif(decided);
    h.dossiers.set(decided.id, { ...decided, justificatif: { fileId: file.id, fileName: file.fileName } });
    await expect(download(decided.id, as(usager()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(download(decided.id, as(agent('instructeur'), randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(download(decided.id, { actor: { ...usager(), roles: ['expert'] } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(download(randomUUID(), as(owner))).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const undecided = dossier(owner, procedure(tenantId, [], []), { state: 'en_instruction' });
    h.dossiers.set(undecided.id, undecided);
    await expect(download(undecided.id, as(owner))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'La décision de ce dossier n’a pas de justificatif.' });
  });

  it('serves only a confirmed file of that very dossier, whatever the dossier names', async () => {
    const other = dossier(owner, procedure(tenantId, [], []), { state: 'accepte' });
    h.dossiers.set(other.id, other);
    const ofOther = await uploadJustificatif(other);
    const { file: pending } = await h.platform.bus.request(documentContracts.presignUpload, { dossierId: decided.id, purpose: 'justificatif', fileName: 'b.pdf', mimeType: 'application/pdf', size: pdfBytes.length }, agentCtx);
    for (const named of [ofOther, pending]) {
      h.dossiers.set(decided.id, { ...decided, justificatif: { fileId: named.id, fileName: named.fileName } });
      await expect(download(decided.id, as(owner))).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Le justificatif de cette décision est introuvable.' });
    }
  });
});
