import { randomUUID } from 'node:crypto';
import { GuichetError, procedureContracts, type Procedure } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, attestationTemplate } from '../testing/procedure.factories';
import { startProcedures, type DocumentsPeer, type ProceduresUnderTest } from '../testing/procedures.harness';
import { imageMessages } from './procedure-images';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);

async function refusal(promise: Promise<unknown>): Promise<GuichetError> {
  const error: unknown = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof GuichetError)) throw new Error(`expected a GuichetError, got ${String(error)}`);
  return error;
}

/** Images named by settings and attestation templates, checked with the real documents service. */
describe('procedures: images of the settings and attestation templates are checked with documents', () => {
  let svc: ProceduresUnderTest;
  let documents: DocumentsPeer;

  beforeAll(async () => {
    svc = await startProcedures({ documents: true });
    if (svc.documents === undefined) throw new Error('documents did not start');
    documents = svc.documents;
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const settings = (procedure: Procedure, logoFileId: string | null) => svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, logoFileId, retentionMonths: 24 }, adminA);
  const templates = (procedure: Procedure, logoFileId: string | null, signatureFileId: string | null) =>
    svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, attestationTemplates: [attestationTemplate({ logoFileId, signatureFileId })] }, adminA);

  it('accepts confirmed PNG and JPEG images of the tenant uploaded for the builder', async () => {
    const procedure = await svc.createProcedure(tenantA);
    const png = await documents.upload(tenantA, { kind: 'png' });
    const jpeg = await documents.upload(tenantA, { kind: 'jpeg' });
    expect(png).toMatchObject({ status: 'safe', mimeType: 'image/png', purpose: 'attestation_template' });
    expect((await settings(procedure, png.id)).settings.logoFileId).toBe(png.id);
    const saved = await templates(procedure, png.id, jpeg.id);
    expect(saved.attestationTemplates[0]).toMatchObject({ logoFileId: png.id, signatureFileId: jpeg.id });
  });

  it('refuses, with a French message on the field and nothing saved, an unknown file, another tenant’s, an unconfirmed one and one uploaded for something else', async () => {
    const procedure = await svc.createProcedure(tenantA);
    const otherTenant = await documents.upload(tenantB);
    const pending = await documents.upload(tenantA, { confirm: false });
    const message = await documents.upload(tenantA, { purpose: 'message', kind: 'png' });
    const pdf = await documents.upload(tenantA, { purpose: 'message', kind: 'pdf' });
    const cases: [string, string][] = [
      [randomUUID(), imageMessages.notFound],
      [otherTenant.id, imageMessages.notFound],
      [pending.id, imageMessages.pending],
      [message.id, imageMessages.purpose],
      [pdf.id, imageMessages.purpose],
    ];
    for (const [fileId, expected] of cases) {
      const error = await refusal(settings(procedure, fileId));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { logoFileId: expected } });
    }
    const after = await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA);
    expect(after.settings).toMatchObject({ logoFileId: null, retentionMonths: 12 });

    const good = await documents.upload(tenantA);
    const error = await refusal(templates(procedure, good.id, pending.id));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'attestationTemplates.0.signatureFileId': imageMessages.pending } });
    const both = await refusal(templates(procedure, otherTenant.id, message.id));
    expect(both.fields).toEqual({ 'attestationTemplates.0.logoFileId': imageMessages.notFound, 'attestationTemplates.0.signatureFileId': imageMessages.purpose });
    expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).attestationTemplates).toEqual([]);

    // Once confirmed, the same file is accepted.
    expect(await documents.confirm(pending.id)).toMatchObject({ status: 'safe' });
    expect((await settings(procedure, pending.id)).settings.logoFileId).toBe(pending.id);
  });

  it('answers 503 UNAVAILABLE, saving nothing, when documents does not answer; images already set and removals need no check', async () => {
    const procedure = await svc.createProcedure(tenantA);
    const kept = await documents.upload(tenantA);
    await settings(procedure, kept.id);
    await templates(procedure, kept.id, null);
    const fresh = await documents.upload(tenantA);
    await documents.stop();

    const error = await refusal(settings(procedure, fresh.id));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/service des fichiers ne répond pas/u);
    expect((await refusal(templates(procedure, kept.id, fresh.id))).code).toBe('UNAVAILABLE');
    const after = await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA);
    expect(after.settings.logoFileId).toBe(kept.id);
    expect(after.attestationTemplates[0]).toMatchObject({ logoFileId: kept.id, signatureFileId: null });

    // Unchanged and removed images are not asked about.
    expect((await svc.request(procedureContracts.updateSettings, { procedureId: procedure.id, logoFileId: kept.id, retentionMonths: 6 }, adminA)).settings.retentionMonths).toBe(6);
    expect((await templates(procedure, kept.id, null)).attestationTemplates[0]?.logoFileId).toBe(kept.id);
    expect((await settings(procedure, null)).settings.logoFileId).toBeNull();
  });
});
