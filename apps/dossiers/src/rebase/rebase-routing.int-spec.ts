import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dossierContracts, groupContracts, procedureContracts, procedureEvents, type BusContext, type EventEnvelope, type FieldDefinition } from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, administrateurOf, field, instructeurOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenant = randomUUID();
const rowId = randomUUID();

describe('dossiers: rebase onto a new revision, routing at submission', () => {
  let t: DossiersUnderTest;
  let db: Client;
  const admin = administrateurOf(tenant);
  const instructeur = instructeurOf(tenant);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(instructeur);
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await t?.stop();
  });

  const history = async (dossierId: string) =>
    (await db.query<{ stable_id: string; label: string; value: unknown; revision_id: string }>('select stable_id, label, value, revision_id from dossiers.dossier_value_history where dossier_id = $1 order by stable_id', [dossierId])).rows;

  async function filed(procedureId: string, values: Record<string, unknown>, owner: BusContext = usager()) {
    const dossier = await t.request(dossierContracts.create, { procedureId, usager: aUsagerIdentity() }, owner);
    await t.request(dossierContracts.updateValues, { dossierId: dossier.id, values }, owner);
    return { dossier, owner };
  }

  describe('rebase', () => {
    const name = field({ label: 'Nom', type: 'text', mandatory: true });
    const city = field({ label: 'Ville', type: 'text' });
    const obsolete = field({ label: 'Ancien champ', type: 'text' });
    const child = field({ label: 'Prénom de l’enfant', type: 'text' });
    const oldChild = field({ label: 'Âge de l’enfant', type: 'integer_number' });
    const block: FieldDefinition = field({ label: 'Enfants', type: 'repetition', children: [child, oldChild] });
    const v1 = [name, city, obsolete, block];
    const values = {
      [name.stableId]: 'Durand',
      [city.stableId]: 'Lyon',
      [obsolete.stableId]: 'à garder',
      [block.stableId]: { rows: [{ rowId, values: { [child.stableId]: 'Léa', [oldChild.stableId]: 7 } }] },
    };

    it('moves undecided dossiers onto the new revision with their values, keeps removed values in history, leaves decided ones', async () => {
      const procedure = await t.publishedProcedure(tenant, v1);
      const v1Id = procedure.publishedRevision?.id ?? '';
      const draft = await filed(procedure.id, values);
      const submitted = await filed(procedure.id, values);
      await t.request(dossierContracts.submit, { dossierId: submitted.dossier.id }, submitted.owner);
      const inInstruction = await filed(procedure.id, values);
      await t.request(dossierContracts.submit, { dossierId: inInstruction.dossier.id }, inInstruction.owner);
      await t.request(dossierContracts.transition, { dossierId: inInstruction.dossier.id, event: 'passer_en_instruction' }, instructeur);
      const accepted = await filed(procedure.id, values);
      await t.request(dossierContracts.submit, { dossierId: accepted.dossier.id }, accepted.owner);
      await t.request(dossierContracts.transition, { dossierId: accepted.dossier.id, event: 'passer_en_instruction' }, instructeur);
      await t.request(dossierContracts.transition, { dossierId: accepted.dossier.id, event: 'accepter' }, instructeur);

      // v2: a field added, one removed, a label changed, a repetition child removed.
      const added = field({ label: 'Courriel', type: 'email' });
      const v2Fields = [name, { ...city, label: 'Commune' }, added, { ...block, children: [child] }];
      await t.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: v2Fields }, admin);
      const republished = await t.request(procedureContracts.publish, { procedureId: procedure.id }, admin);
      const v2Id = republished.publishedRevision?.id ?? '';
      expect(v2Id).not.toBe(v1Id);

      const carried = { [name.stableId]: 'Durand', [city.stableId]: 'Lyon', [block.stableId]: { rows: [{ rowId, values: { [child.stableId]: 'Léa' } }] } };
      for (const { dossier, owner } of [draft, submitted, inInstruction]) {
        await waitFor(async () => (await t.request(dossierContracts.get, { dossierId: dossier.id }, owner)).revisionId === v2Id, { description: `dossier ${dossier.number} on v2` });
        const moved = await t.request(dossierContracts.get, { dossierId: dossier.id }, owner);
        expect(moved.values).toEqual(carried);
        expect(await history(dossier.id)).toEqual([
          { stable_id: `${block.stableId}.rows.0.${oldChild.stableId}`, label: 'Âge de l’enfant', value: 7, revision_id: v1Id },
          { stable_id: obsolete.stableId, label: 'Ancien champ', value: 'à garder', revision_id: v1Id },
        ].sort((a, b) => (a.stable_id < b.stable_id ? -1 : 1)));
      }
      const decided = await t.request(dossierContracts.get, { dossierId: accepted.dossier.id }, accepted.owner);
      expect(decided).toMatchObject({ state: 'accepte', revisionId: v1Id });
      expect(decided.values).toMatchObject({ [obsolete.stableId]: 'à garder' });
      expect(await history(accepted.dossier.id)).toEqual([]);

      // The event delivered again (same id: dropped; a new id: its batches find nothing left to move).
      const data = { procedureId: procedure.id, revisionId: v2Id, previousRevisionId: v1Id };
      const envelope = (id: string): EventEnvelope => ({ id, type: procedureEvents.published.subject, version: 1, occurredAt: new Date().toISOString(), tenantId: tenant, actor: null, traceparent: null, data });
      const processed = async () => Number((await db.query<{ n: string }>("select count(*) as n from dossiers.processed_event where consumer = 'dossiers__rebase'")).rows[0]?.n ?? 0);
      const before = await processed();
      const updatedAt = (await t.request(dossierContracts.get, { dossierId: draft.dossier.id }, draft.owner)).updatedAt;
      await t.platform.events.publish(procedureEvents.published.subject, envelope(randomUUID()));
      await waitFor(async () => (await processed()) > before, { description: 'second delivery consumed' });
      const again = await t.request(dossierContracts.get, { dossierId: draft.dossier.id }, draft.owner);
      expect(again.updatedAt).toBe(updatedAt);
      expect(again.values).toEqual(carried);
      expect(await history(draft.dossier.id)).toHaveLength(2);

      // A stale event (an older revision) moves nobody back.
      const stale = { ...data, revisionId: v1Id, previousRevisionId: null };
      const staleBefore = await processed();
      await t.platform.events.publish(procedureEvents.published.subject, { ...envelope(randomUUID()), data: stale });
      await waitFor(async () => (await processed()) > staleBefore, { description: 'stale event consumed' });
      expect((await t.request(dossierContracts.get, { dossierId: draft.dossier.id }, draft.owner)).revisionId).toBe(v2Id);
    });

    it('leaves the dossiers of other procedures alone', async () => {
      const first = await t.publishedProcedure(tenant, [name]);
      const other = await t.publishedProcedure(tenant, [name, city]);
      const { dossier, owner } = await filed(other.id, { [name.stableId]: 'Martin', [city.stableId]: 'Nantes' });
      await t.request(procedureContracts.updateDraft, { procedureId: first.id, fields: [{ ...name, label: 'Nom de famille' }] }, admin);
      const consumed = async () => Number((await db.query<{ n: string }>("select count(*) as n from dossiers.processed_event where consumer = 'dossiers__rebase'")).rows[0]?.n ?? 0);
      const before = await consumed();
      const republished = await t.request(procedureContracts.publish, { procedureId: first.id }, admin);
      expect(republished.publishedRevision?.id).not.toBe(first.publishedRevision?.id);
      await waitFor(async () => (await consumed()) > before, { description: 'publication consumed' });
      const unchanged = await t.request(dossierContracts.get, { dossierId: dossier.id }, owner);
      expect(unchanged.revisionId).toBe(other.publishedRevision?.id);
      expect(await history(dossier.id)).toEqual([]);
    });
  });

  describe('routing at submission', () => {
    const kind = field({ label: 'Type de structure', type: 'drop_down_list', mandatory: true, options: { choices: ['Association', 'Entreprise'] } });

    async function routedProcedure() {
      const procedure = await t.publishedProcedure(tenant, [kind]);
      const entreprises = await t.request(groupContracts.create, { procedureId: procedure.id, label: 'Pôle entreprises', routingRule: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'Entreprise' } }, admin);
      await t.request(groupContracts.create, { procedureId: procedure.id, label: 'Pôle inactif', active: false, routingRule: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'Association' } }, admin);
      return { ...procedure, entreprises };
    }

    it('stores the matching group on the dossier and puts it in the event; the group’s instructeurs see it, the default group’s do not', async () => {
      const procedure = await routedProcedure();
      const { dossier, owner } = await filed(procedure.id, { [kind.stableId]: 'Entreprise' });
      expect(dossier.groupeInstructeur).toBeNull();
      const submitted = await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
      expect(submitted.groupeInstructeur).toMatchObject({ id: procedure.entreprises.id, label: 'Pôle entreprises' });
      const entreprisesInstructeur = instructeurOf(tenant);
      await t.addToGroup(entreprisesInstructeur, procedure, procedure.entreprises.id);
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, entreprisesInstructeur)).groupeInstructeur).toEqual(submitted.groupeInstructeur);
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, admin)).groupeInstructeur).toEqual(submitted.groupeInstructeur);
      await expect(t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await waitFor(async () => (await t.outboxEvents(dossier.id)).length === 1, { description: 'state_changed in the outbox' });
      const [event] = await t.outboxEvents(dossier.id);
      expect(event?.envelope.data.groupeInstructeur).toEqual(submitted.groupeInstructeur);
    });

    it('falls back on the default group when no active rule matches (an inactive group never takes a dossier)', async () => {
      const procedure = await routedProcedure();
      const { dossier, owner } = await filed(procedure.id, { [kind.stableId]: 'Association' });
      const submitted = await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
      expect(submitted.groupeInstructeur).toMatchObject({ label: 'Groupe par défaut' });
    });

    it('refuses an invalid dossier before routing, and leaves it a brouillon without a group', async () => {
      const procedure = await routedProcedure();
      const { dossier, owner } = await filed(procedure.id, {});
      await expect(t.request(dossierContracts.submit, { dossierId: dossier.id }, owner)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      const unchanged = await t.request(dossierContracts.get, { dossierId: dossier.id }, owner);
      expect(unchanged).toMatchObject({ state: 'brouillon', groupeInstructeur: null, submittedAt: null });
    });

    it('refuses another account, and another tenant’s caller, with NOT_FOUND', async () => {
      const procedure = await routedProcedure();
      const { dossier } = await filed(procedure.id, { [kind.stableId]: 'Entreprise' });
      await expect(t.request(dossierContracts.submit, { dossierId: dossier.id }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(t.request(dossierContracts.get, { dossierId: dossier.id }, instructeurOf(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
