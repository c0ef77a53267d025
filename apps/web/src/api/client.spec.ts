import { type DashboardPreferences } from '@guichet/contracts';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, clientErrorCodes, createApiClient, justificatifDownloadPath, messages, splitFieldErrors, toApiError } from './client';

type Call = { url: string; init: RequestInit | undefined };

/** A fetch that records its calls and answers with the given responses, in order. */
function fakeFetch(...responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (next === undefined) throw new Error('unexpected call');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetch, calls };
}

/** Ids as the services give them (the contracts' schemas require uuids). */
const ids = {
  procedure: '0b7e4f4e-7c55-4f3e-9a35-2f6f0c1e1a01',
  procedure2: '0b7e4f4e-7c55-4f3e-9a35-2f6f0c1e1a02',
  tenant: '1c8f5a5f-8d66-4a4f-8b46-3a7a1d2f2b01',
  revision: '2d9a6b6a-9e77-4b5a-9c57-4b8b2e3a3c01',
  dossier: '3eab7c7b-af88-4c6b-8d68-5c9c3f4b4d01',
  account: '4fbc8d8c-b099-4d7c-9e79-6dad4a5c5e01',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const account = { id: 'a1', email: 'camille@example.fr', firstName: 'Camille', lastName: 'Martin', roles: ['usager'] };

describe('toApiError', () => {
  it("reprend le code, le message, les champs et l'identifiant de l'enveloppe d'erreur", () => {
    const error = toApiError(422, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Certains champs sont invalides.',
        fields: { password: 'Le mot de passe doit contenir au moins 12 caractères.' },
        errorId: 'err-42',
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'Certains champs sont invalides.',
      fields: { password: 'Le mot de passe doit contenir au moins 12 caractères.' },
      errorId: 'err-42',
    });
  });

  it('donne un message français quand la réponse n’a pas d’enveloppe', () => {
    expect(toApiError(502, '<html>Bad Gateway</html>')).toMatchObject({ status: 502, code: clientErrorCodes.http, message: messages.unavailable });
    expect(toApiError(500, undefined)).toMatchObject({ status: 500, code: clientErrorCodes.http, message: messages.unexpected });
    expect(toApiError(400, { error: 'Bad Request' }).message).toBe(messages.unexpected);
  });
});

describe('splitFieldErrors', () => {
  it('range les erreurs par champ du formulaire, sur le dernier segment du chemin', () => {
    const error = new ApiError(422, 'VALIDATION_FAILED', 'Certains champs sont invalides.', {
      'body.password': 'Trop court.',
      email: 'Adresse invalide.',
      captcha: 'Vérification échouée.',
    });
    expect(splitFieldErrors(error, ['email', 'password', 'firstName'] as const)).toEqual({
      byField: { password: 'Trop court.', email: 'Adresse invalide.' },
      others: ['Vérification échouée.'],
    });
  });
});

