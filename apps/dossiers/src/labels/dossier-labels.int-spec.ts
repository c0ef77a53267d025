import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  dossierContracts,
  dossierLabelContracts,
  dossierLabelEvents,
  groupContracts,
  labelContracts,
  labelEvents,
  type BusContext,
  type Dossier,
  type EventDataOf,
  type EventEnvelope,
  type Label,
  type LabelColor,
  type Procedure,
} from '@guichet/contracts';
import { waitFor } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aUsagerIdentity, actor, administrateurOf, expert, instructeurOf, subsidyForm, systemOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();

describe('dossiers: labels on dossiers (étiquettes)', () => {
  let t: DossiersUnderTest;
  let db: Client;
  let form: ReturnType<typeof subsidyForm>;
  let procedure: Procedure;
  let otherProcedure: Procedure;
  let foreignProcedure: Procedure;
  const adminA = administrateurOf(tenantA);
  const instructeur = instructeurOf(tenantA);
  const otherGroupInstructeur = instructeurOf(tenantA);
  const adminAndInstructeur: BusContext = { tenantId: tenantA, actor: actor(['administrateur', 'instructeur']) };

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
    await t.enrol(instructeur);
    await t.enrol(adminAndInstructeur);
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenantA, form.list);
    otherProcedure = await t.publishedProcedure(tenantA, form.list);
    foreignProcedure = await t.publishedProcedure(tenantB, form.list);
    // A second group of the procedure, which receives no dossier (no routing rule).
    const nord = await t.request(groupContracts.create, { procedureId: procedure.id, label: 'Nord' }, adminA);
    await t.addToGroup(otherGroupInstructeur, procedure, nord.id);
  });

  afterAll(async () => {
    await db?.end();
    await t?.stop();
  });

  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await db.query(text, values)).rows as T[];

  async function submittedDossier(on: Procedure = procedure): Promise<{ dossier: Dossier; owner: BusContext }> {
    const owner = usager();
    const created = await t.request(dossierContracts.create, { procedureId: on.id, usager: aUsagerIdentity() }, owner);
    await t.request(dossierContracts.updateValues, { dossierId: created.id, values: form.complete }, owner);
    return { dossier: await t.request(dossierContracts.submit, { dossierId: created.id }, owner), owner };
  }

  const newLabel = (on: Procedure, name: string, color: LabelColor = 'green-menthe'): Promise<Label> =>
    t.request(labelContracts.create, { procedureId: on.id, name, color }, administrateurOf(on.tenantId));
  const add = (dossierId: string, labelId: string, ctx: BusContext = instructeur) => t.request(dossierLabelContracts.add, { dossierId, labelId }, ctx);
  const remove = (dossierId: string, labelId: string, ctx: BusContext = instructeur) => t.request(dossierLabelContracts.remove, { dossierId, labelId }, ctx);
  const replicaOf = async (labelId: string) => (await sql<{ name: string; color: string; version: number; deleted: boolean }>('select name, color, version, deleted from dossiers.label where id = $1', [labelId]))[0];
  const replicated = (label: Pick<Label, 'id' | 'version'>, deleted = false) =>
    waitFor(async () => {
      const row = await replicaOf(label.id);
      return row !== undefined && row.version >= label.version && row.deleted === deleted;
    }, { description: `label ${label.id} at version ${label.version} in the replica` });
  const labelEventsOf = (dossierId: string) =>
    sql<{ envelope: EventEnvelope<EventDataOf<typeof dossierLabelEvents.labelsChanged>> }>(`select envelope from dossiers.outbox_event where subject = $1 and envelope->'data'->>'dossierId' = $2 order by created_at`, [
      dossierLabelEvents.labelsChanged.subject,
      dossierId,
    ]);
  const historyOf = (dossierId: string) =>
    sql<{ label_name: string; action: string; actor_email: string | null; actor_account_id: string | null }>('select label_name, action, actor_email, actor_account_id from dossiers.dossier_label_change where dossier_id = $1 order by at, action', [dossierId]);

  describe('an instructeur of the dossier’s group', () => {
    it('adds labels (shown by name, with their colour), twice is once; removes them, a label not there is a no-op; each change recorded and announced', async () => {
      const { dossier } = await submittedDossier();
      // Just created: its event may not have reached the replica; procedures is asked then.
      const urgent = await newLabel(procedure, 'Urgent', 'pink-tuile');
      const aRelancer = await newLabel(procedure, 'à relancer', 'blue-ecume');

      const once = await add(dossier.id, urgent.id);
      expect(once.labels).toEqual([{ id: urgent.id, name: 'Urgent', color: 'pink-tuile' }]);
      const twice = await add(dossier.id, urgent.id);
      expect(twice.labels).toEqual(once.labels);
      const both = await add(dossier.id, aRelancer.id);
      expect(both.labels?.map((label) => label.name)).toEqual(['à relancer', 'Urgent']);

      const removed = await remove(dossier.id, urgent.id);
      expect(removed.labels).toEqual([{ id: aRelancer.id, name: 'à relancer', color: 'blue-ecume' }]);
      expect((await remove(dossier.id, urgent.id)).labels).toHaveLength(1);
      expect((await remove(dossier.id, randomUUID())).labels).toHaveLength(1);

      const rows = await sql<{ label_id: string; added_by_account_id: string; tenant_id: string }>('select label_id, added_by_account_id, tenant_id from dossiers.dossier_label where dossier_id = $1', [dossier.id]);
      expect(rows).toEqual([{ label_id: aRelancer.id, added_by_account_id: instructeur.actor?.accountId, tenant_id: tenantA }]);
      expect(await historyOf(dossier.id)).toEqual([
        { label_name: 'Urgent', action: 'added', actor_email: instructeur.actor?.email, actor_account_id: instructeur.actor?.accountId },
        { label_name: 'à relancer', action: 'added', actor_email: instructeur.actor?.email, actor_account_id: instructeur.actor?.accountId },
        { label_name: 'Urgent', action: 'removed', actor_email: instructeur.actor?.email, actor_account_id: instructeur.actor?.accountId },
      ]);
      const events = (await labelEventsOf(dossier.id)).map((row) => row.envelope);
      expect(events.map((event) => [event.data.added.map((label) => label.name), event.data.removed.map((label) => label.name), event.data.labels.map((label) => label.name)])).toEqual([
        [['Urgent'], [], ['Urgent']],
        [['à relancer'], [], ['à relancer', 'Urgent']],
        [[], ['Urgent'], ['à relancer']],
      ]);
      expect(events.every((event) => event.tenantId === tenantA && event.actor?.accountId === instructeur.actor?.accountId && event.data.number === dossier.number)).toBe(true);
      // Labels are not the dossier's content: the usager's « mis à jour » does not move.
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).updatedAt).toBe(dossier.updatedAt);
    });

    it('asks procedures for a label the replica does not know yet, and keeps it', async () => {
      const { dossier } = await submittedDossier();
      const label = await newLabel(procedure, 'Pas encore là', 'purple-glycine');
      await replicated(label);
      // As if its event had not arrived yet.
      await sql('delete from dossiers.label where id = $1', [label.id]);
      expect((await add(dossier.id, label.id)).labels).toEqual([{ id: label.id, name: 'Pas encore là', color: 'purple-glycine' }]);
      expect(await replicaOf(label.id)).toEqual({ name: 'Pas encore là', color: 'purple-glycine', version: 1, deleted: false });
    });

    it('shows labels to agents only: never in the usager’s read of their dossier', async () => {
      const { dossier, owner } = await submittedDossier();
      const label = await newLabel(procedure, 'Visible des agents');
      await add(dossier.id, label.id);
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, adminA)).labels).toEqual([{ id: label.id, name: 'Visible des agents', color: 'green-menthe' }]);
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).labels).toHaveLength(1);
      const own = await t.request(dossierContracts.get, { dossierId: dossier.id }, owner);
      expect(own).not.toHaveProperty('labels');
      expect(own).not.toHaveProperty('followers');
    });
  });

  describe('who may', () => {
    it('lets an administrateur who is also an instructeur of the group act; others are refused as for any instruction action', async () => {
      const { dossier, owner } = await submittedDossier();
      const label = await newLabel(procedure, 'Qui peut');
      expect((await add(dossier.id, label.id, adminAndInstructeur)).labels).toHaveLength(1);
      expect((await remove(dossier.id, label.id, adminAndInstructeur)).labels).toHaveLength(0);

      const refusals: [string, BusContext, string][] = [
        // Reads the dossier but does not instruct it (as for transitions, follows, archives).
        ['administrateur only', adminA, 'FORBIDDEN'],
        ['its usager', owner, 'FORBIDDEN'],
        ['the system of its tenant', systemOf('experts', tenantA), 'FORBIDDEN'],
        ['an instructeur of another group', otherGroupInstructeur, 'NOT_FOUND'],
        ['another usager', usager(), 'NOT_FOUND'],
        ['an agent of another tenant', instructeurOf(tenantB), 'NOT_FOUND'],
        ['an administrateur of another tenant', administrateurOf(tenantB), 'NOT_FOUND'],
        ['an expert', expert(tenantA), 'NOT_FOUND'],
      ];
      for (const [who, ctx, code] of refusals) {
        await expect(add(dossier.id, label.id, ctx), who).rejects.toMatchObject({ code });
        await expect(remove(dossier.id, label.id, ctx), who).rejects.toMatchObject({ code });
      }
      expect(await sql('select 1 from dossiers.dossier_label where dossier_id = $1', [dossier.id])).toHaveLength(0);
      expect(await labelEventsOf(dossier.id)).toHaveLength(2);
    });

    it('refuses a brouillon as if it did not exist (agents never see one)', async () => {
      const owner = usager();
      const brouillon = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
      const label = await newLabel(procedure, 'Brouillon');
      await expect(add(brouillon.id, label.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(add(brouillon.id, label.id, adminAndInstructeur)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(add(brouillon.id, label.id, owner)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('refuses a label of another procedure, of another tenant, deleted or unknown, on the field, and changes nothing', async () => {
      const { dossier } = await submittedDossier();
      const ofOtherProcedure = await newLabel(otherProcedure, 'Autre démarche');
      const ofOtherTenant = await newLabel(foreignProcedure, 'Autre organisme');
      const deleted = await newLabel(procedure, 'Supprimée');
      await t.request(labelContracts.delete, { procedureId: procedure.id, labelId: deleted.id }, adminA);
      // Once the replica knows them too, the answer is the same.
      for (const attempt of [1, 2]) {
        for (const labelId of [ofOtherProcedure.id, ofOtherTenant.id, deleted.id, randomUUID()]) {
          await expect(add(dossier.id, labelId), `attempt ${attempt}`).rejects.toMatchObject({
            code: 'VALIDATION_FAILED',
            message: 'Cette étiquette n’existe pas dans la démarche de ce dossier.',
            fields: { labelId: 'Choisissez une étiquette de cette démarche.' },
          });
        }
        await replicated(ofOtherProcedure);
        await replicated({ id: deleted.id, version: deleted.version + 1 }, true);
      }
      expect(await sql('select 1 from dossiers.dossier_label where dossier_id = $1', [dossier.id])).toHaveLength(0);
      expect(await labelEventsOf(dossier.id)).toHaveLength(0);
      // The other tenant's label is known under its own tenant only.
      expect(await sql('select tenant_id from dossiers.label where id = $1', [ofOtherTenant.id])).not.toContainEqual({ tenant_id: tenantA });
    });
  });

  describe('the replica follows procedures', () => {
    it('renames and recolours on every dossier; a deleted label leaves every dossier, recorded without an actor', async () => {
      const first = await submittedDossier();
      const second = await submittedDossier();
      const label = await newLabel(procedure, 'Pièce manquante', 'yellow-moutarde');
      await add(first.dossier.id, label.id);
      await add(second.dossier.id, label.id);
      await replicated(label);

      const renamed = await t.request(labelContracts.update, { procedureId: procedure.id, labelId: label.id, name: 'Pièces manquantes', color: 'orange-terre-battue' }, adminA);
      await replicated(renamed);
      for (const { dossier } of [first, second]) {
        expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).labels).toEqual([{ id: label.id, name: 'Pièces manquantes', color: 'orange-terre-battue' }]);
      }

      await t.request(labelContracts.delete, { procedureId: procedure.id, labelId: label.id }, adminA);
      await replicated({ id: label.id, version: renamed.version + 1 }, true);
      for (const { dossier } of [first, second]) {
        expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).labels).toEqual([]);
        expect((await historyOf(dossier.id)).at(-1)).toEqual({ label_name: 'Pièces manquantes', action: 'removed', actor_email: null, actor_account_id: null });
      }
      expect(await sql('select 1 from dossiers.dossier_label where label_id = $1', [label.id])).toHaveLength(0);
    });

    it('ignores a late event: an older version does not undo a newer one, nor bring a deleted label back', async () => {
      const label = await newLabel(procedure, 'Version 1');
      const v2 = await t.request(labelContracts.update, { procedureId: procedure.id, labelId: label.id, name: 'Version 2' }, adminA);
      await replicated(v2);
      const publish = async (contract: typeof labelEvents.changed | typeof labelEvents.deleted, data: EventDataOf<typeof labelEvents.changed> | EventDataOf<typeof labelEvents.deleted>) => {
        const id = randomUUID();
        const envelope: EventEnvelope<typeof data> = { id, type: contract.type, version: contract.version, occurredAt: new Date().toISOString(), tenantId: tenantA, actor: null, traceparent: null, data };
        await t.platform.events.publish(contract.subject, envelope);
        await waitFor(async () => (await sql('select 1 from dossiers.processed_event where event_id = $1', [id])).length === 1, { description: `event ${id} processed` });
      };
      await publish(labelEvents.changed, { labelId: label.id, procedureId: procedure.id, name: 'Version 1', color: 'green-menthe', version: 1 });
      expect(await replicaOf(label.id)).toMatchObject({ name: 'Version 2', version: 2, deleted: false });

      await t.request(labelContracts.delete, { procedureId: procedure.id, labelId: label.id }, adminA);
      await replicated({ id: label.id, version: 3 }, true);
      await publish(labelEvents.changed, { labelId: label.id, procedureId: procedure.id, name: 'Version 2', color: 'green-menthe', version: 2 });
      expect(await replicaOf(label.id)).toMatchObject({ version: 3, deleted: true });
    });

    it('leaves no label on a dossier when it is added while being deleted', async () => {
      const { dossier } = await submittedDossier();
      const label = await newLabel(procedure, 'Course');
      await replicated(label);
      const [added] = await Promise.allSettled([add(dossier.id, label.id), t.request(labelContracts.delete, { procedureId: procedure.id, labelId: label.id }, adminA)]);
      await replicated({ id: label.id, version: label.version + 1 }, true);
      expect(['fulfilled', 'rejected']).toContain(added.status);
      if (added.status === 'rejected') expect(added.reason).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await sql('select 1 from dossiers.dossier_label where dossier_id = $1', [dossier.id])).toHaveLength(0);
      expect((await t.request(dossierContracts.get, { dossierId: dossier.id }, instructeur)).labels).toEqual([]);
    });
  });
});
