import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { administrateur, demoPassword } from './builder-helpers';
import { freshEmail, open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
const password = 'un mot de passe solide 2025';

describe('compte usager', () => {
  let context: BrowserContext;
  let page: Page;
  // Created by the sign-up test, reused by the sign-in tests (the file runs its tests in order).
  const account = { email: freshEmail(), firstName: 'Camille', lastName: 'Martin' };

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  async function fillSignUp(values: { firstName: string; lastName: string; email: string; password: string }) {
    await page.getByLabel('Prénom').fill(values.firstName);
    await page.getByLabel('Nom', { exact: true }).fill(values.lastName);
    await page.getByLabel('Adresse électronique').fill(values.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(values.password);
  }

  async function fillSignIn(email: string, secret: string) {
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('la page de création de compte est accessible', async () => {
    await open(page, '/inscription');
    expect((await page.locator('main h1').textContent())?.trim()).toBe('Créer un compte');
    await expect.poll(() => page.title()).toBe('Créer un compte - Guichet');
    // The DSFR password hint.
    expect(await page.locator('main .fr-password').getByText('12 caractères minimum').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('un mot de passe trop court est signalé sur le champ', async () => {
    await open(page, '/inscription');
    await fillSignUp({ ...account, email: freshEmail('court'), password: 'court' });
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    const passwordGroup = page.locator('main .fr-password');
    await passwordGroup.and(page.locator('.fr-input-group--error')).waitFor();
    expect(await passwordGroup.locator('.fr-message--error').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Mot de passe', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/inscription');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('un usager crée son compte et arrive sur « Mes dossiers », vide', async () => {
    await open(page, '/inscription');
    await fillSignUp({ ...account, password });
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    await page.waitForURL('**/mes-dossiers');
    await waitForHeading(page, 'Mes dossiers');
    await settled(page);
    await page.getByText('Vous n’avez pas encore de dossier.').waitFor();
    await expect.poll(() => page.title()).toBe('Mes dossiers - Guichet');
    const header = page.getByRole('banner');
    expect(await header.getByText(`${account.firstName} ${account.lastName}`).first().isVisible()).toBe(true);
    expect(await header.getByRole('link', { name: 'Mes dossiers' }).first().isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Signing out goes back to the home page, signed out.
    await header.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL((url) => url.pathname === '/');
    await header.getByRole('link', { name: 'Se connecter' }).first().waitFor();
    expect(await header.getByRole('button', { name: 'Se déconnecter' }).count()).toBe(0);

    // The session is really gone: « Mes dossiers » now sends to the sign-in page.
    await open(page, '/mes-dossiers');
    await page.waitForURL('**/connexion');
    await waitForHeading(page, 'Se connecter');
  });

  it('la page de connexion est accessible', async () => {
    await open(page, '/connexion');
    expect((await page.locator('main h1').textContent())?.trim()).toBe('Se connecter');
    await expect.poll(() => page.title()).toBe('Se connecter - Guichet');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('un mauvais mot de passe affiche l’erreur en français', async () => {
    const wrong = 'ce n’est pas le bon mot de passe';
    // The message the gateway gives for INVALID_CREDENTIALS, which the page must show as is.
    const answer = await context.request.post('/api/auth/signin', { data: { email: account.email, password: wrong } });
    expect(answer.status()).toBe(401);
    const { error } = (await answer.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('INVALID_CREDENTIALS');
    expect(error.message).not.toMatch(/credentials|^[A-Z_]+$/i);

    await open(page, '/connexion');
    await fillSignIn(account.email, wrong);

    const alert = page.locator('main .fr-alert--error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Connexion impossible');
    expect(text).toContain(error.message);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    expect(await page.getByRole('banner').getByRole('link', { name: 'Se connecter' }).first().isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('un usager se connecte avec son compte', async () => {
    await open(page, '/connexion');
    await fillSignIn(account.email, password);

    await page.waitForURL('**/mes-dossiers');
    await waitForHeading(page, 'Mes dossiers');
    await settled(page);
    await page.getByText('Vous n’avez pas encore de dossier.').waitFor();
    expect(await page.getByRole('banner').getByText(`${account.firstName} ${account.lastName}`).first().isVisible()).toBe(true);

    // The session survives a reload (cookie set by the gateway).
    await page.reload();
    await waitForHeading(page, 'Mes dossiers');
    await page.getByText('Vous n’avez pas encore de dossier.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/mes-dossiers');
  });

  it('un instructeur ou un administrateur arrive sur son tableau de bord ; la page demandée l’emporte', async () => {
    await open(page, '/connexion');
    await fillSignIn('instructeur@demo.guichet.local', demoPassword);
    await page.waitForURL('**/instructeur');
    await waitForHeading(page, 'Mes démarches à instruire');
    await settled(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Already signed in, the sign-in page leads there too.
    await open(page, '/connexion');
    await page.waitForURL('**/instructeur');
    expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);

    // A page asked for (`retour`) wins over the dashboard.
    await open(page, `/connexion?retour=${encodeURIComponent('/admin/demarches')}`);
    await fillSignIn(administrateur, demoPassword);
    await page.waitForURL('**/admin/demarches');
    expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);
    await open(page, '/connexion');
    await fillSignIn(administrateur, demoPassword);
    await page.waitForURL('**/instructeur');
    await waitForHeading(page, 'Les dossiers de mes démarches');
  });

  it('« Mes dossiers » renvoie vers la connexion sans session', async () => {
    await open(page, '/mes-dossiers');
    await page.waitForURL('**/connexion');
    await waitForHeading(page, 'Se connecter');
  });
});