describe('createApiClient', () => {
  it('envoie du JSON avec les cookies de même origine et renvoie le compte', async () => {
    const { fetch, calls } = fakeFetch(json(200, { account }));
    const api = createApiClient({ fetch });

    await expect(api.signIn({ email: 'camille@example.fr', password: 'secret' })).resolves.toEqual(account);

    const [call] = calls;
    expect(call?.url).toBe('/api/auth/signin');
    expect(call?.init?.method).toBe('POST');
    expect(call?.init?.credentials).toBe('same-origin');
    expect(call?.init?.headers).toMatchObject({ 'Content-Type': 'application/json', Accept: 'application/json' });
    expect(JSON.parse(String(call?.init?.body))).toEqual({ email: 'camille@example.fr', password: 'secret' });
  });

  it('lève une ApiError portant le message français de la passerelle', async () => {
    const { fetch } = fakeFetch(json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'Adresse électronique ou mot de passe incorrect.' } }));
    const api = createApiClient({ fetch });

    const error = await api.signIn({ email: 'camille@example.fr', password: 'faux' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: 'Adresse électronique ou mot de passe incorrect.', fields: {} });
  });

  it('expose les erreurs de champ de l’inscription', async () => {
    const { fetch } = fakeFetch(
      json(422, { error: { code: 'VALIDATION_FAILED', message: 'Certains champs sont invalides.', fields: { password: '12 caractères minimum.' } } }),
    );
    const api = createApiClient({ fetch });

    const error = await api.signUp({ email: 'a@b.fr', password: 'court', firstName: 'A', lastName: 'B' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 422, fields: { password: '12 caractères minimum.' } });
  });

  it('traduit une panne réseau en erreur française de statut 0', async () => {
    const { fetch } = fakeFetch(new TypeError('Failed to fetch'));
    const api = createApiClient({ fetch });

    await expect(api.listPublishedProcedures()).rejects.toMatchObject({ status: 0, code: clientErrorCodes.network, message: messages.network });
  });

  it('renvoie null pour /api/me sans session, et le compte sinon', async () => {
    const { fetch } = fakeFetch(json(401, { error: { code: 'UNAUTHENTICATED', message: 'Vous devez être connecté.' } }), json(200, { account }));
    const api = createApiClient({ fetch });

    await expect(api.me()).resolves.toBeNull();
    await expect(api.me()).resolves.toEqual(account);
  });

  it('accepte la réponse 204 de la déconnexion', async () => {
    const { fetch, calls } = fakeFetch(new Response(null, { status: 204 }));
    await expect(createApiClient({ fetch }).signOut()).resolves.toBeUndefined();
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBeUndefined();
  });

  it('refuse une réponse qui ne suit pas le contrat', async () => {
    const { fetch } = fakeFetch(json(200, { items: [{ id: 'd1', number: '12', state: 'inconnu' }] }));
    const api = createApiClient({ fetch });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});

    await expect(api.listMyDossiers()).rejects.toMatchObject({ code: clientErrorCodes.badResponse, message: messages.badResponse });
    spy.mockRestore();
  });

  it('lit les démarches publiées', async () => {
    const procedure = {
      id: ids.procedure,
      path: 'subvention',
      title: 'Demande de subvention',
      description: 'Pour les associations.',
      tenant: { id: ids.tenant, name: 'Mairie de Villeneuve' },
      closesAt: null,
    };
    const { fetch, calls } = fakeFetch(json(200, { items: [procedure] }));

    await expect(createApiClient({ fetch, baseUrl: 'http://localhost:3000' }).listPublishedProcedures()).resolves.toEqual([procedure]);
    expect(calls[0]?.url).toBe('http://localhost:3000/api/public/procedures');
    expect(calls[0]?.init?.method).toBe('GET');
  });
});

describe('démarches de l’administrateur', () => {
  const field = { stableId: '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a3d', type: 'integer_number', label: 'Montant', description: '', mandatory: false, options: { min: 1, max: 5 } };
  const revision = { id: ids.revision, procedureId: ids.procedure, tenantId: ids.tenant, fields: [field], annotations: [], publishedAt: null };
  const mailTemplate = { subject: 'Votre dossier', body: 'Bonjour.' };
  const mailTemplates = Object.fromEntries(['initiated', 'received', 'closed', 'refused', 'without_continuation', 're_instructed'].map((kind) => [kind, mailTemplate]));
  const procedure = {
    id: ids.procedure,
    tenantId: ids.tenant,
    tenantName: 'Mairie',
    path: 'subvention',
    title: 'Subvention',
    description: '',
    state: 'brouillon',
    draftRevision: revision,
    publishedRevision: null,
    mailTemplates,
    attestationTemplates: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    publishedAt: null,
    closesAt: null,
  };

  it('enregistre les champs de la révision brouillon par PATCH et lit la démarche rendue', async () => {
    const { fetch, calls } = fakeFetch(json(200, procedure));
    const saved = await createApiClient({ fetch }).updateDraft(ids.procedure, { fields: [field as never] });

    expect(calls[0]?.url).toBe(`/api/admin/procedures/${ids.procedure}`);
    expect(calls[0]?.init?.method).toBe('PATCH');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ fields: [field] });
    expect(saved.draftRevision.fields).toEqual([field]);
    // The whole procedure, as the contract declares it (one resource for every admin page).
    expect(saved.mailTemplates.received).toEqual(mailTemplate);
    expect(saved.settings.retentionMonths).toBe(12);
  });

  it('rend les erreurs de champ du service avec leur chemin', async () => {
    const { fetch } = fakeFetch(
      json(422, { error: { code: 'VALIDATION_FAILED', message: 'Le formulaire contient des erreurs.', fields: { 'fields.0.options.max': 'Le maximum doit être supérieur ou égal au minimum.' } } }),
    );
    const error = await createApiClient({ fetch })
      .updateDraft('p1', { fields: [] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 422, fields: { 'fields.0.options.max': 'Le maximum doit être supérieur ou égal au minimum.' } });
  });

  it('refuse une démarche dont un champ a un type inconnu', async () => {
    const { fetch } = fakeFetch(json(200, { items: [{ ...procedure, draftRevision: { ...revision, fields: [{ ...field, type: 'inconnu' }] } }] }));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(createApiClient({ fetch }).listAdminProcedures()).rejects.toMatchObject({ code: clientErrorCodes.badResponse });
    spy.mockRestore();
  });
});

