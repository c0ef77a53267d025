import { randomUUID } from 'node:crypto';
import { groupContracts, labelContracts, labelEvents, modelContracts, procedureContracts, type FieldDefinition, type Procedure } from '@guichet/contracts';
import { expectEventually } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, attestationTemplate, field, instructeurOf, mailTemplates, uniquePath, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);
const adminB = administrateurOf(tenantB);

describe('procedures: the catalogue of models and cloning', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    // Logos and signatures are checked with documents when set: the real service runs beside.
    svc = await startProcedures({ documents: true });
  });

  afterAll(async () => {
    await svc?.stop();
  });

  const kind = field({ label: 'Type de structure', type: 'drop_down_list', mandatory: true, options: { choices: ['Association', 'Entreprise'] } });
  const siret = field({ label: 'SIRET', type: 'siret', condition: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'Entreprise' } });
  const child = field({ label: 'Nom du membre' });
  const role = field({ label: 'Rôle', condition: { kind: 'comparison', field: child.stableId, operator: 'not_empty' } });
  const block: FieldDefinition = field({ label: 'Membres du bureau', type: 'repetition', children: [child, role] });
  const visit = field({ label: 'Visite effectuée', type: 'yes_no', condition: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'Association' } });

  /** A published procedure of tenant A with every part: form, annotations, templates, settings, groups with members. */
  async function richProcedure(): Promise<Procedure> {
    const image = async () => {
      if (svc.documents === undefined) throw new Error('documents is not running');
      return (await svc.documents.upload(tenantA)).id;
    };
    const created = await svc.request(procedureContracts.create, { title: 'Subvention aux associations', description: 'Aide au fonctionnement.', path: uniquePath('subvention'), tenantName: 'Préfecture A' }, adminA);
    await svc.request(procedureContracts.updateDraft, { procedureId: created.id, fields: [kind, siret, block], annotations: [visit] }, adminA);
    await svc.request(
      procedureContracts.setTemplates,
      {
        procedureId: created.id,
        mailTemplates: mailTemplates({ initiated: { subject: 'Dossier déposé', body: 'Type : --Type de structure--' } }),
        attestationTemplates: [attestationTemplate({ logoFileId: await image(), signatureFileId: await image() })],
      },
      adminA,
    );
    await svc.request(
      procedureContracts.updateSettings,
      { procedureId: created.id, serviceContact: { organisation: 'Préfecture A', email: 'contact@prefecture-a.gouv.fr' }, logoFileId: await image(), declarativeMode: 'en_instruction', retentionMonths: 24, expertsAllowed: false, submissionMessage: 'Merci.' },
      adminA,
    );
    const companies = await svc.request(groupContracts.create, { procedureId: created.id, label: 'Pôle entreprises', routingRule: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'Entreprise' } }, adminA);
    await svc.request(groupContracts.addMembers, { procedureId: created.id, groupId: companies.id, members: [{ email: 'instructrice@prefecture-a.gouv.fr' }] }, adminA);
    await svc.request(labelContracts.create, { procedureId: created.id, name: 'Urgent', color: 'pink-tuile' }, adminA);
    await svc.request(labelContracts.create, { procedureId: created.id, name: 'Pièce manquante', color: 'yellow-tournesol' }, adminA);
    return svc.request(procedureContracts.publish, { procedureId: created.id }, adminA);
  }

  const labelsOf = async (procedureId: string, ctx = adminA) => (await svc.request(labelContracts.list, { procedureId }, ctx)).items;
  /** The label events a procedure's outbox holds, in order, with the tenant they are announced in. */
  const labelEventsOf = (procedureId: string) =>
    svc.sql<{ subject: string; data: { labelId: string; procedureId: string; name: string; color: string; version: number }; tenant_id: string; published_at: Date | null }>(
      `select subject, envelope->'data' as data, envelope->>'tenantId' as tenant_id, published_at from procedures.outbox_event where envelope->'data'->>'procedureId' = $1 and subject like '%label%' order by created_at`,
      [procedureId],
    );

  const groupsOf = async (procedureId: string, ctx = adminA) => {
    const page = await svc.request(groupContracts.list, { procedureId, limit: 100 }, ctx);
    return Promise.all(page.items.map((group) => svc.request(groupContracts.get, { procedureId, groupId: group.id }, ctx)));
  };

  it('clones one’s own procedure with every part: new ids everywhere, references followed, members kept', async () => {
    const source = await richProcedure();
    const path = uniquePath('copie');
    const clone = await svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: true, templates: true, groups: true, settings: true }, path, tenantName: 'Préfecture A' }, adminA);

    expect(clone).toMatchObject({ tenantId: tenantA, state: 'brouillon', path, title: source.title, publishedRevision: null });
    expect(clone.id).not.toBe(source.id);
    const [cKind, cSiret, cBlock] = clone.draftRevision.fields;
    const sourceIds = [kind, siret, block, child, role, visit].map((f) => f.stableId);
    const cloneIds = [cKind, cSiret, cBlock, ...(cBlock?.children ?? []), ...clone.draftRevision.annotations].map((f) => f?.stableId);
    expect(cloneIds).toHaveLength(6);
    for (const id of cloneIds) expect(sourceIds).not.toContain(id);
    expect(cSiret?.condition).toEqual({ kind: 'comparison', field: cKind?.stableId, operator: 'eq', value: 'Entreprise' });
    expect(cBlock?.children?.[1]?.condition).toEqual({ kind: 'comparison', field: cBlock?.children?.[0]?.stableId, operator: 'not_empty' });
    expect(clone.draftRevision.annotations[0]?.condition).toMatchObject({ field: cKind?.stableId });

    expect(clone.mailTemplates.initiated.body).toBe('Type : --Type de structure--');
    expect(clone.attestationTemplates[0]?.logoFileId).toBe(source.attestationTemplates[0]?.logoFileId);
    expect(clone.settings).toEqual(source.settings);

    const groups = await groupsOf(clone.id);
    expect(groups.map((group) => group.label)).toEqual(['Groupe par défaut', 'Pôle entreprises']);
    expect(groups[1]?.routingRule).toEqual({ kind: 'comparison', field: cKind?.stableId, operator: 'eq', value: 'Entreprise' });
    expect(groups[1]?.members.map((member) => member.email)).toEqual(['instructrice@prefecture-a.gouv.fr']);
    // The copy routes by its own ids.
    expect(await svc.request(groupContracts.route, { procedureId: clone.id, values: { [cKind?.stableId ?? '']: 'Entreprise' } }, adminA)).toMatchObject({ label: 'Pôle entreprises' });

    // Its labels: new ids, the same names and colours, each announced like a creation (version 1,
    // the clone's tenant) so the dossiers service's copy has them; the source's are untouched.
    const sourceLabels = await labelsOf(source.id);
    const labels = await labelsOf(clone.id);
    expect(labels.map((label) => [label.name, label.color, label.version])).toEqual([
      ['Pièce manquante', 'yellow-tournesol', 1],
      ['Urgent', 'pink-tuile', 1],
    ]);
    for (const label of labels) expect(sourceLabels.map((original) => original.id)).not.toContain(label.id);
    const events = await labelEventsOf(clone.id);
    expect(events.map((event) => [event.subject.endsWith(labelEvents.changed.subject), event.data, event.tenant_id])).toEqual(
      expect.arrayContaining(labels.map((label) => [true, { labelId: label.id, procedureId: clone.id, name: label.name, color: label.color, version: 1 }, tenantA])),
    );
    expect(events).toHaveLength(2);
    await expectEventually(async () => expect((await labelEventsOf(clone.id)).every((event) => event.published_at !== null)).toBe(true), { timeoutMs: 10_000, description: 'the label events published on the bus' });
    expect((await labelsOf(source.id)).map((label) => label.id)).toEqual(sourceLabels.map((label) => label.id));
  });

  it('copies only the parts asked for', async () => {
    const source = await richProcedure();
    const bare = await svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: true, templates: false, groups: false, settings: false }, title: 'Copie allégée', path: uniquePath(), tenantName: 'Préfecture A' }, adminA);
    expect(bare.title).toBe('Copie allégée');
    expect(bare.draftRevision.fields).toHaveLength(3);
    expect(bare.mailTemplates.initiated.body).not.toContain('--Type de structure--');
    expect(bare.attestationTemplates).toEqual([]);
    expect(bare.settings).toMatchObject({ declarativeMode: null, retentionMonths: 12, serviceContact: null });
    expect((await groupsOf(bare.id)).map((group) => group.label)).toEqual(['Groupe par défaut']);
    // Labels are copied unless left out (DS `clone_labels`, on by default).
    expect((await labelsOf(bare.id)).map((label) => label.name)).toEqual(['Pièce manquante', 'Urgent']);
    const unlabelled = await svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: true, templates: false, groups: false, settings: false, labels: false }, path: uniquePath(), tenantName: 'Préfecture A' }, adminA);
    expect(await labelsOf(unlabelled.id)).toEqual([]);
    expect(await labelEventsOf(unlabelled.id)).toEqual([]);

    const settingsOnly = await svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: false, templates: false, groups: true, settings: true }, path: uniquePath(), tenantName: 'Préfecture A' }, adminA);
    expect(settingsOnly.draftRevision.fields).toEqual([]);
    expect(settingsOnly.settings.retentionMonths).toBe(24);
    // Without the fields, the routing rules have nothing to read: the groups come without them.
    expect((await groupsOf(settingsOnly.id)).map((group) => [group.label, group.routingRule])).toEqual([['Groupe par défaut', null], ['Pôle entreprises', null]]);
  });

  it('drops the tags of fields left out of the templates, so the copy can be published as it is', async () => {
    const source = await richProcedure();
    const copy = await svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: false, templates: true, groups: false, settings: false }, path: uniquePath(), tenantName: 'A' }, adminA);
    expect(copy.mailTemplates.initiated).toEqual({ subject: 'Dossier déposé', body: 'Type :' });
    expect(copy.attestationTemplates[0]?.body).toBe(source.attestationTemplates[0]?.body);
    await svc.request(procedureContracts.updateDraft, { procedureId: copy.id, fields: [field({ label: 'Nom' })] }, adminA);
    expect(await svc.request(procedureContracts.publish, { procedureId: copy.id }, adminA)).toMatchObject({ state: 'publiee' });
  });

  it('refuses a path taken, leaving nothing behind', async () => {
    const source = await richProcedure();
    const before = await svc.request(procedureContracts.list, {}, adminA);
    await expect(
      svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: true, templates: true, groups: true, settings: true }, path: source.path, tenantName: 'A' }, adminA),
    ).rejects.toMatchObject({ code: 'CONFLICT', fields: { path: 'Cette adresse est déjà utilisée.' } });
    await expect(svc.request(modelContracts.clone, { sourceProcedureId: source.id, path: 'Pas une adresse', tenantName: 'A' }, adminA)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { path: expect.any(String) as string } });
    expect((await svc.request(procedureContracts.list, {}, adminA)).items).toHaveLength(before.items.length);
    expect(await groupsOf(source.id)).toHaveLength(2);
  });

  it('makes an independent copy of one’s own procedure: editing either leaves the other as it was', async () => {
    const source = await richProcedure();
    const clone = await svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: true, templates: true, groups: true, settings: true }, path: uniquePath(), tenantName: 'Préfecture A' }, adminA);
    expect(clone.draftRevision.id).not.toBe(source.draftRevision.id);
    const cloneBefore = await svc.request(procedureContracts.get, { procedureId: clone.id }, adminA);
    const cloneGroupsBefore = await groupsOf(clone.id);

    await svc.request(procedureContracts.updateDraft, { procedureId: source.id, title: 'Source modifiée', fields: [kind], annotations: [] }, adminA);
    await svc.request(procedureContracts.setTemplates, { procedureId: source.id, mailTemplates: mailTemplates({ initiated: { subject: 'Autre', body: 'Autre texte' } }), attestationTemplates: [] }, adminA);
    await svc.request(procedureContracts.updateSettings, { procedureId: source.id, retentionMonths: 6 }, adminA);
    const sourceGroup = (await groupsOf(source.id))[1];
    await svc.request(groupContracts.update, { procedureId: source.id, groupId: sourceGroup?.id ?? '', label: 'Pôle renommé' }, adminA);
    await svc.request(groupContracts.setRoutingRule, { procedureId: source.id, groupId: sourceGroup?.id ?? '', routingRule: null }, adminA);
    expect(await svc.request(procedureContracts.get, { procedureId: clone.id }, adminA)).toEqual(cloneBefore);
    expect(await groupsOf(clone.id)).toEqual(cloneGroupsBefore);

    await svc.request(procedureContracts.updateDraft, { procedureId: clone.id, title: 'Copie modifiée', fields: [], annotations: [] }, adminA);
    await svc.request(groupContracts.update, { procedureId: clone.id, groupId: cloneGroupsBefore[1]?.id ?? '', label: 'Pôle de la copie' }, adminA);
    const sourceAfter = await svc.request(procedureContracts.get, { procedureId: source.id }, adminA);
    expect(sourceAfter).toMatchObject({ title: 'Source modifiée', settings: { retentionMonths: 6 } });
    expect(sourceAfter.draftRevision.fields).toEqual([kind]);
    expect((await groupsOf(source.id)).map((group) => group.label)).toEqual(['Groupe par défaut', 'Pôle renommé']);
  });

  it('shares a published procedure as a model that another tenant clones from its published revision, without files, contact or members', async () => {
    const source = await richProcedure();
    await expect(svc.request(modelContracts.clone, { sourceProcedureId: source.id, path: uniquePath(), tenantName: 'B' }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const unpublished = await svc.createProcedure(tenantA, { fields: true });
    await expect(svc.request(modelContracts.share, { procedureId: unpublished.id }, adminA)).rejects.toMatchObject({ code: 'PROCEDURE_INVALID' });
    await expect(svc.request(modelContracts.share, { procedureId: source.id }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.request(modelContracts.share, { procedureId: source.id }, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const shared = await svc.request(modelContracts.share, { procedureId: source.id, description: 'Modèle éprouvé en 2026.' }, adminA);
    expect(shared).toMatchObject({ procedureId: source.id, title: 'Subvention aux associations', tenantName: 'Préfecture A', fieldCount: 3, description: 'Modèle éprouvé en 2026.' });
    expect((await svc.request(modelContracts.get, { procedureId: source.id }, adminB)).fields.map((f) => f.label)).toEqual(['Type de structure', 'SIRET', 'Membres du bureau']);

    // A change to the source's draft is not what a model gives: the published revision is, and the
    // templates keep only the tags of its fields.
    await svc.request(procedureContracts.updateDraft, { procedureId: source.id, fields: [kind, siret, block, field({ label: 'Brouillon seulement' })] }, adminA);
    await svc.request(procedureContracts.setTemplates, { procedureId: source.id, mailTemplates: mailTemplates({ initiated: { subject: 'Dossier déposé', body: '--Type de structure-- / --Brouillon seulement--' } }) }, adminA);
    const clone = await svc.request(modelContracts.clone, { sourceProcedureId: source.id, parts: { fields: true, templates: true, groups: true, settings: true }, path: uniquePath('modele'), tenantName: 'Préfecture B' }, adminB);
    expect(clone).toMatchObject({ tenantId: tenantB, tenantName: 'Préfecture B', state: 'brouillon' });
    expect(clone.draftRevision.fields.map((f) => f.label)).toEqual(['Type de structure', 'SIRET', 'Membres du bureau']);
    expect(clone.mailTemplates.initiated.body).toBe('--Type de structure-- /');
    expect(clone.attestationTemplates[0]).toMatchObject({ logoFileId: null, signatureFileId: null });
    expect(clone.settings).toMatchObject({ serviceContact: null, logoFileId: null, declarativeMode: 'en_instruction', retentionMonths: 24, expertsAllowed: false });
    const groups = await groupsOf(clone.id, adminB);
    expect(groups.map((group) => [group.label, group.members.length])).toEqual([['Groupe par défaut', 0], ['Pôle entreprises', 0]]);
    // Labels are names and colours, no tenant's own: they come with the model, in B's tenant.
    const labels = await labelsOf(clone.id, adminB);
    expect(labels.map((label) => [label.name, label.color])).toEqual([['Pièce manquante', 'yellow-tournesol'], ['Urgent', 'pink-tuile']]);
    expect((await labelEventsOf(clone.id)).map((event) => event.tenant_id)).toEqual([tenantB, tenantB]);
    // Tenant A never sees B's clone; the clone is B's own procedure, independent of the source.
    await expect(svc.request(procedureContracts.get, { procedureId: clone.id }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await svc.request(procedureContracts.updateDraft, { procedureId: clone.id, title: 'Subvention de la préfecture B', fields: [], annotations: [] }, adminB);
    const sourceAfter = await svc.request(procedureContracts.get, { procedureId: source.id }, adminA);
    expect(sourceAfter.title).toBe('Subvention aux associations');
    expect(sourceAfter.draftRevision.fields).toHaveLength(4);
    expect((await svc.request(procedureContracts.get, { procedureId: clone.id }, adminB)).draftRevision.fields).toEqual([]);

    // Withdrawn, the model can no longer be cloned by another tenant.
    await svc.request(modelContracts.unshare, { procedureId: source.id }, adminA);
    await expect(svc.request(modelContracts.clone, { sourceProcedureId: source.id, path: uniquePath(), tenantName: 'B' }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(svc.request(modelContracts.get, { procedureId: source.id }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the catalogue newest first, by pages, with a title search, for administrateurs only', async () => {
    const marker = randomUUID().slice(0, 8);
    const shared: string[] = [];
    for (const index of [1, 2, 3]) {
      const procedure = await svc.request(procedureContracts.create, { title: `Modèle ${marker} n°${index}`, description: '', path: uniquePath(), tenantName: 'Préfecture A' }, adminA);
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [field({ label: 'Nom' })] }, adminA);
      await svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA);
      await svc.request(modelContracts.share, { procedureId: procedure.id }, adminA);
      shared.push(procedure.id);
    }
    const first = await svc.request(modelContracts.list, { q: marker, limit: 2 }, adminB);
    expect(first.items.map((item) => item.procedureId)).toEqual([shared[2], shared[1]]);
    expect(first.next).not.toBeNull();
    const second = await svc.request(modelContracts.list, { q: marker, limit: 2, after: first.next ?? undefined }, adminB);
    expect(second.items.map((item) => item.procedureId)).toEqual([shared[0]]);
    expect(second.next).toBeNull();
    expect((await svc.request(modelContracts.list, { q: `${marker} n°2`, limit: 10 }, adminB)).items).toHaveLength(1);
    expect((await svc.request(modelContracts.list, { q: '100%_', limit: 10 }, adminB)).items).toEqual([]);
    await expect(svc.request(modelContracts.list, { limit: 10 }, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(svc.request(modelContracts.list, { limit: 10 }, usager())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(svc.request(modelContracts.list, { limit: 10, after: 'pas-un-curseur' }, adminB)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
