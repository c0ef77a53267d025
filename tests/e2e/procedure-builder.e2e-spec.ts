import { formFieldTypes } from '@guichet/forms';
import { waitFor } from '@guichet/platform-testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aField, aPdf, aProcedure, type FieldInput } from '../factories';
import type { ApiClient } from './support/http-client';
import { aTenantWithAgents, signUp, upload, type TenantAgents } from './support/platform';

type Field = FieldInput & { condition?: unknown; children?: Field[] };
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface ProcedureDto {
  id: string;
  path: string;
  state: string;
  draftRevision: { id: string; fields: Field[] };
  publishedRevision: { id: string; fields: Field[] } | null;
}
interface DossierDto {
  id: string;
  number: number;
  state: string;
  revisionId: string;
  values: Record<string, unknown>;
  groupeInstructeur?: { id: string; label: string } | null;
}

/** A mandatory field unless told otherwise (conditions and children included). */
const field = (type: string, label: string, overrides: Partial<Field> = {}): Field => ({ ...aField(type, label), ...overrides });
const optional = (type: string, label: string, overrides: Partial<Field> = {}): Field => field(type, label, { mandatory: false, ...overrides });

/**
 * One field of every type of the catalogue, with options, conditions (on earlier fields only) and a
 * repeatable block whose rows hold a condition of their own.
 */
function everyTypeForm() {
  const hasChildren = field('yes_no', 'Avez-vous des enfants à charge ?');
  const childName = field('text', 'Prénom de l’enfant');
  const childAge = field('integer_number', 'Âge de l’enfant', { options: { min: 0, max: 25 } });
  const childSchool = optional('text', 'Établissement fréquenté', { condition: { kind: 'comparison', field: childAge.stableId, operator: 'gte', value: 3 } });
  const children: Field = field('repetition', 'Enfants', {
    options: { minRows: 1, maxRows: 6 },
    children: [childName, childAge, childSchool],
    condition: { kind: 'comparison', field: hasChildren.stableId, operator: 'eq', value: true },
  });
  const departement = field('departements', 'Département de résidence');
  const rhoneOnly = optional('textarea', 'Précisions pour le Rhône', { condition: { kind: 'comparison', field: departement.stableId, operator: 'eq', value: '69' } });
  const status = field('drop_down_list', 'Statut', { options: { choices: ['Salarié', 'Indépendant'], other: true } });
  const fields: Field[] = [
    optional('header_section', 'Identité'),
    optional('explication', 'Renseignez votre identité telle qu’elle figure sur vos papiers.'),
    field('civilite', 'Civilité'),
    field('email', 'Adresse électronique'),
    field('phone', 'Téléphone'),
    field('address', 'Adresse postale'),
    field('communes', 'Commune'),
    departement,
    rhoneOnly,
    field('regions', 'Région'),
    field('epci', 'Intercommunalité'),
    field('pays', 'Pays de naissance'),
    field('carte', 'Parcelle', { options: { allowedGeometries: ['Polygon'] } }),
    field('siret', 'SIRET de l’employeur'),
    field('rna', 'Numéro RNA'),
    field('rnf', 'Numéro RNF'),
    field('iban', 'IBAN'),
    field('text', 'Nom', { options: { maxLength: 80 } }),
    field('textarea', 'Motivation'),
    field('integer_number', 'Nombre de personnes', { options: { min: 1, max: 12 } }),
    field('decimal_number', 'Revenu mensuel', { options: { min: 0, decimalPlaces: 2 } }),
    field('formatted', 'Immatriculation', { options: { mode: 'regex', pattern: '[A-Z]{2}-\\d{3}-[A-Z]{2}', patternExample: 'AB-123-CD' } }),
    field('date', 'Date de naissance', { options: { max: '2026-01-01' } }),
    field('datetime', 'Rendez-vous souhaité', { options: { min: '2026-01-01T08:00' } }),
    field('checkbox', 'J’atteste sur l’honneur'),
    hasChildren,
    children,
    status,
    field('multiple_drop_down_list', 'Moyens de transport', { options: { choices: ['Bus', 'Train', 'Vélo'] } }),
    field('linked_drop_down_list', 'Catégorie', { options: { linkedChoices: [{ value: 'Fruits', children: ['Pomme', 'Poire'] }, { value: 'Légumes', children: ['Carotte'] }] } }),
    field('piece_justificative', 'Justificatif de domicile', { options: { maxFiles: 2 } }),
    field('titre_identite', 'Pièce d’identité'),
    field('dossier_link', 'Dossier lié'),
    field('annuaire_education', 'Établissement scolaire'),
    field('cnaf', 'Quotient familial'),
    field('dgfip', 'Avis d’imposition'),
    field('pole_emploi', 'Identifiant France Travail'),
    field('mesri', 'Statut étudiant'),
    field('referentiel', 'Référentiel des associations', { options: { referentielId: 'associations' } }),
  ];
  const byLabel = (label: string): Field => {
    const found = fields.find((field) => field.label === label);
    if (!found) throw new Error(`no field ${label}`);
    return found;
  };
  return { fields, byLabel, hasChildren, children, childName, childAge, childSchool, departement, rhoneOnly, status };
}

