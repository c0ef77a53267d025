import { randomUUID } from 'node:crypto';
import { dossierContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import type { DossierEvent } from '@guichet/dossier-state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { justificatifMessages } from './decision-justificatif';
import { aUsagerIdentity, instructeurOf, subsidyForm, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DocumentsPeer, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();

/**
 * The justificatif an instructeur joins to a decision, checked with the real documents service
 * (a child process on its own S3 server) before anything changes; real PostgreSQL and NATS.
 */
describe('dossiers: the justificatif of a decision', () => {
  let t: DossiersUnderTest;
  let documents: DocumentsPeer;
  let form: ReturnType<typeof subsidyForm>;
  let procedure: Procedure;
  let procedureB: Procedure;
  const instructeur = instructeurOf(tenantA);
  const colleague = instructeurOf(tenantA);
  const instructeurB = instructeurOf(tenantB);

  beforeAll(async () => {
    t = await startDossiersUnderTest({}, { documents: true });
    if (t.documents === undefined) throw new Error('documents did not start');
    documents = t.documents;
    await t.enrol(instructeur);
    await t.enrol(colleague);
    await t.enrol(instructeurB);
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenantA, form.list);
    procedureB = await t.publishedProcedure(tenantB, form.list);
  });

  afterAll(async () => {
    await t?.stop();
  });

  /** A submitted dossier taken into instruction by the instructeur, with its owner. */
  async function dossierInInstruction(on: Procedure = procedure, by: BusContext = instructeur): Promise<{ dossier: Dossier; owner: BusContext }> {
    const owner = usager();
    const created = await t.request(dossierContracts.create, { procedureId: on.id, usager: aUsagerIdentity() }, owner);
    await t.request(dossierContracts.updateValues, { dossierId: created.id, values: form.complete }, owner);
    await t.request(dossierContracts.submit, { dossierId: created.id }, owner);
    const dossier = await t.request(dossierContracts.transition, { dossierId: created.id, event: 'passer_en_instruction' }, by);
    return { dossier, owner };
  }

  const decide = (dossierId: string, event: DossierEvent, justificatifFileId: string, ctx: BusContext = instructeur, motivation = 'Vu l’arrêté joint.') =>
    t.request(dossierContracts.transition, { dossierId, event, motivation, justificatifFileId }, ctx);

  /** The refusal is a 422 on the field, and the dossier, its history and its events are as they were. */
  async function refusedWithNothingApplied(dossier: Dossier, attempt: () => Promise<unknown>, message: string): Promise<void> {
    const eventsBefore = (await t.outboxEvents(dossier.id)).length;
    await expect(attempt()).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message, fields: { justificatifFileId: message } });
    const after = await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur);
    expect(after).toMatchObject({ state: 'en_instruction', decidedAt: null, motivation: null, justificatif: null, updatedAt: dossier.updatedAt });
    expect(after.traitements).toHaveLength(dossier.traitements.length);
    expect(await t.outboxEvents(dossier.id)).toHaveLength(eventsBefore);
  }

  it('keeps the file and the name documents stored on the decision, its history row and every read of the dossier', async () => {
    const { dossier, owner } = await dossierInInstruction();
    const file = await documents.upload(dossier.id, instructeur, { fileName: 'Arrêté n° 2026-14.pdf' });
    const accepted = await decide(dossier.id, 'accepter', file.id);
    const justificatif = { fileId: file.id, fileName: 'Arrêté n° 2026-14.pdf' };
    expect(accepted).toMatchObject({ state: 'accepte', motivation: 'Vu l’arrêté joint.', justificatif });
    expect(accepted.traitements.at(-1)).toMatchObject({ event: 'accepter', to: 'accepte', justificatif });
    expect(accepted.traitements.slice(0, -1).every((traitement) => traitement.justificatif === null)).toBe(true);

    // The usager's read (its own SQL path) and the agents' read carry it alike.
    const byOwner = await t.request(dossierContracts.get, { dossierId: dossier.id }, owner);
    expect(byOwner.justificatif).toEqual(justificatif);
    expect(byOwner.traitements.at(-1)?.justificatif).toEqual(justificatif);
    expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, colleague)).justificatif).toEqual(justificatif);
    const page = await t.request(dossierContracts.listForProcedure, { procedureId: procedure.id, states: ['accepte'], limit: 500 }, instructeur);
    expect(page.items.find((item) => item.id === dossier.id)?.justificatif).toEqual(justificatif);

    // Back in instruction, the decision goes with its justificatif; the history keeps it.
    const reopened = await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'repasser_en_instruction' }, instructeur);
    expect(reopened).toMatchObject({ state: 'en_instruction', justificatif: null, motivation: null });
    expect(reopened.traitements.find((traitement) => traitement.event === 'accepter')?.justificatif).toEqual(justificatif);
    expect(reopened.traitements.at(-1)?.justificatif).toBeNull();

    // A decision without one leaves none.
    const again = await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'accepter' }, instructeur);
    expect(again).toMatchObject({ state: 'accepte', justificatif: null });
  });

  it.each(['refuser', 'classer_sans_suite'] as const)('joins one to « %s » too', async (event) => {
    const { dossier } = await dossierInInstruction();
    const file = await documents.upload(dossier.id, instructeur, { fileName: 'courrier.pdf' });
    const decided = await decide(dossier.id, event, file.id);
    expect(decided.justificatif).toEqual({ fileId: file.id, fileName: 'courrier.pdf' });
    expect(decided.traitements.at(-1)).toMatchObject({ event, justificatif: { fileId: file.id } });
  });

  it('refuses an unknown file, another tenant’s, another dossier’s, someone else’s, an unconfirmed one and one uploaded for a field', async () => {
    const { dossier, owner } = await dossierInInstruction();
    const { dossier: otherDossier } = await dossierInInstruction();
    const { dossier: dossierB } = await dossierInInstruction(procedureB, instructeurB);
    const ofOtherDossier = await documents.upload(otherDossier.id, instructeur);
    const ofColleague = await documents.upload(dossier.id, colleague);
    const ofOtherTenant = await documents.upload(dossierB.id, instructeurB);
    const ofUsager = await documents.upload(dossier.id, owner, { purpose: 'champ' });
    const unconfirmed = await documents.upload(dossier.id, instructeur, { confirm: false });
    const forAnnotation = await documents.upload(dossier.id, instructeur, { purpose: 'champ' });

    const cases: [string, string][] = [
      [randomUUID(), justificatifMessages.notFound],
      [ofOtherTenant.id, justificatifMessages.notFound],
      [ofOtherDossier.id, justificatifMessages.otherDossier],
      [ofColleague.id, justificatifMessages.otherOwner],
      [ofUsager.id, justificatifMessages.otherOwner],
      [unconfirmed.id, justificatifMessages.pending],
      [forAnnotation.id, justificatifMessages.purpose],
    ];
    for (const [fileId, message] of cases) await refusedWithNothingApplied(dossier, () => decide(dossier.id, 'accepter', fileId), message);
    // The other tenant's file stays usable there.
    expect((await decide(dossierB.id, 'accepter', ofOtherTenant.id, instructeurB)).justificatif?.fileId).toBe(ofOtherTenant.id);
  });

  it('joins one to decisions only', async () => {
    const { dossier } = await dossierInInstruction();
    const file = await documents.upload(dossier.id, instructeur);
    for (const event of ['repasser_en_construction', 'demander_correction', 'passer_en_instruction'] as const) {
      await refusedWithNothingApplied(dossier, () => decide(dossier.id, event, file.id), justificatifMessages.notADecision);
    }
  });

  it('refuses those who may not decide as it would without a justificatif', async () => {
    const { dossier, owner } = await dossierInInstruction();
    const file = await documents.upload(dossier.id, instructeur);
    await expect(decide(dossier.id, 'accepter', file.id, owner)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decide(dossier.id, 'accepter', file.id, instructeurB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(decide(dossier.id, 'accepter', file.id, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The system uploads nothing: no file is its own.
    await expect(decide(dossier.id, 'accepter', file.id, systemOf('dossiers', tenantA))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { justificatifFileId: justificatifMessages.otherOwner } });
    expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).state).toBe('en_instruction');
  });

  it('decides nothing while documents does not answer (UNAVAILABLE); a decision without a justificatif does not depend on it', async () => {
    const { dossier } = await dossierInInstruction();
    const file = await documents.upload(dossier.id, instructeur);
    await documents.stop();
    const eventsBefore = (await t.outboxEvents(dossier.id)).length;
    await expect(decide(dossier.id, 'accepter', file.id)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const unchanged = await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur);
    expect(unchanged).toMatchObject({ state: 'en_instruction', justificatif: null });
    expect(await t.outboxEvents(dossier.id)).toHaveLength(eventsBefore);
    expect(await t.request(dossierContracts.transition, { dossierId: dossier.id, event: 'accepter' }, instructeur)).toMatchObject({ state: 'accepte', justificatif: null });
  }, 60_000);
});
