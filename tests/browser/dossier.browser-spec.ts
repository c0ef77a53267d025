import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { administrateur, createProcedure, demoPassword, description, signIn, testField, textOf } from './builder-helpers';
import { freshEmail, open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
const password = 'un mot de passe solide 2025';
const mandatoryMessage = 'Ce champ est obligatoire.';

/** The demo procedure of the seed used here (tools/seed/demo-procedures.ts). */
const grant = { path: 'subvention-petites-associations', title: 'Subvention aux petites associations' };

/** A one-page PDF, enough for the documents service's magic-bytes check. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('dossier de l’usager', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('un usager commence un dossier sur une démarche publiée, le corrige, l’enregistre, le dépose et le retrouve', async () => {
    // Anonymous: the start page describes the procedure, « Commencer » asks to sign in first.
    await open(page, `/commencer/${grant.path}`);
    await waitForHeading(page, `Commencer la démarche « ${grant.title} »`);
    await page.getByText('Démarche proposée par').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/connexion\?retour=/);

    // A new account, created from the sign-in page: back on the start page afterwards.
    const signUpLink = page.locator('main').getByRole('link', { name: 'Créer un compte' });
    expect(await signUpLink.getAttribute('href')).toBe(`/inscription?retour=${encodeURIComponent(`/commencer/${grant.path}`)}`);
    await signUpLink.click();
    await waitForHeading(page, 'Créer un compte');
    await page.getByLabel('Prénom').fill('Camille');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel('Adresse électronique').fill(freshEmail('dossier'));
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    // Password hashing is slow on a loaded machine: the sign-up may take a while.
    await page.waitForURL(`**/commencer/${grant.path}`, { timeout: 30_000 });
    await waitForHeading(page, `Commencer la démarche « ${grant.title} »`);

    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/dossiers\/[0-9a-f-]+$/);
    await page.locator('main h1', { hasText: /^\s*Dossier N° \d+\s*$/ }).waitFor();
    const heading = ((await page.locator('main h1').textContent()) ?? '').trim();
    expect(heading).toMatch(/^Dossier N° \d+$/);
    const number = heading.replace('Dossier N° ', '');
    expect(await textOf(page.locator('main .fr-badge').first())).toBe('Brouillon');
    const form = page.getByRole('form', { name: 'Formulaire du dossier' });

    // Everything but the association's name.
    const nameInput = form.getByLabel('Nom de l’association *');
    await form.getByLabel('Numéro RNA *').fill('W751234567');
    await form.getByLabel('Adresse électronique de l’association *').fill('contact@amis-du-parc.fr');
    await form.getByLabel('Description du projet *').fill('Un jardin partagé pour le quartier.');
    await form.getByLabel('Montant demandé (en euros) *').fill('1500');
    await form.getByLabel('Date de début du projet').fill('2027-03-01');
    await form.getByLabel('Budget prévisionnel *').setInputFiles({ name: 'budget.pdf', mimeType: 'application/pdf', buffer: pdf });
    await form.getByText('budget.pdf').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Submitting without it: the server's message at the field, a summary at the top, focused.
    await form.getByRole('button', { name: 'Déposer le dossier' }).click();
    const summary = page.getByRole('heading', { name: 'Le dossier n’a pas pu être déposé' });
    await summary.waitFor();
    expect(await description(nameInput)).toContain(mandatoryMessage);
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Le dossier n’a pas pu être déposé');
    const link = page.getByRole('link', { name: `Nom de l’association : ${mandatoryMessage}` });
    await link.click();
    await expect.poll(() => nameInput.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Saved as a draft, then still there after a reload.
    await nameInput.fill('Les Amis du Parc');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText(/^Brouillon enregistré le /).waitFor();
    await page.reload();
    await settled(page);
    expect(await page.getByRole('form', { name: 'Formulaire du dossier' }).getByLabel('Nom de l’association *').inputValue()).toBe('Les Amis du Parc');

    // Back on the start page, the brouillon is offered to be continued.
    await open(page, `/commencer/${grant.path}`);
    await page.getByRole('heading', { name: 'Vous avez déjà commencé un dossier sur cette démarche' }).waitFor();
    await page.getByRole('link', { name: `Continuer le brouillon N° ${number}` }).click();
    await waitForHeading(page, `Dossier N° ${number}`);
    await settled(page);

    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.getByRole('heading', { name: 'Votre dossier a été déposé' }).waitFor();
    expect(await textOf(page.locator('main .fr-badge').first())).toBe('En construction');
    await page.getByRole('heading', { name: 'Récapitulatif de vos réponses' }).waitFor();
    const answers = page.locator('main dl');
    const answer = (label: string) => answers.locator('div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
    expect(await textOf(answer('Nom de l’association'))).toBe('Les Amis du Parc');
    expect(await textOf(answer('Montant demandé (en euros)'))).toBe('1500');
    expect(await textOf(answer('Date de début du projet'))).toBe('01/03/2027');
    expect(await textOf(answer('Budget prévisionnel'))).toBe('budget.pdf');
    expect(await page.getByRole('heading', { name: 'L’association' }).count()).toBe(1);
    expect(await page.getByRole('form', { name: 'Formulaire du dossier' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // « Mes dossiers » lists it, linked to its page.
    await open(page, '/mes-dossiers');
    await settled(page);
    const row = page.locator('main tbody tr', { hasText: `N° ${number}` });
    expect(await textOf(row)).toContain(grant.title);
    expect(await textOf(row)).toContain('En construction');
    expect(await textOf(row)).not.toContain('Dossier de test');
    await row.getByRole('link', { name: new RegExp(`N° ${number}`) }).click();
    await waitForHeading(page, `Dossier N° ${number}`);
    // One long journey through several pages: more time than a single-page test.
  }, 120_000);

  it('le lien de test d’une démarche en brouillon permet de déposer un dossier de test ; un autre compte ne le voit pas', async () => {
    await signIn(page);
    const procedure = await createProcedure(context, 'Essai lien de test', [
      testField('header_section', 'Le projet'),
      testField('text', 'Nom du projet', { mandatory: true }),
      testField('yes_no', 'Projet collectif', { mandatory: true }),
    ]);

    // The test link needs an account: signed out, it goes through the sign-in page and back.
    expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);
    await open(page, `/commencer/test/${procedure.path}`);
    await page.waitForURL(/\/connexion\?retour=/);
    await waitForHeading(page, 'Se connecter');
    await page.getByLabel('Adresse électronique').fill(administrateur);
    await page.getByLabel('Mot de passe', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`**/commencer/test/${procedure.path}`);
    await waitForHeading(page, `Commencer la démarche « ${procedure.title} »`);

    // The publication page shows the test link while the procedure is in brouillon.
    await open(page, `/admin/demarches/${procedure.id}/publication`);
    await page.getByText('Partagez ce lien pour tester la démarche ; les dossiers de test seront supprimés à la publication.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `${baseUrl}/commencer/test/${procedure.path}` }).click();

    await waitForHeading(page, `Commencer la démarche « ${procedure.title} »`);
    await page.getByText(/Dossier de test : il sera supprimé à la publication de la démarche/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/dossiers\/[0-9a-f-]+$/);
    await settled(page);
    const dossierPath = new URL(page.url()).pathname;
    await page.locator('main .fr-badge', { hasText: 'Dossier de test' }).waitFor();
    await page.getByText('Dossier de test : il sera supprimé à la publication de la démarche').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const form = page.getByRole('form', { name: 'Formulaire du dossier' });
    await form.getByLabel('Nom du projet *').fill('Jardin partagé');
    await form.getByText('Oui', { exact: true }).click();
    await form.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.getByRole('heading', { name: 'Votre dossier a été déposé' }).waitFor();
    const answers = page.locator('main dl');
    expect(await textOf(answers)).toContain('Jardin partagé');
    expect(await textOf(answers)).toContain('Projet collectif');
    expect(await page.locator('main .fr-badge', { hasText: 'Dossier de test' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await open(page, '/mes-dossiers');
    await settled(page);
    const row = page.locator('main tbody tr', { hasText: procedure.title });
    expect(await textOf(row)).toContain('Dossier de test');

    // Someone else: the dossier does not exist for them.
    expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);
    const other = await context.request.post('/api/auth/signup', { data: { email: freshEmail('autre'), password, firstName: 'Dominique', lastName: 'Autre' } });
    expect(other.status()).toBe(201);
    await open(page, dossierPath);
    await waitForHeading(page, 'Page non trouvée');
  });

  it('le lien de test d’une démarche publiée et son ancienne adresse mènent à sa page publique ; après le dépôt, le message de l’administration s’affiche', async () => {
    await signIn(page);
    const procedure = await createProcedure(context, 'Essai publiee', [testField('text', 'Nom du demandeur', { mandatory: true })], { publish: true });
    const submissionMessage = 'Merci : nous revenons vers vous sous quinze jours.';
    // The administrateur also moves the procedure to a new address: the old links lead to it.
    const newPath = `${procedure.path}-nouvelle`;
    expect((await context.request.patch(`/api/admin/procedures/${procedure.id}/settings`, { data: { submissionMessage, path: newPath } })).status()).toBe(200);

    await open(page, `/commencer/${procedure.path}`);
    await page.waitForURL(`**/commencer/${newPath}`);
    await open(page, `/commencer/test/${procedure.path}`);
    await page.waitForURL(`**/commencer/${newPath}`);
    await waitForHeading(page, `Commencer la démarche « ${procedure.title} »`);
    expect(await page.getByText(/Dossier de test/).count()).toBe(0);

    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/dossiers\/[0-9a-f-]+$/);
    await settled(page);
    const form = page.getByRole('form', { name: 'Formulaire du dossier' });
    await form.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.getByRole('heading', { name: 'Le dossier n’a pas pu être déposé' }).waitFor();
    expect(await form.getByLabel('Nom du demandeur *').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Nom du demandeur *').fill('Camille Martin');
    await form.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.getByRole('heading', { name: 'Votre dossier a été déposé' }).waitFor();
    await page.getByRole('heading', { name: 'Message de l’administration' }).waitFor();
    await page.getByText(submissionMessage).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('une démarche close dit pourquoi et mène à celle qui la remplace', async () => {
    await signIn(page);
    const replacement = await createProcedure(context, 'Essai remplacante', [testField('text', 'Nom')], { publish: true });
    const closed = await createProcedure(context, 'Essai close', [testField('text', 'Nom')], { publish: true });
    const close = await context.request.post(`/api/admin/procedures/${closed.id}/close`, { data: { reason: 'autre_demarche', details: 'Les demandes passent désormais par la nouvelle démarche.', replacementProcedureId: replacement.id } });
    expect(close.status()).toBe(200);

    await open(page, `/commencer/${closed.path}`);
    await waitForHeading(page, closed.title);
    await page.getByRole('heading', { name: 'Cette démarche est close' }).waitFor();
    await page.getByText(/Elle est remplacée par une autre démarche\./).waitFor();
    await page.getByText('Les demandes passent désormais par la nouvelle démarche.').waitFor();
    expect(await page.getByRole('button', { name: 'Commencer la démarche' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const link = page.getByRole('link', { name: 'Accéder à la démarche qui la remplace' });
    expect(await link.getAttribute('href')).toBe(`/commencer/${replacement.path}`);
    await link.click();
    await waitForHeading(page, `Commencer la démarche « ${replacement.title} »`);
  });

  it('une démarche inconnue affiche la page 404', async () => {
    await open(page, '/commencer/cette-demarche-n-existe-pas');
    await waitForHeading(page, 'Page non trouvée');
  });
});
