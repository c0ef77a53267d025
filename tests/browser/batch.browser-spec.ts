import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { administrateur, type CreatedProcedure, createProcedure, demoPassword, description, signIn, testField } from './builder-helpers';
import { freshEmail, open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
/** The demo instructeur (tools/seed/seed.ts), put in the default group of the procedure made here. */
const instructeur = 'instructeur@demo.guichet.local';
/** One more than a page of the dashboard (50) once two are followed: « à suivre » then spans two pages. */
const filed = 53;

/**
 * A published procedure with one optional field, the demo instructeur in its default group, and
 * `filed` dossiers submitted by one usager, all through the API; the context ends signed out.
 */
async function fileDossiers(context: BrowserContext): Promise<CreatedProcedure> {
  expect((await context.request.post('/api/auth/signin', { data: { email: administrateur, password: demoPassword } })).status()).toBe(200);
  const procedure = await createProcedure(context, 'Actions multiples', [testField('text', 'Nom du projet')], { publish: true });
  const groups = (await (await context.request.get(`/api/admin/procedures/${procedure.id}/groups`)).json()) as { items: { id: string; isDefault: boolean }[] };
  const defaultGroup = groups.items.find((group) => group.isDefault);
  if (defaultGroup === undefined) throw new Error('the procedure has no default group');
  expect((await context.request.post(`/api/admin/procedures/${procedure.id}/groups/${defaultGroup.id}/members`, { data: { members: [{ email: instructeur }] } })).status()).toBeLessThan(300);
  expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);

  expect((await context.request.post('/api/auth/signup', { data: { email: freshEmail('lot'), password: 'un mot de passe solide 2025', firstName: 'Camille', lastName: 'Demandeuse' } })).status()).toBe(201);
  for (let index = 0; index < filed; index += 1) {
    const created = await context.request.post('/api/dossiers', { data: { procedureId: procedure.id } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await context.request.post(`/api/dossiers/${id}/submit`)).status()).toBe(200);
  }
  expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);
  return procedure;
}

/** The numbers of the rows shown, in order. */
async function shownNumbers(page: Page): Promise<number[]> {
  const links = await page.locator('main tbody tr td:nth-child(2) a').allTextContents();
  return links.map((text) => Number(text.replace(/\D/g, '')));
}

/**
 * Ticks a DSFR checkbox where a user clicks: its box, drawn by the label over the input (the
 * label's text is for screen readers only, so the label itself has no box of its own to aim at).
 */
async function tick(page: Page, label: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).check({ force: true });
}
const tickRow = (page: Page, number: number) => tick(page, `Sélectionner le dossier n° ${number}`);
const tickPage = (page: Page) => tick(page, 'Tout sélectionner sur cette page');
const actionBar = (page: Page, title: string) => page.getByRole('region', { name: title });
const tabLink = (page: Page, label: string) => page.getByRole('navigation', { name: 'Onglets des dossiers' }).getByRole('link', { name: new RegExp(`^${label} \\(`) });

/** Waits until the batch's result reads `text`. */
async function batchEnds(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: true }).waitFor({ timeout: 90_000 });
}

