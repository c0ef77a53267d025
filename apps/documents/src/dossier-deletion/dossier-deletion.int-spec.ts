import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentContracts, dossierEventContracts, type Actor, type Dossier, type EventEnvelope, type Procedure } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { Attestation } from '../dossier-attestation/attestation.entity';
import { ObjectDeletion } from '../object-deletion/object-deletion.entity';
import { StoredFile } from '../stored-file/stored-file.entity';
import { startDocuments, type DocumentsHarness } from '../testing/documents-harness';
import { acceptanceTemplate, dossier, procedure, stateChanged, usager } from '../testing/factories';

// Integration: `dossier.deleted` through the real JetStream stream. Documents deletes the file and
// attestation records of the deleted dossiers in the consumer's transaction, and their S3 objects
// (s3rver) after the commit, through the object_deletion outbox, retried when S3 fails.

const pdfBytes = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const durable = 'documents__dossier_deleted';

describe('documents: deleted dossiers', () => {
  let h: DocumentsHarness;
  const tenantId = randomUUID();
  let proc: Procedure;

  const em = () => h.orm.em.fork();
  const objectExists = (bucket: string, key: string) =>
    h.minio.statObject(bucket, key).then(
      () => true,
      () => false,
    );
  const aDossier = (owner: Actor, overrides: Partial<Dossier> = {}): Dossier => {
    const d = dossier(owner, proc, overrides);
    h.dossiers.set(d.id, d);
    return d;
  };
  /** An uploaded file of the dossier's usager; confirmed unless said otherwise. */
  const upload = async (d: Dossier, owner: Actor, purpose: 'champ' | 'message' = 'champ', confirm = true): Promise<StoredFile> => {
    const { file, upload: link } = await h.platform.bus.request(
      documentContracts.presignUpload,
      { purpose, fileName: 'piece.pdf', mimeType: 'application/pdf', size: pdfBytes.length, dossierId: d.id },
      { actor: owner },
    );
    expect((await fetch(link.url, { method: 'PUT', body: new Uint8Array(pdfBytes), headers: { 'Content-Type': 'application/pdf' } })).status).toBe(200);
    if (confirm) await h.platform.bus.request(documentContracts.confirmUpload, { fileId: file.id }, { actor: owner });
    return em().findOneOrFail(StoredFile, { id: file.id });
  };
  /** The dossier accepted: documents generates its attestation (PDF in S3, row in PostgreSQL). */
  const attested = async (d: Dossier): Promise<Attestation> => {
    const accepted = { ...d, state: 'accepte' as const, decidedAt: new Date().toISOString() };
    h.dossiers.set(d.id, accepted);
    await h.publish(stateChanged(accepted, { event: 'accepter', from: 'en_instruction', to: 'accepte' }));
    return waitFor(async () => (await em().findOne(Attestation, { dossierId: d.id })) ?? undefined, { timeoutMs: 20_000, description: 'the attestation' });
  };
  const deleted = (dossierIds: string[], tenant: string | null = tenantId): EventEnvelope => ({
    id: randomUUID(),
    type: dossierEventContracts.deleted.type,
    version: 1,
    occurredAt: new Date().toISOString(),
    tenantId: tenant,
    actor: null,
    traceparent: null,
    data: { procedureId: proc.id, dossierIds, reason: 'test_purge' },
  });
  const deliver = async (envelope: EventEnvelope, msgID: string = envelope.id) => {
    const seq = await h.publishEvent(dossierEventContracts.deleted, envelope, msgID);
    await waitFor(() => h.consumedBy(durable, seq), { timeoutMs: 15_000, description: 'dossier.deleted consumed' });
  };

  beforeAll(async () => {
    h = await startDocuments({ OBJECT_SWEEP_INTERVAL_MS: '200', OBJECT_DELETION_BACKOFF_MS: '100' });
    proc = procedure(tenantId, [], [acceptanceTemplate()]);
    h.procedures.set(proc.id, proc);
    if (proc.publishedRevision) h.revisions.set(proc.publishedRevision.id, proc.publishedRevision);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('deletes the files and attestations of the deleted dossiers, records then S3 objects, and nothing of other dossiers; a redelivery is harmless', async () => {
    const owner = usager();
    const doomed = aDossier(owner, { test: true });
    const kept = aDossier(owner);
    const doomedFiles = [await upload(doomed, owner), await upload(doomed, owner, 'message'), await upload(doomed, owner, 'champ', false)];
    const keptFile = await upload(kept, owner);
    const doomedAttestation = await attested(doomed);
    const keptAttestation = await attested(kept);
    for (const file of doomedFiles) expect(await objectExists('uploads', file.objectKey)).toBe(true);
    expect(await objectExists('attestations', doomedAttestation.objectKey)).toBe(true);

    const envelope = deleted([doomed.id, randomUUID()]);
    await deliver(envelope);

    expect(await em().count(StoredFile, { dossierId: doomed.id })).toBe(0);
    expect(await em().count(Attestation, { dossierId: doomed.id })).toBe(0);
    await expect(h.platform.bus.request(documentContracts.presignDownload, { fileId: doomedFiles[0]?.id ?? '' }, { actor: owner })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The objects go right after the commit.
    await waitFor(async () => (await em().count(ObjectDeletion, {})) === 0, { timeoutMs: 10_000, description: 'the S3 deletions done' });
    for (const file of doomedFiles) expect(await objectExists('uploads', file.objectKey)).toBe(false);
    expect(await objectExists('attestations', doomedAttestation.objectKey)).toBe(false);

    // The other dossier keeps everything.
    expect(await em().count(StoredFile, { dossierId: kept.id })).toBe(1);
    expect(await objectExists('uploads', keptFile.objectKey)).toBe(true);
    expect(await objectExists('attestations', keptAttestation.objectKey)).toBe(true);
    expect(await h.platform.bus.request(documentContracts.getAttestation, { dossierId: kept.id }, { actor: owner })).toMatchObject({ status: 'ready' });

    // The same event again, with a new Nats-Msg-Id: recorded once, nothing else happens.
    await deliver(envelope, randomUUID());
    const processed = (await em().getConnection().execute('select count(*) from documents.processed_event where consumer = ? and event_id = ?', [durable, envelope.id])) as { count: string }[];
    expect(processed[0]?.count).toBe('1');
    expect(await em().count(StoredFile, { dossierId: kept.id })).toBe(1);
    expect(await em().count(ObjectDeletion, {})).toBe(0);
  });

  it('deletes nothing of a dossier of another tenant than the event’s', async () => {
    const owner = usager();
    const d = aDossier(owner);
    const file = await upload(d, owner);
    await deliver(deleted([d.id], randomUUID()));
    expect(await em().count(StoredFile, { id: file.id })).toBe(1);
    expect(await objectExists('uploads', file.objectKey)).toBe(true);
  });

  it('keeps the record deletion when S3 fails, and removes the object once S3 answers again', async () => {
    const owner = usager();
    const d = aDossier(owner, { test: true });
    const file = await upload(d, owner);
    // S3 refuses deletions in `uploads`: the bucket is gone (its objects moved aside first).
    const keys: string[] = [];
    for await (const object of h.minio.listObjects('uploads', '', true)) if (object.name) keys.push(object.name);
    const saved = new Map<string, Buffer>();
    for (const key of keys) {
      const chunks: Buffer[] = [];
      for await (const chunk of await h.minio.getObject('uploads', key)) chunks.push(chunk as Buffer);
      saved.set(key, Buffer.concat(chunks));
      await h.minio.removeObject('uploads', key);
    }
    await h.minio.removeBucket('uploads');

    await deliver(deleted([d.id]));
    // The records are gone at once, the consumer moved on; the S3 deletion waits, with its error.
    expect(await em().count(StoredFile, { id: file.id })).toBe(0);
    const pending = await waitFor(
      async () => {
        const row = await em().findOne(ObjectDeletion, { objectKey: file.objectKey });
        return row !== null && row.attempts >= 1 ? row : undefined;
      },
      { timeoutMs: 10_000, description: 'a failed S3 deletion' },
    );
    expect(pending).toMatchObject({ bucket: 'uploads', lastError: expect.any(String) as string });

    // S3 is back (with the object still there): the sweeper's next try removes it.
    await h.minio.makeBucket('uploads');
    for (const [key, body] of saved) await h.minio.putObject('uploads', key, body);
    await waitFor(async () => (await em().count(ObjectDeletion, {})) === 0, { timeoutMs: 15_000, description: 'the retried S3 deletion' });
    expect(await objectExists('uploads', file.objectKey)).toBe(false);
    expect(saved.size).toBeGreaterThan(1);
    for (const key of saved.keys()) if (key !== file.objectKey) expect(await objectExists('uploads', key)).toBe(true);
  });
});
