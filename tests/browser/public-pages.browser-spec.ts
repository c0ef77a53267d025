import { type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');

describe('pages publiques', () => {
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ page } = opened));

  it("l'accueil nomme Guichet et liste les démarches publiées", async () => {
    await open(page, '/');
    await settled(page);

    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect.poll(() => page.title()).toContain('Guichet');
    await expect.poll(() => page.locator('main h1').textContent()).toContain('Guichet');
    // The DSFR header: service title, tagline and the signed-out quick access links.
    const header = page.getByRole('banner');
    expect(await header.getByText('Les démarches administratives en ligne').first().isVisible()).toBe(true);
    expect(await header.getByRole('link', { name: 'Se connecter' }).first().isVisible()).toBe(true);
    expect(await header.getByRole('link', { name: 'Créer un compte' }).first().isVisible()).toBe(true);

    // No error or empty-state alert, then at least one published procedure of the demo seed.
    expect(await page.locator('main .fr-alert').allTextContents()).toEqual([]);
    const cards = page.locator('main .fr-card');
    expect(await cards.count()).toBeGreaterThan(0);
    const first = cards.first();
    expect((await first.locator('h3').textContent())?.trim()).not.toBe('');
    expect((await first.locator('.fr-card__start').textContent())?.trim()).not.toBe('');
    const start = first.getByRole('link', { name: 'Commencer la démarche' });
    expect(await start.getAttribute('href')).toMatch(/^\/commencer\/.+/);

    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('« Commencer la démarche » ouvre la page de la démarche', async () => {
    await open(page, '/');
    await settled(page);
    const first = page.locator('main .fr-card').first();
    const title = ((await first.locator('h3').textContent()) ?? '').trim();
    await first.getByRole('link', { name: 'Commencer la démarche' }).click();

    await page.waitForURL(/\/commencer\/.+/);
    await waitForHeading(page, `Commencer la démarche « ${title} »`);
    await expect.poll(() => page.title()).toContain(title);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('une adresse inconnue affiche la page 404', async () => {
    await open(page, '/cette-page-n-existe-pas');

    expect((await page.locator('main h1').textContent())?.trim()).toBe('Page non trouvée');
    await expect.poll(() => page.title()).toBe('Page non trouvée - Guichet');
    expect(await page.getByRole('link', { name: 'Page d’accueil' }).isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('les liens d’évitement mènent au contenu et au pied de page', async () => {
    await open(page, '/');
    const skipLinks = page.locator('.fr-skiplinks');
    expect(await skipLinks.getByRole('link', { name: 'Contenu' }).getAttribute('href')).toBe('#contenu');
    expect(await skipLinks.getByRole('link', { name: 'Pied de page' }).getAttribute('href')).toBe('#pied-de-page');
    expect(await page.locator('main#contenu').count()).toBe(1);
    expect(await page.locator('footer#pied-de-page').count()).toBe(1);
  });
});