describe('tableau de bord de l’instructeur : actions multiples', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('l’instructeur suit deux dossiers en un lot, accepte ses dossiers suivis avec une motivation (un refusé), puis suit toute la liste', async () => {
    const procedure = await fileDossiers(context);
    await signIn(page, instructeur);
    await open(page, `/instructeur/procedures/${procedure.id}`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    await expect.poll(() => shownNumbers(page).then((numbers) => numbers.length), { timeout: 15_000 }).toBe(50);
    const [first, second] = await shownNumbers(page);
    if (first === undefined || second === undefined) throw new Error('no dossier listed');

    // Two dossiers ticked: the bar offers the actions of « À suivre »; they are followed in one batch.
    await tickRow(page, first);
    await tickRow(page, second);
    const twoSelected = actionBar(page, '2 dossiers sélectionnés');
    await twoSelected.waitFor();
    expect(await twoSelected.getByRole('button').allTextContents()).toEqual(['Suivre', 'Passer en instruction', 'Repasser en construction', 'Accepter…', 'Refuser…', 'Classer sans suite…', 'Annuler la sélection']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const started = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith(`/api/instructeur/procedures/${procedure.id}/lots`));
    await twoSelected.getByRole('button', { name: 'Suivre', exact: true }).click();
    const followBody = (await started).postDataJSON() as { action: string; dossierIds: string[] };
    expect(followBody.action).toBe('suivre');
    expect(followBody.dossierIds).toHaveLength(2);
    await batchEnds(page, '2 dossiers traités, 0 refusé');
    expect(new URL(page.url()).searchParams.get('lot')).toMatch(/^[0-9a-f-]{36}$/);
    // The lists and counts are read again, the selection is cleared.
    await tabLink(page, 'Suivis par moi').filter({ hasText: '(2)' }).waitFor();
    await expect.poll(() => actionBar(page, '2 dossiers sélectionnés').count()).toBe(0);
    await expect.poll(() => shownNumbers(page), { timeout: 15_000 }).not.toContain(first);
    // A reload shows the batch's result again (it is in the URL).
    await page.reload();
    await settled(page);
    await batchEnds(page, '2 dossiers traités, 0 refusé');
    await page.getByRole('button', { name: 'Masquer ce bilan' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('lot')).toBeNull();

    // « Suivis par moi »: one of the two taken into instruction.
    await tabLink(page, 'Suivis par moi').click();
    await expect.poll(() => shownNumbers(page), { timeout: 15_000 }).toEqual([first, second]);
    await tickRow(page, second);
    const oneSelected = actionBar(page, '1 dossier sélectionné');
    expect(await oneSelected.getByRole('button').allTextContents()).toContain('Ne plus suivre');
    await oneSelected.getByRole('button', { name: 'Passer en instruction' }).click();
    await batchEnds(page, '1 dossier traité, 0 refusé');
    await page.getByRole('button', { name: 'Masquer ce bilan' }).click();

    // Every dossier of the page: a refusal needs a motivation (said under the field), then both are accepted with one.
    await tickPage(page);
    const bothSelected = actionBar(page, '2 dossiers sélectionnés');
    await bothSelected.getByRole('button', { name: 'Refuser…' }).click();
    const refuse = page.getByRole('dialog', { name: 'Refuser : 2 dossiers sélectionnés' });
    await refuse.waitFor();
    await refuse.getByRole('button', { name: 'Confirmer : refuser' }).click();
    const refusal = refuse.getByLabel('Motivation *');
    await expect.poll(() => refusal.getAttribute('aria-invalid')).toBe('true');
    expect(await description(refusal)).toContain('La motivation est obligatoire pour refuser ou classer sans suite.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await refuse.getByRole('button', { name: 'Annuler' }).click();
    await refuse.waitFor({ state: 'hidden' });

    await bothSelected.getByRole('button', { name: 'Accepter…' }).click();
    const accept = page.getByRole('dialog', { name: 'Accepter : 2 dossiers sélectionnés' });
    await accept.waitFor();
    await accept.getByLabel('Motivation (facultative)').fill('Dossier complet et conforme.');
    const accepted = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/lots'));
    await accept.getByRole('button', { name: 'Confirmer : accepter' }).click();
    const acceptBody = (await accepted).postDataJSON() as { action: string; motivation: string; dossierIds: string[] };
    expect(acceptBody).toMatchObject({ action: 'accepter', motivation: 'Dossier complet et conforme.' });
    expect(acceptBody.dossierIds).toHaveLength(2);
    await accept.waitFor({ state: 'hidden' });
    // The dossier still en construction cannot be accepted: it is refused, the other goes on.
    await batchEnds(page, '2 dossiers traités, 1 refusé');
    await page.getByRole('button', { name: 'Voir le dossier refusé' }).click();
    const refusedLink = page.getByRole('link', { name: `Dossier n° ${first}`, exact: true });
    await refusedLink.waitFor();
    expect(await refusedLink.getAttribute('href')).toMatch(/^\/instructeur\/dossiers\/[0-9a-f-]{36}$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Masquer ce bilan' }).click();

    // « À suivre » spans two pages: once its page is ticked, every dossier of the list can be, and followed in one batch.
    await tabLink(page, 'À suivre').click();
    await expect.poll(() => shownNumbers(page).then((numbers) => numbers.length), { timeout: 15_000 }).toBe(50);
    await tickPage(page);
    await actionBar(page, '50 dossiers sélectionnés').waitFor();
    await page.getByRole('button', { name: `Sélectionner les ${filed - 2} dossiers de la liste` }).click();
    const wholeList = actionBar(page, `${filed - 2} dossiers sélectionnés`);
    await wholeList.waitFor();
    const followed = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/lots'));
    await wholeList.getByRole('button', { name: 'Suivre', exact: true }).click();
    expect((await followed).postDataJSON()).toEqual({ action: 'suivre', matching: { tab: 'a-suivre', filters: [] } });
    await batchEnds(page, `${filed - 2} dossiers traités, 0 refusé`);
    await page.getByText('Aucun dossier à suivre : chaque dossier en cours est suivi par un instructeur.').waitFor({ timeout: 15_000 });
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 240_000);
});
