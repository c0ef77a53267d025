import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentContracts, type Actor, type BusContext, type Dossier, type RequestOf } from '@guichet/contracts';
import { startDocuments, type DocumentsHarness } from '../testing/documents-harness';
import { agent, dossier, procedure, usager } from '../testing/factories';
import { StoredFile } from './stored-file.entity';

// Integration: the documents service in-process with its own S3 server (s3rver), real PostgreSQL and
// NATS. dossiers.dossier.get is answered by a responder on the test bus (another team's service).

const pdfBytes = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const MiB = 1024 * 1024;

type PresignInput = RequestOf<typeof documentContracts.presignUpload>;

describe('documents: uploads straight to S3', () => {
  let h: DocumentsHarness;
  const tenantId = randomUUID();
  const otherTenantId = randomUUID();
  const owner = usager();
  const stranger = usager();
  const instructeur = agent('instructeur');
  let ownDossier: Dossier;

  const as = (actor: Actor, tenant?: string): BusContext => ({ actor, ...(tenant ? { tenantId: tenant } : {}) });
  const presign = (input: Partial<PresignInput>, ctx: BusContext = as(owner)) =>
    h.platform.bus.request(documentContracts.presignUpload, { purpose: 'champ', fileName: 'justificatif.pdf', mimeType: 'application/pdf', size: pdfBytes.length, dossierId: ownDossier.id, ...input }, ctx);
  const put = (url: string, body: Buffer, contentType = 'application/pdf') => fetch(url, { method: 'PUT', body: new Uint8Array(body), headers: { 'Content-Type': contentType } });
  const objectExists = async (key: string) =>
    h.minio.statObject('uploads', key).then(
      () => true,
      () => false,
    );
  const rowsOf = (accountId: string) => h.orm.em.fork().count(StoredFile, { ownerAccountId: accountId });
  const objectCount = async () => {
    let count = 0;
    for await (const _ of h.minio.listObjects('uploads', '', true)) count += 1;
    return count;
  };

  beforeAll(async () => {
    h = await startDocuments();
    const proc = procedure(tenantId, [], []);
    ownDossier = dossier(owner, proc);
    h.dossiers.set(ownDossier.id, ownDossier);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('creates its buckets at boot when they are missing', async () => {
    expect(await h.minio.bucketExists('uploads')).toBe(true);
    expect(await h.minio.bucketExists('attestations')).toBe(true);
  });

  it('presigns a PUT on the public S3 host, then confirms the stored bytes as safe and serves them back', async () => {
    const { file, upload } = await presign({ fileName: 'Pièce justificative.pdf' });
    expect(file).toMatchObject({ status: 'pending', dossierId: ownDossier.id, purpose: 'champ', mimeType: 'application/pdf' });
    expect(upload.method).toBe('PUT');
    expect(new URL(upload.url).host).toBe(h.publicHost);
    expect(new URL(upload.url).pathname).toBe(`/uploads/uploads/${file.id}`);
    expect(new URL(upload.url).searchParams.get('X-Amz-Expires')).toBe('900');
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeGreaterThan(14 * 60 * 1000);

    expect((await put(upload.url, pdfBytes)).status).toBe(200);
    const confirmed = await h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(owner));
    expect(confirmed).toMatchObject({ id: file.id, status: 'safe', mimeType: 'application/pdf', size: pdfBytes.length });
    // Confirming again changes nothing.
    expect(await h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(owner))).toEqual(confirmed);

    const { download } = await h.platform.bus.request(documentContracts.presignDownload, { fileId: file.id }, as(owner));
    expect(new URL(download.url).host).toBe(h.publicHost);
    expect(new URL(download.url).searchParams.get('X-Amz-Expires')).toBe('300');
    const response = await fetch(download.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Piece justificative.pdf"; filename*=UTF-8''Pi%C3%A8ce%20justificative.pdf`);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(pdfBytes);
  });

  it('lets agents of the dossier’s tenant and the system read the file, nobody else', async () => {
    const { file, upload } = await presign({});
    await put(upload.url, pdfBytes);
    await h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(owner));

    expect(await h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(instructeur, tenantId))).toMatchObject({ id: file.id, status: 'safe' });
    await expect(h.platform.bus.request(documentContracts.presignDownload, { fileId: file.id }, as(instructeur, tenantId))).resolves.toMatchObject({ file: { id: file.id } });
    expect(await h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, { system: 'messaging', tenantId })).toMatchObject({ id: file.id });

    await expect(h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(instructeur, otherTenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, { system: 'messaging', tenantId: otherTenantId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, { system: 'messaging' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // An usager's role never counts as an agent's, even when the request names the tenant.
    await expect(h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(stranger, tenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a declared size over the limit with FILE_TOO_LARGE, storing nothing', async () => {
    const before = await objectCount();
    await expect(presign({ size: 200 * MiB + 1 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('200 Mo') as string });
    // Messages and avis have a 20 Mo limit; a field's attachment may be larger.
    await expect(presign({ purpose: 'message', size: 25 * MiB })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('20 Mo') as string });
    await expect(presign({ purpose: 'avis', size: 25 * MiB })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await rowsOf(stranger.accountId)).toBe(0);
    const rowsBefore = await rowsOf(owner.accountId);
    await expect(presign({ size: 200 * MiB + 1 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await rowsOf(owner.accountId)).toBe(rowsBefore);
    expect(await objectCount()).toBe(before);
    await expect(presign({ purpose: 'champ', size: 25 * MiB })).resolves.toMatchObject({ file: { status: 'pending' } });
  });

  it('refuses types that are not allowed, and programs whatever they claim to be', async () => {
    const rowsBefore = await rowsOf(owner.accountId);
    await expect(presign({ fileName: 'setup.exe', mimeType: 'application/pdf' })).rejects.toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    await expect(presign({ fileName: 'page.html', mimeType: 'text/html' })).rejects.toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    await expect(presign({ fileName: 'vide.pdf', size: 0 })).rejects.toMatchObject({ code: 'FILE_EMPTY' });
    // Logos of attestations are images only.
    await expect(presign({ purpose: 'attestation_template', dossierId: undefined }, as(agent('administrateur'), tenantId))).rejects.toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    expect(await rowsOf(owner.accountId)).toBe(rowsBefore);
  });

  it('rejects a PDF whose bytes are a PNG with FILE_TYPE_MISMATCH and deletes the object', async () => {
    const { file, upload } = await presign({});
    expect((await put(upload.url, pngBytes)).status).toBe(200);
    expect(await objectExists(`uploads/${file.id}`)).toBe(true);

    await expect(h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(owner))).rejects.toMatchObject({
      code: 'FILE_TYPE_MISMATCH',
      message: expect.stringContaining('image PNG') as string,
    });
    expect(await objectExists(`uploads/${file.id}`)).toBe(false);
    expect(await h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(owner))).toMatchObject({ status: 'rejected' });
    // Asked again, the same answer; a second PUT with the still-valid URL is deleted too.
    await put(upload.url, pngBytes);
    await expect(h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(owner))).rejects.toMatchObject({ code: 'FILE_TYPE_MISMATCH' });
    expect(await objectExists(`uploads/${file.id}`)).toBe(false);
    await expect(h.platform.bus.request(documentContracts.presignDownload, { fileId: file.id }, as(owner))).rejects.toMatchObject({ code: 'FILE_NOT_UPLOADED' });
  });

  it('rejects a stored file larger than the limit even when its declaration was small', async () => {
    const { file, upload } = await presign({ purpose: 'message', size: 1024 });
    await put(upload.url, Buffer.concat([pdfBytes, Buffer.alloc(20 * MiB + 1)]));
    await expect(h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(owner))).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await objectExists(`uploads/${file.id}`)).toBe(false);
  });

  it('answers FILE_NOT_UPLOADED to a confirmation before the upload, and keeps the file pending', async () => {
    const { file } = await presign({});
    await expect(h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(owner))).rejects.toMatchObject({ code: 'FILE_NOT_UPLOADED' });
    expect(await h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(owner))).toMatchObject({ status: 'pending' });
    await expect(h.platform.bus.request(documentContracts.presignDownload, { fileId: file.id }, as(owner))).rejects.toMatchObject({ code: 'FILE_NOT_UPLOADED' });
  });

  it('answers NOT_FOUND to another usager, for the file and for uploading to the dossier', async () => {
    const { file, upload } = await presign({});
    await put(upload.url, pdfBytes);
    await expect(h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, as(stranger))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(stranger))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(documentContracts.presignDownload, { fileId: file.id }, as(stranger))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(presign({}, as(stranger))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(presign({ dossierId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await rowsOf(stranger.accountId)).toBe(0);
    // The stranger's attempts changed nothing for the owner.
    expect(await h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(owner))).toMatchObject({ status: 'pending' });
    await expect(h.platform.bus.request(documentContracts.getFile, { fileId: randomUUID() }, as(owner))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('wants a signed-in caller to upload, and an administrateur for attestation images', async () => {
    await expect(presign({}, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(presign({}, { system: 'gateway', tenantId })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const image = { purpose: 'attestation_template' as const, dossierId: undefined, fileName: 'logo.png', mimeType: 'image/png', size: pngBytes.length };
    await expect(presign(image, as(instructeur, tenantId))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(presign(image, as(owner))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = agent('administrateur');
    const { file } = await presign(image, as(admin, tenantId));
    // The image belongs to the administrateur's tenant: its agents may read it, another tenant's may not.
    expect(await h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(instructeur, tenantId))).toMatchObject({ purpose: 'attestation_template' });
    await expect(h.platform.bus.request(documentContracts.getFile, { fileId: file.id }, as(agent(), otherTenantId))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses payloads that break the contract at the receiving edge', async () => {
    const subject = h.platform.bus.names.wire(documentContracts.presignUpload.subject);
    const reply = async (body: string) => JSON.parse(new TextDecoder().decode((await h.platform.bus.nc.request(subject, new TextEncoder().encode(body))).data)) as unknown;
    expect(await reply(JSON.stringify({ purpose: 'champ', fileName: '', mimeType: 'application/pdf', size: 10 }))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(await reply(JSON.stringify({ purpose: 'virus', fileName: 'a.pdf', mimeType: 'application/pdf', size: 10 }))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(await reply(JSON.stringify({ purpose: 'champ', fileName: 'a.pdf', mimeType: 'application/pdf', size: -1 }))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    expect(await reply('not json')).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    const confirm = h.platform.bus.names.wire(documentContracts.confirmUpload.subject);
    const confirmReply = JSON.parse(new TextDecoder().decode((await h.platform.bus.nc.request(confirm, new TextEncoder().encode('{"fileId":"nope"}'))).data)) as unknown;
    expect(confirmReply).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
  });
});
