import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentContracts, documentEvents, type Actor, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import { extractPdfText, waitFor } from '@guichet/platform-testing';
import { OutboxEvent } from '@guichet/platform-persistence';
import { startDocuments, type DocumentsHarness } from '../testing/documents-harness';
import { acceptanceTemplate, agent, dossier, field, procedure, stateChanged, usager } from '../testing/factories';
import { Attestation } from './attestation.entity';

// Integration: the documents service consumes dossier.state_changed from the real JetStream stream,
// asks procedures for the template (a responder on the test bus: another team's service), renders
// the PDF, stores it in s3rver and records it in PostgreSQL.

describe('documents: attestations', () => {
  let h: DocumentsHarness;
  const tenantId = randomUUID();
  const owner = usager();
  const stranger = usager();
  const instructeur = agent('instructeur');
  const commune = field({ type: 'text', label: 'Commune' });
  let withTemplate: Procedure;

  const as = (actor: Actor, tenant?: string): BusContext => ({ actor, ...(tenant ? { tenantId: tenant } : {}) });
  const em = () => h.orm.em.fork();
  const attestationsOf = (dossierId: string) => em().find(Attestation, { dossierId }, { orderBy: { generatedAt: 'asc' } });
  const generatedEvents = async (dossierId: string) =>
    (await em().find(OutboxEvent, { subject: documentEvents.attestationGenerated.subject })).filter((row) => (row.envelope.data as { dossierId: string }).dossierId === dossierId);
  const register = (proc: Procedure) => {
    h.procedures.set(proc.id, proc);
    if (proc.publishedRevision) h.revisions.set(proc.publishedRevision.id, proc.publishedRevision);
  };
  const decided = (d: Dossier, state: Dossier['state']): Dossier => {
    const next = { ...d, state, decidedAt: new Date().toISOString() };
    h.dossiers.set(d.id, next);
    return next;
  };
  const download = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());

  beforeAll(async () => {
    h = await startDocuments();
    withTemplate = procedure(tenantId, [commune], [acceptanceTemplate()]);
    register(withTemplate);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('generates one attestation for an accepte event delivered twice, with the dossier number and the usager’s name', async () => {
    const d = dossier(owner, withTemplate, { values: { [commune.stableId]: 'Saint-Émilion' } });
    h.dossiers.set(d.id, d);
    expect(await h.platform.bus.request(documentContracts.getAttestation, { dossierId: d.id }, as(owner))).toMatchObject({ status: 'none' });
    const accepted = decided(d, 'accepte');
    expect(await h.platform.bus.request(documentContracts.getAttestation, { dossierId: d.id }, as(owner))).toMatchObject({ status: 'pending', kind: 'acceptation' });

    const event = stateChanged(accepted, { event: 'accepter', from: 'en_instruction', to: 'accepte', motivation: 'Dossier complet.' });
    await h.publish(event);
    await waitFor(async () => (await attestationsOf(d.id)).length === 1, { timeoutMs: 20_000, description: 'the attestation' });

    // The same envelope again (JetStream dedupe bypassed), and the same decision under a new event id.
    await h.publish(event, { withoutMsgId: true });
    const last = await h.publish({ ...event, id: randomUUID() });
    await waitFor(() => h.consumed(last), { timeoutMs: 20_000, description: 'the duplicates to be consumed' });

    const rows = await attestationsOf(d.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenantId, traitementId: event.data.traitementId, kind: 'acceptation', status: 'ready', objectKey: `attestations/${tenantId}/${d.id}/${event.data.traitementId}.pdf` });
    expect(await generatedEvents(d.id)).toHaveLength(1);

    const info = await h.platform.bus.request(documentContracts.getAttestation, { dossierId: d.id }, as(owner));
    expect(info).toMatchObject({ dossierId: d.id, status: 'ready', kind: 'acceptation' });
    const { download: link } = await h.platform.bus.request(documentContracts.presignAttestationDownload, { dossierId: d.id }, as(owner));
    expect(new URL(link.url).host).toBe(h.publicHost);
    const response = await fetch(link.url);
    expect(response.headers.get('content-disposition')).toContain(`attestation-acceptation-dossier-${String(d.number)}.pdf`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await extractPdfText(pdf);
    expect(text).toContain(String(d.number));
    expect(text).toContain('Camille');
    expect(text).toContain('Lefèvre');
    expect(text).toContain('Dossier complet.');
    expect(text).toContain('Saint-Émilion');
  });

  it('lets agents of the tenant download it, and nobody else', async () => {
    const d = decided(dossier(owner, withTemplate), 'accepte');
    const last = await h.publish(stateChanged(d, { event: 'accepter', from: 'en_instruction', to: 'accepte' }));
    await waitFor(() => h.consumed(last), { timeoutMs: 20_000 });

    await expect(h.platform.bus.request(documentContracts.presignAttestationDownload, { dossierId: d.id }, as(instructeur, tenantId))).resolves.toMatchObject({ download: { method: 'GET' } });
    await expect(h.platform.bus.request(documentContracts.presignAttestationDownload, { dossierId: d.id }, as(stranger))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(documentContracts.getAttestation, { dossierId: d.id }, as(stranger))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(documentContracts.getAttestation, { dossierId: d.id }, as(agent(), randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.platform.bus.request(documentContracts.getAttestation, { dossierId: randomUUID() }, as(owner))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('withdraws the attestation when the dossier goes back to instruction, keeping the object', async () => {
    const d = decided(dossier(owner, withTemplate), 'accepte');
    const acceptance = stateChanged(d, { event: 'accepter', from: 'en_instruction', to: 'accepte' });
    await h.publish(acceptance);
    await waitFor(async () => (await attestationsOf(d.id)).length === 1, { timeoutMs: 20_000 });

    h.dossiers.set(d.id, { ...d, state: 'en_instruction', decidedAt: null });
    const last = await h.publish(stateChanged(d, { event: 'repasser_en_instruction', from: 'accepte', to: 'en_instruction' }));
    await waitFor(() => h.consumed(last), { timeoutMs: 20_000 });

    const [row] = await attestationsOf(d.id);
    expect(row).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(Date) as Date });
    expect(await h.platform.bus.request(documentContracts.getAttestation, { dossierId: d.id }, as(owner))).toMatchObject({ status: 'withdrawn', kind: 'acceptation' });
    await expect(h.platform.bus.request(documentContracts.presignAttestationDownload, { dossierId: d.id }, as(owner))).rejects.toMatchObject({ code: 'ATTESTATION_NOT_READY' });
    await expect(h.minio.statObject('attestations', row?.objectKey ?? '')).resolves.toMatchObject({ size: expect.any(Number) as number });

    // Accepted again: a new attestation for the new decision, downloadable again.
    const again = decided(d, 'accepte');
    const reaccept = stateChanged(again, { event: 'accepter', from: 'en_instruction', to: 'accepte' });
    await h.publish(reaccept);
    await waitFor(async () => (await attestationsOf(d.id)).length === 2, { timeoutMs: 20_000 });
    expect(await h.platform.bus.request(documentContracts.getAttestation, { dossierId: d.id }, as(owner))).toMatchObject({ status: 'ready' });
    const { download: link } = await h.platform.bus.request(documentContracts.presignAttestationDownload, { dossierId: d.id }, as(owner));
    expect(new URL(link.url).pathname).toContain(reaccept.data.traitementId);
  });

  it('ignores a decision event retried after the return to instruction that undid it', async () => {
    const d = dossier(owner, withTemplate);
    h.dossiers.set(d.id, d);
    const decidedAt = new Date(Date.now() - 60_000).toISOString();
    const stale = stateChanged({ ...d, state: 'accepte' }, { event: 'accepter', from: 'en_instruction', to: 'accepte' }, { occurredAt: decidedAt });
    await h.publish(stateChanged(d, { event: 'repasser_en_instruction', from: 'accepte', to: 'en_instruction' }));
    const last = await h.publish(stale);
    await waitFor(() => h.consumed(last), { timeoutMs: 20_000 });
    expect(await attestationsOf(d.id)).toHaveLength(0);
  });

  it('makes nothing without a template of the decision’s kind, nor for other transitions', async () => {
    const refused = decided(dossier(owner, withTemplate), 'refuse');
    await h.publish(stateChanged(refused, { event: 'refuser', from: 'en_instruction', to: 'refuse', motivation: 'Incomplet.' }));
    const noTemplate = procedure(tenantId, [], []);
    register(noTemplate);
    const accepted = decided(dossier(owner, noTemplate), 'accepte');
    await h.publish(stateChanged(accepted, { event: 'accepter', from: 'en_instruction', to: 'accepte' }));
    const instructed = dossier(owner, withTemplate);
    h.dossiers.set(instructed.id, instructed);
    await h.publish(stateChanged(instructed, { event: 'passer_en_instruction', from: 'en_construction', to: 'en_instruction' }));
    const orphan = dossier(owner, withTemplate);
    const last = await h.publish(stateChanged(orphan, { event: 'accepter', from: 'en_instruction', to: 'accepte' }, { tenantId: null }));
    await waitFor(() => h.consumed(last), { timeoutMs: 20_000 });

    for (const id of [refused.id, accepted.id, instructed.id, orphan.id]) expect(await attestationsOf(id)).toHaveLength(0);
    expect(await h.platform.bus.request(documentContracts.getAttestation, { dossierId: refused.id }, as(owner))).toMatchObject({ status: 'none', kind: null });
    expect(await h.platform.bus.request(documentContracts.getAttestation, { dossierId: accepted.id }, as(owner))).toMatchObject({ status: 'none' });
    await expect(h.platform.bus.request(documentContracts.presignAttestationDownload, { dossierId: refused.id }, as(owner))).rejects.toMatchObject({ code: 'ATTESTATION_NOT_READY' });
  });

  it('generates a refusal attestation when the procedure has a refus template', async () => {
    const both = procedure(tenantId, [], [acceptanceTemplate(), acceptanceTemplate({ kind: 'refus', title: 'Refus du dossier --numéro du dossier--', body: 'Motif : --motivation--' })]);
    register(both);
    const d = decided(dossier(owner, both), 'refuse');
    await h.publish(stateChanged(d, { event: 'refuser', from: 'en_instruction', to: 'refuse', motivation: 'Pièces manquantes.' }));
    const [row] = await waitFor(async () => {
      const rows = await attestationsOf(d.id);
      return rows.length === 1 ? rows : undefined;
    }, { timeoutMs: 20_000 });
    expect(row?.kind).toBe('refus');
    const { download: link } = await h.platform.bus.request(documentContracts.presignAttestationDownload, { dossierId: d.id }, as(owner));
    const text = await extractPdfText(await download(link.url));
    expect(text).toContain(`Refus du dossier ${String(d.number)}`);
    expect(text).toContain('Pièces manquantes.');
  });

  it('dead-lettered no event along the way', async () => {
    const info = await h.platform.events.jsm.streams.info(h.platform.bus.names.deadLetterStream);
    expect(info.state.messages).toBe(0);
  });
});