type Form = ReturnType<typeof everyTypeForm>;

/** Valid values for every field of the form (files uploaded for the dossier first). */
async function completeValues(usager: ApiClient, dossierId: string, form: Form): Promise<Record<string, unknown>> {
  const proof = await upload(usager, dossierId, aPdf('Facture'), 'facture.pdf', 'application/pdf');
  const identity = await upload(usager, dossierId, aPdf('Carte d’identité'), 'identite.pdf', 'application/pdf');
  const id = (label: string): string => form.byLabel(label).stableId;
  const square = [[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]];
  return {
    [id('Civilité')]: 'Mme',
    [id('Adresse électronique')]: 'amelie.durand@example.fr',
    [id('Téléphone')]: '06 12 34 56 78',
    [id('Adresse postale')]: '20 avenue de Ségur 75007 Paris',
    [id('Commune')]: '69123',
    [id('Département de résidence')]: '69',
    [id('Précisions pour le Rhône')]: 'Résidence principale à Lyon.',
    [id('Région')]: '84',
    [id('Intercommunalité')]: '200046977',
    [id('Pays de naissance')]: 'FR',
    [id('Parcelle')]: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [square] }, properties: {} }] },
    [id('SIRET de l’employeur')]: '13002526500013',
    [id('Numéro RNA')]: 'W751234567',
    [id('Numéro RNF')]: '075-FDD-00003-01',
    [id('IBAN')]: 'FR76 3000 6000 0112 3456 7890 189',
    [id('Nom')]: 'Durand',
    [id('Motivation')]: 'Demande d’aide pour la rentrée scolaire.',
    [id('Nombre de personnes')]: 3,
    [id('Revenu mensuel')]: 1850.5,
    [id('Immatriculation')]: 'AB-123-CD',
    [id('Date de naissance')]: '1985-06-15',
    [id('Rendez-vous souhaité')]: '2026-12-14T10:30',
    [id('J’atteste sur l’honneur')]: true,
    [form.hasChildren.stableId]: true,
    [form.children.stableId]: {
      rows: [
        { rowId: '6f1d3c0e-8f8a-4d63-9f57-2a7c1c9a0001', values: { [form.childName.stableId]: 'Léa', [form.childAge.stableId]: 7, [form.childSchool.stableId]: 'École Jean-Jaurès' } },
        // Under 3: the row's own condition hides the school, so its value is not kept.
        { rowId: '6f1d3c0e-8f8a-4d63-9f57-2a7c1c9a0002', values: { [form.childName.stableId]: 'Tom', [form.childAge.stableId]: 1, [form.childSchool.stableId]: 'Crèche' } },
      ],
    },
    [id('Statut')]: 'Intermittent du spectacle',
    [id('Moyens de transport')]: ['Vélo', 'Bus'],
    [id('Catégorie')]: { primary: 'Fruits', secondary: 'Poire' },
    [id('Justificatif de domicile')]: [proof],
    [id('Pièce d’identité')]: [identity],
    [id('Dossier lié')]: 1,
    [id('Établissement scolaire')]: '0750001A',
    [id('Quotient familial')]: { numeroAllocataire: '1234567', codePostal: '69001' },
    [id('Avis d’imposition')]: { numeroFiscal: '1234567890123', referenceAvis: '12AB34CD56EF7' },
    [id('Identifiant France Travail')]: '12345678',
    [id('Statut étudiant')]: '1234567890A',
    [id('Référentiel des associations')]: 'ASSO-42',
  };
}