describe('dossiers de l’usager', () => {
  const dossier = {
    id: ids.dossier,
    number: 12,
    tenantId: ids.tenant,
    procedureId: ids.procedure,
    procedureTitle: 'Subvention',
    revisionId: ids.revision,
    usager: { accountId: ids.account, email: 'camille@example.fr', firstName: 'Camille', lastName: 'Martin' },
    traitements: [],
    state: 'brouillon',
    test: true,
    values: { nom: 'Les Amis' },
    correctionPending: false,
    motivation: null,
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    submittedAt: null,
    decidedAt: null,
  };

  it('crée un dossier de test en le demandant explicitement, et un dossier ordinaire sans le drapeau', async () => {
    const { fetch, calls } = fakeFetch(json(201, dossier), json(201, { ...dossier, test: false }));
    const client = createApiClient({ fetch });
    expect((await client.createDossier(ids.procedure, { test: true })).test).toBe(true);
    expect((await client.createDossier(ids.procedure)).test).toBe(false);
    expect(calls.map((call) => [call.init?.method, call.url, call.init?.body])).toEqual([
      ['POST', '/api/dossiers', JSON.stringify({ procedureId: ids.procedure, test: true })],
      ['POST', '/api/dossiers', JSON.stringify({ procedureId: ids.procedure })],
    ]);
  });

  it('décide avec un justificatif déjà déposé ; un justificatif refusé garde son champ ; le lien de téléchargement suit le dossier', async () => {
    const fileId = '5acd9e9d-c1aa-4e8d-8f8a-7ebe5b6d6f01';
    const justificatif = { fileId, fileName: 'arrete.pdf' };
    const refusal = 'Ce fichier a été déposé sur un autre dossier : déposez le justificatif sur ce dossier.';
    const { fetch, calls } = fakeFetch(
      json(200, { ...dossier, state: 'accepte', justificatif, traitements: [] }),
      json(422, { error: { code: 'VALIDATION_FAILED', message: refusal, fields: { justificatifFileId: refusal } } }),
    );
    const client = createApiClient({ fetch });
    const decided = await client.transitionDossier(ids.dossier, 'accepter', { motivation: 'Conforme.', seenUpdatedAt: dossier.updatedAt, justificatifFileId: fileId });
    expect(decided.justificatif).toEqual(justificatif);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ event: 'accepter', motivation: 'Conforme.', seenUpdatedAt: dossier.updatedAt, justificatifFileId: fileId });
    expect(calls[0]?.url).toBe(`/api/instructeur/dossiers/${ids.dossier}/transitions`);
    await expect(client.transitionDossier(ids.dossier, 'refuser', { motivation: 'Non.', justificatifFileId: fileId })).rejects.toMatchObject({ status: 422, fields: { justificatifFileId: refusal } });
    expect(justificatifDownloadPath(ids.dossier)).toBe(`/api/dossiers/${ids.dossier}/justificatif`);
  });

  it('enregistre les valeurs et rend les avertissements ; une erreur 422 garde ses champs', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, { ...dossier, warnings: { 'values.siret': 'Le répertoire ne répond pas : le numéro sera vérifié plus tard.' } }),
      json(422, { error: { code: 'VALIDATION_FAILED', message: 'Le dossier est incomplet.', fields: { 'values.nom': 'Ce champ est obligatoire.' } } }),
    );
    const client = createApiClient({ fetch });
    expect((await client.saveDossierValues(ids.dossier, { siret: '123' })).warnings).toEqual({ 'values.siret': 'Le répertoire ne répond pas : le numéro sera vérifié plus tard.' });
    await expect(client.submitDossier(ids.dossier)).rejects.toMatchObject({ status: 422, fields: { 'values.nom': 'Ce champ est obligatoire.' } });
    expect(calls.map((call) => [call.init?.method, call.url])).toEqual([
      ['PATCH', `/api/dossiers/${ids.dossier}/values`],
      ['POST', `/api/dossiers/${ids.dossier}/submit`],
    ]);
    expect(calls[0]?.init?.body).toBe(JSON.stringify({ values: { siret: '123' } }));
  });

  it('lit une démarche publique ouverte ou close selon son état', async () => {
    const closed = { state: 'close', id: ids.procedure2, path: 'ancienne', title: 'Ancienne', tenant: { id: ids.tenant, name: 'Préfecture' }, closure: { reason: 'autre_demarche', details: null, replacementPath: 'nouvelle', closedAt: '2026-11-28T10:00:00.000Z' } };
    const { fetch, calls } = fakeFetch(json(200, closed));
    const read = await createApiClient({ fetch }).getPublicProcedure('ancienne');
    expect(read.state === 'close' && read.closure.replacementPath).toBe('nouvelle');
    expect(calls[0]?.url).toBe('/api/public/procedures/ancienne');
  });
});

