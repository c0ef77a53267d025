import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { administrateur, type CreatedProcedure, createProcedure, demoPassword, description, signIn, testField, textOf } from './builder-helpers';
import { freshEmail, open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
const password = 'un mot de passe solide 2025';
/** The justificatif joined to the acceptance: a small PDF, downloaded back byte for byte. */
const arrete = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** The demo instructeur (tools/seed/seed.ts): already an instructeur of the demo administration, so joining a group counts at once. */
const instructeur = 'instructeur@demo.guichet.local';

type FiledDossier = { procedure: CreatedProcedure; dossierId: string; number: number; usagerEmail: string };

async function signInThroughApi(context: BrowserContext, email: string, secret = demoPassword): Promise<void> {
  const response = await context.request.post('/api/auth/signin', { data: { email, password: secret } });
  expect(response.status()).toBe(200);
}

async function signOutThroughApi(context: BrowserContext): Promise<void> {
  expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);
}

/** The private annotation of the procedures filed on: mandatory, so accepting waits for it. */
const grantedAmount = testField('integer_number', 'Montant accordé', { mandatory: true, options: { min: 0, max: 100_000 } });

/**
 * The administrateur publishes a procedure (with one mandatory private annotation) and puts the demo
 * instructeur in its default group; a new usager files a dossier on it. Everything through the
 * API; the context ends signed out.
 */
async function fileDossier(context: BrowserContext, name: string): Promise<FiledDossier> {
  await signInThroughApi(context, administrateur);
  const projectName = testField('text', 'Nom du projet', { mandatory: true });
  const procedure = await createProcedure(context, name, [projectName], { publish: true, annotations: [grantedAmount] });
  const groups = await context.request.get(`/api/admin/procedures/${procedure.id}/groups`);
  expect(groups.status()).toBe(200);
  const defaultGroup = ((await groups.json()) as { items: { id: string; isDefault: boolean }[] }).items.find((group) => group.isDefault);
  if (defaultGroup === undefined) throw new Error('the procedure has no default group');
  const added = await context.request.post(`/api/admin/procedures/${procedure.id}/groups/${defaultGroup.id}/members`, { data: { members: [{ email: instructeur }] } });
  expect(added.status()).toBeLessThan(300);
  await signOutThroughApi(context);

  const usagerEmail = freshEmail('demandeur');
  const signUp = await context.request.post('/api/auth/signup', { data: { email: usagerEmail, password, firstName: 'Camille', lastName: 'Demandeuse' } });
  expect(signUp.status()).toBe(201);
  const created = await context.request.post('/api/dossiers', { data: { procedureId: procedure.id } });
  expect(created.status()).toBe(201);
  const { id: dossierId, number } = (await created.json()) as { id: string; number: number };
  expect((await context.request.patch(`/api/dossiers/${dossierId}/values`, { data: { values: { [projectName.stableId]: 'Jardin partagé' } } })).status()).toBe(200);
  expect((await context.request.post(`/api/dossiers/${dossierId}/submit`)).status()).toBe(200);
  await signOutThroughApi(context);
  return { procedure, dossierId, number, usagerEmail };
}

/** The count shown in a tab's link, e.g. « Suivis par moi (1) ». */
function tab(page: Page, label: string) {
  return page.getByRole('navigation', { name: 'Onglets des dossiers' }).getByRole('link', { name: new RegExp(`^${label} \\(`) });
}

function row(page: Page, number: number) {
  return page.locator('main tbody tr', { hasText: `N° ${number}` });
}

/** Back to the procedure's dashboard on a tab, waiting for its list. */
async function openTab(page: Page, procedure: CreatedProcedure, label: string, count: number): Promise<void> {
  await page.locator('main .fr-breadcrumb').getByRole('link', { name: procedure.title }).click();
  await waitForHeading(page, procedure.title);
  await tab(page, label).click();
  await expect.poll(() => tab(page, label).getAttribute('aria-current')).toBe('page');
  await expect.poll(async () => textOf(tab(page, label)), { timeout: 15_000 }).toBe(`${label} (${count})`);
  await settled(page);
}