describe('an administrateur builds a form with every field type, publishes, edits, republishes', () => {
  let tenant: TenantAgents;
  let usager: ApiClient;
  let form: Form;
  let procedure: ProcedureDto;
  let draftDossier: DossierDto;
  let submittedDossier: DossierDto;
  let filledValues: Record<string, unknown>;

  beforeAll(async () => {
    tenant = await aTenantWithAgents();
    usager = (await signUp()).client;
    form = everyTypeForm();
  });

  it('saves a form holding every type of the catalogue, with conditions and a repeatable block, and publishes it', async () => {
    const created = await tenant.admin.post<ProcedureDto>('/api/admin/procedures', aProcedure({ title: 'Aide à la rentrée scolaire' }));
    expect(created.status).toBe(201);
    const saved = await tenant.admin.patch<ProcedureDto>(`/api/admin/procedures/${created.body.id}`, { fields: form.fields });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const types = new Set(saved.body.draftRevision.fields.flatMap((field) => [field.type, ...(field.children ?? []).map((child) => child.type)]));
    expect([...types].sort()).toEqual([...formFieldTypes].sort());

    const published = await tenant.admin.post<ProcedureDto>(`/api/admin/procedures/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.state).toBe('publiee');
    expect(published.body.publishedRevision?.fields).toEqual(saved.body.draftRevision.fields);
    procedure = published.body;
    // A usager sees the published form as it was built.
    const publicForm = await usager.get<{ fields: Field[] }>(`/api/public/procedures/${procedure.path}`);
    expect(publicForm.status).toBe(200);
    expect(publicForm.body.fields.map((field) => field.stableId)).toEqual(form.fields.map((field) => field.stableId));
  });

  it('refuses a condition on a later field, precisely, and keeps the published form unchanged', async () => {
    const [first, second] = form.fields.slice(2, 4);
    if (!first || !second) throw new Error('form too short');
    const forward = [{ ...first, condition: { kind: 'comparison', field: second.stableId, operator: 'not_empty' } }, ...form.fields.filter((field) => field !== first)];
    const refused = await tenant.admin.patch<ErrorBody>(`/api/admin/procedures/${procedure.id}`, { fields: forward });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(refused.body.error.fields ?? {}).some((path) => path.startsWith('fields.0.condition')), JSON.stringify(refused.body)).toBe(true);
    const unchanged = await tenant.admin.get<ProcedureDto>(`/api/admin/procedures/${procedure.id}`);
    expect(unchanged.body.draftRevision.fields).toEqual(procedure.draftRevision.fields);
  });

  it('a usager fills every field; hidden fields are neither required nor stored; the dossier is submitted and routed', async () => {
    const started = await usager.post<DossierDto>('/api/dossiers', { procedureId: procedure.id });
    expect(started.status).toBe(201);
    const values = await completeValues(usager, started.body.id, form);
    const saved = await usager.patch<DossierDto>(`/api/dossiers/${started.body.id}/values`, { values });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const rows = (saved.body.values[form.children.stableId] as { rows: { values: Record<string, unknown> }[] }).rows;
    expect(rows.map((row) => row.values[form.childSchool.stableId])).toEqual(['École Jean-Jaurès', undefined]);
    expect(saved.body.values[form.byLabel('Moyens de transport').stableId]).toEqual(['Bus', 'Vélo']);
    expect(saved.body.values[form.byLabel('IBAN').stableId]).toBe('FR7630006000011234567890189');
    filledValues = saved.body.values;

    // Outside the Rhône, the Rhône-only field is hidden: not required, and its value is dropped.
    const elsewhere = await usager.patch<DossierDto>(`/api/dossiers/${started.body.id}/values`, { values: { ...values, [form.departement.stableId]: '75', [form.byLabel('Commune').stableId]: '75056' } });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body.values[form.rhoneOnly.stableId]).toBeUndefined();
    const submitted = await usager.post<DossierDto>(`/api/dossiers/${started.body.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.state).toBe('en_construction');
    expect(submitted.body.groupeInstructeur?.label).toBeTruthy();
    submittedDossier = submitted.body;

    // A second dossier stays a brouillon, with everything filled in Lyon.
    const draft = await usager.post<DossierDto>('/api/dossiers', { procedureId: procedure.id });
    const draftValues = await completeValues(usager, draft.body.id, form);
    const draftSaved = await usager.patch<DossierDto>(`/api/dossiers/${draft.body.id}/values`, { values: draftValues });
    expect(draftSaved.status).toBe(200);
    draftDossier = draftSaved.body;
  });

  it('refuses an incomplete dossier with French field-level messages', async () => {
    const started = await usager.post<DossierDto>('/api/dossiers', { procedureId: procedure.id });
    const partial = await usager.patch(`/api/dossiers/${started.body.id}/values`, { values: { [form.byLabel('IBAN').stableId]: 'FR76 3000 6000 0112 3456 7890 188' } });
    expect(partial.status).toBe(422);
    const submitted = await usager.post<ErrorBody>(`/api/dossiers/${started.body.id}/submit`);
    expect(submitted.status).toBe(422);
    const errors = Object.entries(submitted.body.error.fields ?? {});
    expect(errors.find(([path]) => path.includes(form.byLabel('Nom').stableId))?.[1]).toMatch(/obligatoire/i);
    // Without children declared, the repeatable block is hidden: never reported missing.
    expect(errors.some(([path]) => path.includes(form.children.stableId))).toBe(false);
  });

  it('editing the published procedure edits the draft; republishing moves undecided dossiers, values kept by stable id', async () => {
    const removed = form.byLabel('Numéro RNF');
    const added = optional('text', 'Profession');
    const nextFields = form.fields.filter((field) => field !== removed).map((field) => (field === form.status ? { ...field, label: 'Situation professionnelle' } : field));
    nextFields.splice(5, 0, added);
    const edited = await tenant.admin.patch<ProcedureDto>(`/api/admin/procedures/${procedure.id}`, { fields: nextFields });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    // The usagers still see the published revision until the draft is published.
    expect(edited.body.publishedRevision?.id).toBe(procedure.publishedRevision?.id);
    expect(edited.body.publishedRevision?.fields.some((field) => field.stableId === removed.stableId)).toBe(true);

    const republished = await tenant.admin.post<ProcedureDto>(`/api/admin/procedures/${procedure.id}/publish`);
    expect(republished.status).toBe(200);
    const nextRevision = republished.body.publishedRevision?.id;
    expect(nextRevision).toBeDefined();
    expect(nextRevision).not.toBe(procedure.publishedRevision?.id);

    for (const dossier of [draftDossier, submittedDossier]) {
      const moved = await waitFor(
        async () => {
          const read = await usager.get<DossierDto>(`/api/dossiers/${dossier.id}`);
          return read.body.revisionId === nextRevision ? read.body : undefined;
        },
        { description: `dossier ${dossier.number} on the new revision`, timeoutMs: 20_000 },
      );
      const expected = { ...dossier.values };
      delete expected[removed.stableId];
      expect(moved.values).toEqual(expected);
      expect(moved.state).toBe(dossier.state);
    }
    expect(draftDossier.values).toMatchObject({ [removed.stableId]: filledValues[removed.stableId] });

    // The moved brouillon is completed on the new form and submitted.
    const submitted = await usager.post<DossierDto>(`/api/dossiers/${draftDossier.id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.revisionId).toBe(nextRevision);
  });

  it('another tenant clones the procedure from the catalogue of models; the clone is independent', async () => {
    const shared = await tenant.admin.put<{ procedureId: string; fieldCount: number }>(`/api/admin/procedures/${procedure.id}/model`, { description: 'Formulaire complet, éprouvé en 2026.' });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    expect(shared.body.fieldCount).toBe(form.fields.length); // one removed, one added by the republication

    const other = await aTenantWithAgents();
    const catalogue = await other.admin.get<{ items: { procedureId: string; title: string }[] }>('/api/admin/models?q=rentr%C3%A9e&limit=100');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.items.map((item) => item.procedureId)).toContain(procedure.id);
    // Not shared, not visible: another tenant's procedure is not found, whatever its id.
    expect((await other.admin.get(`/api/admin/procedures/${procedure.id}`)).status).toBe(404);

    // The model is what is published now (the republished revision).
    const published = (await tenant.admin.get<ProcedureDto>(`/api/admin/procedures/${procedure.id}`)).body.publishedRevision?.fields ?? [];
    const path = `copie-${Date.now().toString(36)}`;
    const cloned = await other.admin.post<ProcedureDto & { tenantId: string }>(`/api/admin/procedures/${procedure.id}/clone`, { path, title: 'Aide à la rentrée (copie)', parts: { fields: true, templates: true, groups: true, settings: true } });
    expect(cloned.status, JSON.stringify(cloned.body)).toBe(201);
    expect(cloned.body).toMatchObject({ tenantId: other.tenant.id, state: 'brouillon', path, publishedRevision: null });
    const sourceIds = new Set(published.flatMap((field) => [field.stableId, ...(field.children ?? []).map((child) => child.stableId)]));
    const cloneFields = cloned.body.draftRevision.fields;
    expect(cloneFields.map((field) => field.label)).toEqual(published.map((field) => field.label));
    expect(cloneFields.flatMap((field) => [field.stableId, ...(field.children ?? []).map((child) => child.stableId)]).some((id) => sourceIds.has(id))).toBe(false);

    // The clone is edited and published by its tenant; the source does not move.
    const edited = await other.admin.patch<ProcedureDto>(`/api/admin/procedures/${cloned.body.id}`, { fields: cloneFields.filter((field) => field.label !== 'Numéro RNA') });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await other.admin.post(`/api/admin/procedures/${cloned.body.id}/publish`)).status).toBe(200);
    const source = await tenant.admin.get<ProcedureDto>(`/api/admin/procedures/${procedure.id}`);
    expect(source.body.publishedRevision?.fields.some((field) => field.label === 'Numéro RNA')).toBe(true);
    expect((await tenant.admin.get(`/api/admin/procedures/${cloned.body.id}`)).status).toBe(404);

    // Withdrawn from the catalogue, it cannot be cloned again by another tenant.
    expect((await tenant.admin.delete(`/api/admin/procedures/${procedure.id}/model`)).status).toBe(200);
    expect((await other.admin.post(`/api/admin/procedures/${procedure.id}/clone`, { path: `${path}-bis` })).status).toBe(404);
  });
});