describe('tableau de bord de l’instructeur', () => {
  const stableId = '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a3d';
  const emptyPage = { items: [], nextCursor: null };

  it('envoie la recherche, les filtres (JSON), les colonnes de champs et le curseur dans la requête', async () => {
    const { fetch, calls } = fakeFetch(json(200, emptyPage), json(200, emptyPage));
    const api = createApiClient({ fetch });
    const filters = [{ column: 'field' as const, stableId, match: { op: 'equals' as const, values: ['Sport'] } }];

    await api.getDashboardPage(ids.procedure, { tab: 'tous', column: `champ:${stableId}`, direction: 'asc', filters, search: ' dupont ', fieldColumns: [stableId, ids.account], after: 'c1', limit: 50 });
    const url = new URL(calls[0]?.url ?? '', 'http://localhost');
    expect(url.pathname).toBe(`/api/instructeur/procedures/${ids.procedure}/tableau`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ onglet: 'tous', tri: `champ:${stableId}`, ordre: 'asc', filtres: JSON.stringify(filters), q: 'dupont', champs: `${stableId},${ids.account}`, after: 'c1', limit: '50' });

    // Nothing to narrow: no filtres, q or champs at all.
    await api.getDashboardPage(ids.procedure, { tab: 'a-suivre', column: 'number', direction: 'desc', filters: [], search: '  ', fieldColumns: [] });
    expect(calls[1]?.url).toBe(`/api/instructeur/procedures/${ids.procedure}/tableau?onglet=a-suivre&tri=number&ordre=desc`);
  });

  it('charge toutes les pages des groupes du filtre par groupe, dans l’ordre des noms', async () => {
    const est = { id: ids.account, label: 'Est' };
    const ouest = { id: ids.dossier, label: 'Ouest' };
    const { fetch, calls } = fakeFetch(json(200, { items: [est], next: 'suite/1' }), json(200, { items: [ouest], next: null }));
    await expect(createApiClient({ fetch }).listDashboardGroups(ids.procedure)).resolves.toEqual([est, ouest]);
    expect(calls.map((call) => call.url)).toEqual([`/api/instructeur/procedures/${ids.procedure}/tableau/groupes`, `/api/instructeur/procedures/${ids.procedure}/tableau/groupes?after=suite%2F1`]);
  });

  it('lit et enregistre les préférences (PUT), et rend les erreurs de champ du tableau telles que la requête les nomme', async () => {
    const preferences: DashboardPreferences = { columns: ['usager', `champ:${stableId}`], filters: [], sort: { column: 'number', direction: 'desc' } };
    const read = { fields: [{ stableId, label: 'Type', type: 'drop_down_list', ops: ['equals'], sortable: true, choices: ['Sport'] }], preferences, saved: true };
    const { fetch, calls } = fakeFetch(
      json(200, read),
      json(200, read),
      json(422, { error: { code: 'VALIDATION_FAILED', message: 'Cette date n’existe pas.', fields: { 'filtres.0.from': 'Cette date n’existe pas.' } } }),
    );
    const api = createApiClient({ fetch });

    await expect(api.getDashboardPreferences(ids.procedure)).resolves.toEqual(read);
    await expect(api.saveDashboardPreferences(ids.procedure, preferences)).resolves.toEqual(read);
    expect(calls[1]?.url).toBe(`/api/instructeur/procedures/${ids.procedure}/preferences`);
    expect(calls[1]?.init?.method).toBe('PUT');
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual(preferences);
    await expect(api.getDashboardPage(ids.procedure, { tab: 'tous', column: 'number', direction: 'desc' })).rejects.toMatchObject({ status: 422, fields: { 'filtres.0.from': 'Cette date n’existe pas.' } });
  });
});