describe('espace instructeur', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('un instructeur suit, instruit, accepte avec un justificatif et archive un dossier de son groupe ; l’usager voit la décision et télécharge le justificatif', async () => {
    const { procedure, dossierId, number, usagerEmail } = await fileDossier(context, 'Instruction');

    // The instructeur's dashboard: the procedure with its counts.
    await signIn(page, instructeur);
    await page.getByRole('banner').getByRole('link', { name: 'Tableau de bord' }).first().click();
    await waitForHeading(page, 'Mes démarches à instruire');
    await settled(page);
    const procedureRow = page.locator('main tbody tr', { hasText: procedure.title });
    await procedureRow.getByRole('link', { name: `1 – À suivre, ${procedure.title}` }).waitFor();
    await procedureRow.getByRole('link', { name: `0 – Suivis par moi, ${procedure.title}` }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await procedureRow.getByRole('link', { name: procedure.title, exact: true }).click();

    // « À suivre »: the dossier, no one follows it yet.
    await waitForHeading(page, procedure.title);
    await settled(page);
    expect(await tab(page, 'À suivre').getAttribute('aria-current')).toBe('page');
    expect(await textOf(tab(page, 'À suivre'))).toBe('À suivre (1)');
    expect(await textOf(row(page, number))).toContain('En construction');
    expect(await textOf(row(page, number))).toContain('Camille Demandeuse');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Sorting lives in the URL: a reload keeps it.
    const numberHeader = page.locator('main th', { has: page.getByRole('button', { name: 'N°' }) });
    expect(await numberHeader.getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('button', { name: 'N°', exact: true }).click();
    await expect.poll(() => numberHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(new URL(page.url()).searchParams.get('ordre')).toBe('asc');
    await page.reload();
    await settled(page);
    expect(await numberHeader.getAttribute('aria-sort')).toBe('ascending');

    // The dossier page: follow it.
    await row(page, number).getByRole('link', { name: `N° ${number}` }).click();
    await waitForHeading(page, `Dossier N° ${number}`);
    await settled(page);
    await page.getByRole('heading', { name: 'Réponses du demandeur' }).waitFor();
    expect(await textOf(page.locator('main dl', { hasText: 'Nom du projet' }))).toContain('Jardin partagé');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Suivre le dossier' }).click();
    await page.getByRole('button', { name: 'Ne plus suivre' }).waitFor();
    expect(await textOf(page.locator('main dd', { hasText: instructeur }))).toContain(`${instructeur} (vous)`);

    // It moved to « Suivis par moi ».
    await openTab(page, procedure, 'Suivis par moi', 1);
    expect(await textOf(tab(page, 'À suivre'))).toBe('À suivre (0)');
    await row(page, number).getByRole('link', { name: `N° ${number}` }).click();
    await waitForHeading(page, `Dossier N° ${number}`);
    await settled(page);

    // Into instruction, then a refusal without motivation is stopped at the field.
    await page.getByRole('button', { name: 'Passer en instruction' }).click();
    await page.getByText('Le dossier est passé en instruction.').waitFor();
    expect(await textOf(page.locator('main .fr-badge').first())).toBe('En instruction');
    await page.getByRole('button', { name: 'Refuser', exact: true }).click();
    await page.getByRole('button', { name: 'Confirmer : refuser' }).click();
    await page.getByText('Une motivation est obligatoire pour refuser un dossier.').waitFor();
    expect(await page.getByLabel('Motivation *').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Annuler' }).click();

    // Accepting offers an optional justificatif: a type it does not take is stopped at the field, in French.
    await page.getByRole('button', { name: 'Accepter', exact: true }).click();
    await page.getByLabel('Motivation (facultative)').fill('Projet conforme au règlement.');
    const justificatif = page.getByLabel('Justificatif (facultatif)');
    await justificatif.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Notes de travail') });
    await page.getByRole('button', { name: 'Confirmer : accepter' }).click();
    await page.getByText('Le fichier « notes.txt » n’est pas accepté : choisissez un PDF, une image ou un document bureautique.').waitFor();
    expect(await justificatif.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Accepting waits for the mandatory private annotation, named in the alert and under the field (the PDF is sent meanwhile).
    await justificatif.setInputFiles({ name: 'arrete-subvention.pdf', mimeType: 'application/pdf', buffer: arrete });
    expect(await justificatif.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Confirmer : accepter' }).click();
    await page.getByText(/l’annotation privée obligatoire « Montant accordé » doit d’abord être remplie/).waitFor();
    const amount = page.getByLabel('Montant accordé *');
    await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
    expect(await description(amount)).toContain('Annotation obligatoire pour accepter le dossier.');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The annotation: a wrong value is refused by the server at the field, in French; then saved.
    const saveAmount = page.getByRole('button', { name: 'Enregistrer « Montant accordé »' });
    await amount.fill('mille deux cents');
    await page.getByText('Modification non enregistrée').waitFor();
    await saveAmount.click();
    await page.getByText('L’annotation n’a pas été enregistrée : corrigez la valeur.').waitFor();
    expect(await description(amount)).not.toContain('Annotation obligatoire');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await amount.fill('1200');
    await saveAmount.click();
    await page.getByText(/^\s*Enregistré à /).waitFor();
    expect(await amount.getAttribute('aria-invalid')).toBeNull();
    await page.getByText(`par ${instructeur}.`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Accepted with a motivation and the justificatif (the decision stayed open): in the history, then in « Traités ».
    await page.getByText('Justificatif envoyé : arrete-subvention.pdf.').waitFor();
    await page.getByRole('button', { name: 'Confirmer : accepter' }).click();
    await page.getByText('Le dossier a été accepté.').waitFor();
    const agentsLink = page.getByRole('link', { name: 'Télécharger le justificatif de la décision « arrete-subvention.pdf »' });
    await agentsLink.waitFor();
    expect(await agentsLink.getAttribute('href')).toBe(`/api/dossiers/${dossierId}/justificatif`);
    // Decided: the annotation is shown, no longer edited.
    const annotationsSection = page.locator('main section', { has: page.getByRole('heading', { name: 'Annotations privées' }) });
    expect(await textOf(annotationsSection)).toContain('1200');
    expect(await annotationsSection.getByRole('button', { name: /^Enregistrer/ }).count()).toBe(0);
    expect(await textOf(page.locator('main .fr-badge').first())).toBe('Accepté');
    const history = page.locator('main section', { has: page.getByRole('heading', { name: 'Historique' }) });
    expect(await textOf(history)).toContain('Acceptation (En instruction → Accepté), par instructeur@demo.guichet.local');
    expect(await textOf(history)).toContain('Motivation : Projet conforme au règlement.');
    expect(await textOf(history)).toContain('Justificatif : arrete-subvention.pdf');
    expect(await page.getByRole('button', { name: 'Passer en instruction', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Repasser en instruction' }).waitFor();

    // A message to the usager.
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.getByText('Le message ne peut pas être vide.').waitFor();
    await page.getByLabel('Votre message').fill('Votre dossier est accepté, l’attestation suit.');
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.getByRole('list', { name: 'Messages du dossier' }).getByText('Votre dossier est accepté, l’attestation suit.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await openTab(page, procedure, 'Traités', 1);
    expect(await textOf(row(page, number))).toContain('Accepté');
    await row(page, number).getByRole('link', { name: `N° ${number}` }).click();
    await waitForHeading(page, `Dossier N° ${number}`);
    await settled(page);

    // Archived: it leaves « Traités » for « Archivés ».
    await page.getByRole('button', { name: 'Archiver' }).click();
    await page.getByRole('button', { name: 'Désarchiver' }).waitFor();
    await openTab(page, procedure, 'Archivés', 1);
    expect(await textOf(tab(page, 'Traités'))).toBe('Traités (0)');
    await row(page, number).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The usager sees the decision and its motivation.
    await signOutThroughApi(context);
    await signInThroughApi(context, usagerEmail, password);
    await open(page, `/dossiers/${dossierId}`);
    await waitForHeading(page, `Dossier N° ${number}`);
    await page.getByRole('heading', { name: 'Récapitulatif de vos réponses' }).waitFor();
    expect(await textOf(page.locator('main .fr-badge').first())).toBe('Accepté');
    await page.getByText('Projet conforme au règlement.').waitFor();
    // The justificatif of the decision, downloaded through the link with the very bytes sent.
    const usagersLink = page.getByRole('link', { name: 'Télécharger le justificatif de la décision « arrete-subvention.pdf »' });
    const downloaded = await context.request.get((await usagersLink.getAttribute('href')) ?? '');
    expect(downloaded.status()).toBe(200);
    expect(Buffer.from(await downloaded.body())).toEqual(arrete);
    // Never the private annotations.
    expect(await page.getByRole('heading', { name: 'Annotations privées' }).count()).toBe(0);
    expect(await textOf(page.locator('main'))).not.toContain('Montant accordé');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 240_000);

  it('le lien d’un courriel mène au dossier après la connexion ; un dossier inconnu est introuvable', async () => {
    const { dossierId, number } = await fileDossier(context, 'Lien courriel');

    // Signed out, the link of the e-mail goes through the sign-in page and back.
    await open(page, `/instructeur/dossiers/${dossierId}`);
    await page.waitForURL(/\/connexion\?retour=/);
    expect(new URL(page.url()).searchParams.get('retour')).toBe(`/instructeur/dossiers/${dossierId}`);
    await page.getByLabel('Adresse électronique').fill(instructeur);
    await page.getByLabel('Mot de passe', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**/instructeur/dossiers/${dossierId}`);
    await waitForHeading(page, `Dossier N° ${number}`);
    await settled(page);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Taking it into instruction makes the instructeur follow it.
    await page.getByRole('button', { name: 'Passer en instruction' }).click();
    await page.getByText('Le dossier est passé en instruction.').waitFor();
    await page.getByRole('button', { name: 'Ne plus suivre' }).waitFor();

    await open(page, '/instructeur/dossiers/00000000-0000-4000-8000-000000000000');
    await waitForHeading(page, 'Dossier introuvable');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 180_000);

  it('un administrateur voit les dossiers de ses démarches sans les instruire : ni lot, ni action, ni étiquette à cocher, ni annotation à remplir', async () => {
    const { procedure, number } = await fileDossier(context, 'Lecture administrateur');

    // The demo administrateur is no instructeur: their dashboard lists every procedure of the administration.
    await signIn(page, administrateur);
    await page.getByRole('banner').getByRole('link', { name: 'Tableau de bord' }).first().click();
    await waitForHeading(page, 'Les dossiers de mes démarches');
    await settled(page);
    const procedureRow = page.locator('main tbody tr', { hasText: procedure.title });
    await procedureRow.getByRole('link', { name: `1 – À suivre, ${procedure.title}` }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await procedureRow.getByRole('link', { name: procedure.title, exact: true }).click();

    // The procedure's dashboard: the dossier, and nothing to tick for a batch.
    await waitForHeading(page, procedure.title);
    await settled(page);
    await page.getByText('Vous consultez les dossiers en tant qu’administrateur : seuls les instructeurs de leurs groupes les instruisent.').waitFor();
    expect(await textOf(row(page, number))).toContain('En construction');
    expect(await page.locator('main table input[type="checkbox"]').count()).toBe(0);
    expect(await page.locator('main .fr-breadcrumb').getByRole('link', { name: 'Les dossiers de mes démarches' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The dossier: read only, where the API would refuse the actions.
    await row(page, number).getByRole('link', { name: `N° ${number}` }).click();
    await waitForHeading(page, `Dossier N° ${number}`);
    await settled(page);
    await page.getByText(/^Vous consultez ce dossier sans l’instruire : seuls les instructeurs de son groupe \(« Groupe par défaut »\)/).waitFor();
    await page.getByText('Seuls les instructeurs du groupe du dossier remplissent ses annotations privées.').waitFor();
    for (const name of ['Suivre le dossier', 'Passer en instruction', 'Modifier les étiquettes', 'Archiver', 'Supprimer', /^Enregistrer/]) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
    }
    expect(await textOf(page.locator('main dl', { hasText: 'Nom du projet' }))).toContain('Jardin partagé');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 180_000);
});
