import { randomUUID } from 'node:crypto';
import { procedureContracts, procedureSchema } from '@guichet/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, attestationTemplate, field, instructeurOf, mailTemplates, sampleFields, systemCaller, uniquePath, usager } from '../testing/procedure.factories';
import { startProcedures, type ProceduresUnderTest } from '../testing/procedures.harness';
import { defaultMailTemplates } from './mail-templates.defaults';

const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = administrateurOf(tenantA);
const adminB = administrateurOf(tenantB);

describe('procedures: creating and editing', () => {
  let svc: ProceduresUnderTest;

  beforeAll(async () => {
    svc = await startProcedures();
  });

  afterAll(async () => {
    await svc?.stop();
  });

  describe('create', () => {
    it('creates a brouillon with an empty draft revision and the six default e-mails', async () => {
      const path = uniquePath('subvention');
      const created = await svc.request(procedureContracts.create, { title: '  Subvention culture  ', path, tenantName: 'Mairie de Lyon', description: '' }, adminA);
      expect(created).toMatchObject({ tenantId: tenantA, tenantName: 'Mairie de Lyon', path, title: 'Subvention culture', description: '', state: 'brouillon', publishedRevision: null, publishedAt: null, closesAt: null, attestationTemplates: [] });
      expect(created.draftRevision).toEqual({ id: expect.any(String) as string, procedureId: created.id, tenantId: tenantA, fields: [], annotations: [], publishedAt: null });
      expect(created.mailTemplates).toEqual(defaultMailTemplates([]));
      expect(created.mailTemplates.initiated.subject).toBe('Votre dossier n° --numéro du dossier-- a bien été déposé');
      expect(await svc.request(procedureContracts.get, { procedureId: created.id }, adminA)).toEqual(created);
    });

    it('refuses a path already used, by any tenant, with the field in error', async () => {
      const path = uniquePath();
      await svc.request(procedureContracts.create, { title: 'Première', path, tenantName: 'A', description: '' }, adminA);
      for (const ctx of [adminA, adminB]) {
        await expect(svc.request(procedureContracts.create, { title: 'Seconde', path, tenantName: 'B', description: '' }, ctx)).rejects.toMatchObject({
          code: 'CONFLICT',
          fields: { path: 'Cette adresse est déjà utilisée.' },
        });
      }
    });

    it('settles two simultaneous creations on one path with one CONFLICT', async () => {
      const path = uniquePath();
      const results = await Promise.allSettled([0, 1, 2].map(() => svc.request(procedureContracts.create, { title: 'Course', path, tenantName: 'A', description: '' }, adminA)));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results.filter((candidate) => candidate.status === 'rejected')) expect(result.reason).toMatchObject({ code: 'CONFLICT' });
    });

    it('is for administrateurs of the request tenant only', async () => {
      const payload = { title: 'Interdite', path: uniquePath(), tenantName: 'A', description: '' };
      await expect(svc.request(procedureContracts.create, payload, usager())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.create, payload, { ...usager(), tenantId: tenantA })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.create, payload, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.create, payload, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(svc.request(procedureContracts.create, payload, systemCaller(tenantA))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(svc.request(procedureContracts.create, payload, { ...adminA, tenantId: 'pas-un-identifiant' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await svc.request(procedureContracts.list, {}, adminA)).items.some((procedure) => procedure.path === payload.path)).toBe(false);
    });

    it('answers CONTRACT_VIOLATION to payloads that break the contract on the raw bus', async () => {
      const bad = [
        { title: 'Ok titre', path: 'Pas Une Adresse', tenantName: 'A', description: '' },
        { title: 'a', path: uniquePath(), tenantName: 'A', description: '' },
        { title: 'Sans organisme', path: uniquePath() },
        { title: 42, path: uniquePath(), tenantName: 'A', description: '' },
      ];
      for (const payload of bad) {
        expect(await svc.raw(procedureContracts.create, JSON.stringify(payload), adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      }
      expect(await svc.raw(procedureContracts.create, '{"title": ', adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      const reply = (await svc.raw(procedureContracts.create, JSON.stringify(bad[0]), adminA)) as { error: { fields: Record<string, string> } };
      expect(reply.error.fields).toHaveProperty('path');
    });
  });

  describe('updateDraft', () => {
    it('edits the title, the description and the draft form, with field defaults applied', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const fields = sampleFields();
      const updated = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, title: 'Nouveau titre', description: 'Nouvelle description', fields }, adminA);
      expect(updated).toMatchObject({ title: 'Nouveau titre', description: 'Nouvelle description', state: 'brouillon', publishedRevision: null });
      expect(updated.draftRevision.id).toBe(procedure.draftRevision.id);
      expect(updated.draftRevision.fields).toEqual(fields);
      const minimal = await svc.raw(procedureContracts.updateDraft, JSON.stringify({ procedureId: procedure.id, fields: [{ stableId: randomUUID(), type: 'email', label: 'Courriel' }] }), adminA);
      expect(minimal).toMatchObject({ ok: true, data: { draftRevision: { fields: [{ type: 'email', label: 'Courriel', description: '', mandatory: false, options: {} }] } } });
      const titleOnly = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, title: 'Titre seul' }, adminA);
      expect(titleOnly.draftRevision.fields).toHaveLength(1);
    });

    it('refuses invalid forms with field paths and leaves the draft as it was', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const fields = sampleFields();
      const invalid = [
        field({ label: 'Nom' }),
        field({ label: 'nom' }),
        field({ label: 'Catégorie', type: 'drop_down_list' }),
        field({ label: 'Montant', type: 'decimal_number', options: { min: 100, max: 10 } }),
        { ...field({ label: 'Doublon' }), stableId: fields[0]?.stableId ?? randomUUID() },
        { ...fields[0]!, label: 'Autre libellé' },
      ];
      const error = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, title: 'Ne doit pas changer', fields: invalid }, adminA).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Le formulaire de la démarche contient des erreurs.' });
      expect((error as { fields: Record<string, string> }).fields).toEqual({
        'fields.1.label': 'Un autre champ porte déjà ce libellé.',
        'fields.2.options.choices': 'Indiquez au moins un choix.',
        'fields.3.options.max': 'Le maximum doit être supérieur ou égal au minimum.',
        'fields.5.stableId': 'Cet identifiant est déjà celui d’un autre champ.',
      });
      const after = await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA);
      expect(after.title).toBe(procedure.title);
      expect(after.draftRevision.fields).toEqual(procedure.draftRevision.fields);
    });

    it('answers CONTRACT_VIOLATION to a malformed form on the raw bus', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const malformed = [
        { procedureId: procedure.id, fields: [{ stableId: 'pas-un-uuid', type: 'text', label: 'Nom' }] },
        { procedureId: procedure.id, fields: [{ stableId: randomUUID(), type: 'carte_du_tendre', label: 'Nom' }] },
        { procedureId: procedure.id, fields: [{ stableId: randomUUID(), type: 'text', label: 'Nom', options: { couleur: 'bleu' } }] },
        { procedureId: 'pas-un-uuid', title: 'Titre' },
      ];
      for (const payload of malformed) {
        expect(await svc.raw(procedureContracts.updateDraft, JSON.stringify(payload), adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      }
    });

    it('is for the administrateurs of the procedure: other tenants and usagers find nothing', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const payload = { procedureId: procedure.id, title: 'Piratage' };
      await expect(svc.request(procedureContracts.updateDraft, payload, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.updateDraft, payload, { ...adminB, tenantId: tenantA, actor: { ...adminB.actor!, roles: ['usager'] } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.updateDraft, payload, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.updateDraft, payload, systemCaller(tenantA))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.updateDraft, payload, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.updateDraft, { procedureId: randomUUID(), title: 'Inconnue' }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA)).title).toBe(procedure.title);
    });
  });

  describe('setTemplates', () => {
    it('stores e-mail and attestation templates that use the procedure tags', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const templates = mailTemplates({ initiated: { subject: 'Dépôt n° --numéro du dossier--', body: 'Association : --Nom de l’association--. Suivi : --lien dossier--' } });
      const attestations = [attestationTemplate(), attestationTemplate({ kind: 'refus', title: 'Refus', body: 'Motif : --motivation--' })];
      const updated = await svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, mailTemplates: templates, attestationTemplates: attestations }, adminA);
      expect(updated.mailTemplates).toEqual(templates);
      expect(updated.attestationTemplates).toEqual(attestations);
      expect(await svc.request(procedureContracts.get, { procedureId: procedure.id }, instructeurOf(tenantA))).toEqual(updated);
    });

    it('keeps the defaults for kinds left as they were, with the attestation link once an attestation exists', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      expect(procedure.mailTemplates.closed.body).not.toContain('--lien attestation--');
      const withAttestation = await svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, attestationTemplates: [attestationTemplate()] }, adminA);
      expect(withAttestation.mailTemplates.closed.body).toContain('--lien attestation--');
      const received = { subject: 'Instruction --numéro du dossier--', body: 'Votre dossier est examiné.' };
      const custom = await svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, mailTemplates: { ...withAttestation.mailTemplates, received } }, adminA);
      expect(custom.mailTemplates).toEqual({ ...defaultMailTemplates([{ kind: 'acceptation' }]), received });
      expect(custom.attestationTemplates).toHaveLength(1);
    });

    it('refuses unknown tags with UNKNOWN_TAGS, naming each template and the tags it may use', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const templates = mailTemplates({ initiated: { subject: 'Dossier --numéro du dossier--', body: 'Bonjour --foo--' } });
      const error = await svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, mailTemplates: templates, attestationTemplates: [attestationTemplate({ footer: '--bar--' })] }, adminA).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'UNKNOWN_TAGS', message: 'Balises inconnues : --foo--, --bar--.' });
      const fields = (error as { fields: Record<string, string> }).fields;
      expect(Object.keys(fields)).toEqual(['mailTemplates.initiated.body', 'attestationTemplates.0.footer']);
      expect(fields['mailTemplates.initiated.body']).toMatch(/^Balise inconnue : --foo--\. Balises possibles : --numéro du dossier--, .*--Nom de l’association--/);
      const after = await svc.request(procedureContracts.get, { procedureId: procedure.id }, adminA);
      expect(after.mailTemplates).toEqual(procedure.mailTemplates);
      expect(after.attestationTemplates).toEqual([]);
    });

    it('refuses a tag offered only in later states, and two attestations of one kind', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const early = mailTemplates({ initiated: { subject: 'Décision', body: 'Votre attestation : --lien attestation--' } });
      await expect(svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, mailTemplates: early }, adminA)).rejects.toMatchObject({
        code: 'UNKNOWN_TAGS',
        fields: { 'mailTemplates.initiated.body': expect.stringContaining('--lien attestation--') as string },
      });
      await expect(svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, attestationTemplates: [attestationTemplate(), attestationTemplate()] }, adminA)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { 'attestationTemplates.1.kind': 'Il y a déjà un modèle d’attestation de ce type.' },
      });
    });

    it('refuses partial e-mail sets on the raw bus, and outsiders find nothing', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const partial = { procedureId: procedure.id, mailTemplates: { initiated: { subject: 'Seul', body: 'Un seul modèle' } } };
      expect(await svc.raw(procedureContracts.setTemplates, JSON.stringify(partial), adminA)).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
      await expect(svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, attestationTemplates: [] }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, attestationTemplates: [] }, usager())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, attestationTemplates: [] }, instructeurOf(tenantA))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('get and list', () => {
    it('shows a procedure to the agents of its tenant and to system callers only', async () => {
      const procedure = await svc.createProcedure(tenantA, { fields: true });
      const payload = { procedureId: procedure.id };
      expect(await svc.request(procedureContracts.get, payload, instructeurOf(tenantA))).toEqual(procedure);
      expect(await svc.request(procedureContracts.get, payload, systemCaller())).toEqual(procedure);
      expect(await svc.request(procedureContracts.get, payload, systemCaller(tenantA))).toEqual(procedure);
      for (const outsider of [adminB, instructeurOf(tenantB), usager(), { ...usager(), tenantId: tenantA }, systemCaller(tenantB), {}, { ...adminA, tenantId: 'pas-un-identifiant' }]) {
        await expect(svc.request(procedureContracts.get, payload, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Démarche introuvable.' });
      }
      await expect(svc.request(procedureContracts.get, { procedureId: randomUUID() }, adminA)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lists the procedures of the request tenant, newest first, and nothing of another tenant', async () => {
      const tenantC = randomUUID();
      const first = await svc.createProcedure(tenantC, { title: 'Première démarche' });
      const second = await svc.createProcedure(tenantC, { title: 'Seconde démarche', publish: true });
      const other = await svc.createProcedure(tenantB);
      const listed = await svc.request(procedureContracts.list, {}, instructeurOf(tenantC));
      expect(listed.items.map((procedure) => procedure.id)).toEqual([second.id, first.id]);
      for (const item of listed.items) expect(procedureSchema.safeParse(item).success).toBe(true);
      expect((await svc.request(procedureContracts.list, {}, systemCaller(tenantC))).items).toHaveLength(2);
      expect((await svc.request(procedureContracts.list, {}, adminB)).items.map((procedure) => procedure.id)).toContain(other.id);
      expect((await svc.request(procedureContracts.list, {}, adminB)).items.map((procedure) => procedure.tenantId)).not.toContain(tenantC);
      await expect(svc.request(procedureContracts.list, {}, usager())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.list, {}, { ...usager(), tenantId: tenantC })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.list, {}, systemCaller())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(svc.request(procedureContracts.list, {}, { ...adminA, tenantId: 'pas-un-identifiant' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('summaries (the agents’ dashboard)', () => {
    it('gives the id, title and state of the tenant’s procedures by title, every one or those named, and nothing of another tenant', async () => {
      const tenantC = randomUUID();
      const zoo = await svc.createProcedure(tenantC, { title: 'Zoo municipal', publish: true });
      const ecole = await svc.createProcedure(tenantC, { title: 'École de musique' });
      const aide = await svc.createProcedure(tenantC, { title: 'aide au permis' });
      const other = await svc.createProcedure(tenantB, { title: 'Autre administration' });
      const every = await svc.request(procedureContracts.listSummaries, {}, administrateurOf(tenantC));
      expect(every.items).toEqual([
        { id: aide.id, title: 'aide au permis', state: 'brouillon' },
        { id: ecole.id, title: 'École de musique', state: 'brouillon' },
        { id: zoo.id, title: 'Zoo municipal', state: 'publiee' },
      ]);
      expect(await svc.request(procedureContracts.listSummaries, {}, instructeurOf(tenantC))).toEqual(every);
      // Named ones: only the tenant's (another's, or none, are left out).
      expect((await svc.request(procedureContracts.listSummaries, { procedureIds: [zoo.id, other.id, randomUUID()] }, systemCaller(tenantC))).items.map((item) => item.id)).toEqual([zoo.id]);
      expect((await svc.request(procedureContracts.listSummaries, { procedureIds: [] }, systemCaller(tenantC))).items).toEqual([]);
      for (const outsider of [usager(), { ...usager(), tenantId: tenantC }, systemCaller()]) {
        await expect(svc.request(procedureContracts.listSummaries, {}, outsider)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
    });
  });

  describe('private annotations', () => {
    const kind = field({ label: 'Type de demande', type: 'drop_down_list', options: { choices: ['Création', 'Renouvellement'] } });
    const checked = field({ label: 'Pièces vérifiées', type: 'yes_no' });
    const remark = field({ label: 'Remarque de l’instructeur', type: 'textarea', condition: { kind: 'comparison', field: kind.stableId, operator: 'eq', value: 'Création' } });

    it('saves annotations with the draft, publishes them, carries them to the next draft, and never shows them to the public', async () => {
      const procedure = await svc.createProcedure(tenantA);
      const saved = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [kind], annotations: [checked, remark] }, adminA);
      expect(saved.draftRevision.annotations).toEqual([checked, remark]);
      // Editing the fields alone keeps the annotations, and re-checks them against the new fields.
      const renamed = await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [{ ...kind, label: 'Nature de la demande' }] }, adminA);
      expect(renamed.draftRevision.annotations).toEqual([checked, remark]);
      await expect(svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [field({ label: 'Autre' })] }, adminA)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { 'annotations.1.condition.field': expect.any(String) as string },
      });

      const published = await svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA);
      expect(published.publishedRevision?.annotations).toEqual([checked, remark]);
      expect(published.draftRevision.annotations).toEqual([checked, remark]);
      const publicRead = await svc.request(procedureContracts.getPublic, { procedureId: procedure.id }, usager());
      expect(JSON.stringify(publicRead)).not.toContain(checked.stableId);

      // A change to the annotations alone is a change to publish, and shows in the diff.
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, annotations: [checked] }, adminA);
      const diff = await svc.request(procedureContracts.diff, { procedureId: procedure.id }, adminA);
      expect(diff.changes).toEqual([]);
      expect(diff.annotationChanges).toEqual([expect.objectContaining({ kind: 'removed', stableId: remark.stableId })]);
      const republished = await svc.request(procedureContracts.publish, { procedureId: procedure.id }, adminA);
      expect(republished.publishedRevision?.id).not.toBe(published.publishedRevision?.id);
      expect(republished.publishedRevision?.annotations).toEqual([checked]);
    });

    it('lists the draft’s tags for the template editors: built-in, one per field and annotation, with their states', async () => {
      const procedure = await svc.createProcedure(tenantA);
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [kind, field({ label: 'Titre', type: 'header_section' })], annotations: [remark] }, adminA);
      const { tags, mailTemplateStates, attestationTemplateStates } = await svc.request(procedureContracts.tags, { procedureId: procedure.id }, instructeurOf(tenantA));
      expect(tags.find((tag) => tag.tag === '--numéro du dossier--')).toMatchObject({ kind: 'dossier' });
      expect(tags.find((tag) => tag.id === `champ_${kind.stableId}`)).toMatchObject({ tag: '--Type de demande--', description: 'Champ du formulaire', availableIn: expect.arrayContaining(['en_construction']) as string[] });
      expect(tags.find((tag) => tag.id === `champ_${remark.stableId}`)?.availableIn).not.toContain('en_construction');
      // A section title carries no value: no tag.
      expect(tags.some((tag) => tag.name === 'Titre')).toBe(false);
      expect(mailTemplateStates).toMatchObject({ initiated: 'en_construction', closed: 'accepte' });
      expect(attestationTemplateStates).toEqual({ acceptation: 'accepte', refus: 'refuse' });
      await expect(svc.request(procedureContracts.tags, { procedureId: procedure.id }, adminB)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('offers annotation tags to the templates sent from en_instruction on, not to the acknowledgement', async () => {
      const procedure = await svc.createProcedure(tenantA);
      await svc.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: [kind], annotations: [remark] }, adminA);
      const tag = '--Remarque de l’instructeur--';
      const accepted = await svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, mailTemplates: mailTemplates({ closed: { subject: 'Accepté', body: `Remarque : ${tag}` } }) }, adminA);
      expect(accepted.mailTemplates.closed.body).toContain(tag);
      await expect(
        svc.request(procedureContracts.setTemplates, { procedureId: procedure.id, mailTemplates: mailTemplates({ initiated: { subject: 'Déposé', body: `Remarque : ${tag}` } }) }, adminA),
      ).rejects.toMatchObject({ code: 'UNKNOWN_TAGS', fields: { 'mailTemplates.initiated.body': expect.stringContaining('Balise inconnue') as string } });
    });
  });
});
