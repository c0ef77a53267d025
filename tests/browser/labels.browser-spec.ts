import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { administrateur, createProcedure, demoPassword, signIn, testField, textOf } from './builder-helpers';
import { freshEmail, open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
/** The demo instructeur (tools/seed/seed.ts): already an instructeur of the demo administration. */
const instructeur = 'instructeur@demo.guichet.local';

async function signInThroughApi(context: BrowserContext, email: string, password = demoPassword): Promise<void> {
  expect((await context.request.post('/api/auth/signin', { data: { email, password } })).status()).toBe(200);
}

async function signOutThroughApi(context: BrowserContext): Promise<void> {
  expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);
}

/**
 * A published procedure of the demo administration whose default group holds the demo instructeur,
 * and a dossier a new usager filed on it; through the API, the context ends signed out.
 */
async function procedureWithDossier(context: BrowserContext): Promise<{ procedure: { id: string; title: string }; dossierId: string; number: number }> {
  await signInThroughApi(context, administrateur);
  const projectName = testField('text', 'Nom du projet', { mandatory: true });
  const procedure = await createProcedure(context, 'Étiquettes', [projectName], { publish: true });
  const groups = (await (await context.request.get(`/api/admin/procedures/${procedure.id}/groups`)).json()) as { items: { id: string; isDefault: boolean }[] };
  const defaultGroup = groups.items.find((group) => group.isDefault);
  if (defaultGroup === undefined) throw new Error('the procedure has no default group');
  expect((await context.request.post(`/api/admin/procedures/${procedure.id}/groups/${defaultGroup.id}/members`, { data: { members: [{ email: instructeur }] } })).status()).toBeLessThan(300);
  await signOutThroughApi(context);

  const signUp = await context.request.post('/api/auth/signup', { data: { email: freshEmail('demandeur'), password: 'un mot de passe solide 2025', firstName: 'Camille', lastName: 'Demandeuse' } });
  expect(signUp.status()).toBe(201);
  const created = await context.request.post('/api/dossiers', { data: { procedureId: procedure.id } });
  const { id: dossierId, number } = (await created.json()) as { id: string; number: number };
  expect((await context.request.patch(`/api/dossiers/${dossierId}/values`, { data: { values: { [projectName.stableId]: 'Jardin partagé' } } })).status()).toBe(200);
  expect((await context.request.post(`/api/dossiers/${dossierId}/submit`)).status()).toBe(200);
  await signOutThroughApi(context);
  return { procedure, dossierId, number };
}

/** The classes of the tag that shows a label's name in `scope`. */
async function tagClasses(page: Page, scope: string, name: string): Promise<string> {
  return (await page.locator(`${scope} .fr-tag`, { hasText: name }).first().getAttribute('class')) ?? '';
}

describe('étiquettes', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('l’administrateur crée, recolore et supprime les étiquettes d’une démarche ; un nom déjà pris est refusé sur le champ', async () => {
    const { procedure } = await procedureWithDossier(context);

    // The administrateur's « Étiquettes » page, reached from the procedure's navigation.
    await signIn(page);
    await open(page, `/admin/demarches/${procedure.id}/groupes`);
    await page.getByRole('navigation', { name: 'Configuration de la démarche' }).getByRole('link', { name: 'Étiquettes' }).click();
    await page.getByRole('heading', { name: 'Étiquettes', level: 2 }).waitFor();
    await settled(page);
    await page.getByText('Aucune étiquette pour l’instant.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const creation = page.getByRole('form', { name: 'Nouvelle étiquette' });
    await creation.getByLabel('Nom de l’étiquette').fill('Urgent');
    await creation.getByLabel('Couleur').selectOption({ label: 'Rose tuile' });
    expect(await tagClasses(page, 'form', 'Urgent')).toContain('fr-tag--pink-tuile');
    await creation.getByRole('button', { name: 'Créer l’étiquette' }).click();
    await page.getByText('L’étiquette « Urgent » a été créée.').waitFor();
    await page.getByRole('region', { name: 'Étiquette Urgent' }).waitFor();

    // The same name, whatever its case, is refused on the field.
    await creation.getByLabel('Nom de l’étiquette').fill('URGENT');
    await creation.getByRole('button', { name: 'Créer l’étiquette' }).click();
    await creation.getByText('Ce nom est déjà pris.').waitFor();
    expect(await creation.getByLabel('Nom de l’étiquette').getAttribute('aria-describedby')).toBeTruthy();
    expect(await seriousA11yViolations(page)).toEqual([]);

    for (const [name, colour] of [
      ['Complet', 'Vert bourgeon'],
      ['Provisoire', 'Beige gris galet'],
    ] as const) {
      await creation.getByLabel('Nom de l’étiquette').fill(name);
      await creation.getByLabel('Couleur').selectOption({ label: colour });
      await creation.getByRole('button', { name: 'Créer l’étiquette' }).click();
      await page.getByText(`L’étiquette « ${name} » a été créée.`).waitFor();
    }

    // Recolour « Complet »; delete « Provisoire », once confirmed.
    const complet = page.getByRole('region', { name: 'Étiquette Complet' });
    await complet.getByLabel('Couleur').selectOption({ label: 'Bleu écume' });
    await complet.getByRole('button', { name: 'Enregistrer l’étiquette « Complet »' }).click();
    await page.getByText('L’étiquette « Complet » a été enregistrée (bleu écume).').waitFor();
    await expect.poll(() => tagClasses(page, 'h4', 'Complet')).toContain('fr-tag--blue-ecume');
    const provisoire = page.getByRole('region', { name: 'Étiquette Provisoire' });
    await provisoire.getByRole('button', { name: 'Supprimer l’étiquette « Provisoire »' }).click();
    await provisoire.getByRole('button', { name: 'Confirmer la suppression' }).click();
    await page.getByText('L’étiquette « Provisoire » a été supprimée, et retirée des dossiers qui l’avaient.').waitFor();
    await provisoire.waitFor({ state: 'detached' });
    expect(await page.locator('main h4 .fr-tag').allTextContents()).toEqual(['Complet', 'Urgent']);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('l’instructeur met une étiquette sur un dossier de son groupe, la voit à sa couleur, puis la retire', async () => {
    const { procedure, dossierId, number } = await procedureWithDossier(context);
    await signInThroughApi(context, administrateur);
    for (const [name, color] of [
      ['Urgent', 'pink-tuile'],
      ['Complet', 'blue-ecume'],
    ] as const) {
      expect((await context.request.post(`/api/admin/procedures/${procedure.id}/labels`, { data: { name, color } })).status()).toBe(201);
    }
    await signOutThroughApi(context);

    await signIn(page, instructeur);
    await open(page, `/instructeur/dossiers/${dossierId}`);
    await waitForHeading(page, `Dossier N° ${number}`);
    await settled(page);
    const labels = page.getByRole('region', { name: 'Étiquettes' });
    await labels.getByText('Aucune étiquette.').waitFor();
    await labels.getByRole('button', { name: 'Modifier les étiquettes' }).click();
    const choices = labels.getByRole('group', { name: /Étiquettes de la démarche/ });
    await choices.waitFor();
    expect(await choices.getByRole('checkbox').count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The DSFR label covers its checkbox: a user clicks the label.
    await choices.locator('label', { hasText: 'Urgent' }).click();
    await labels.getByText('L’étiquette « Urgent » a été ajoutée.').waitFor();
    const onDossier = labels.getByRole('list', { name: 'Étiquettes du dossier' });
    await onDossier.getByText('Urgent').waitFor();
    expect(await tagClasses(page, 'main ul[aria-label="Étiquettes du dossier"]', 'Urgent')).toContain('fr-tag--pink-tuile');
    expect(await choices.getByRole('checkbox', { name: 'Urgent' }).isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const read = (await (await context.request.get(`/api/dossiers/${dossierId}`)).json()) as { labels: { name: string }[] };
    expect(read.labels.map((label) => label.name)).toEqual(['Urgent']);

    // After a reload the label is still there; unticking takes it off.
    await page.reload();
    await settled(page);
    expect(await textOf(labels.getByRole('list', { name: 'Étiquettes du dossier' }))).toBe('Urgent');
    await labels.getByRole('button', { name: 'Modifier les étiquettes' }).click();
    await labels.locator('label', { hasText: 'Urgent' }).click();
    await labels.getByText('L’étiquette « Urgent » a été retirée.').waitFor();
    await labels.getByText('Aucune étiquette.').waitFor();
  });
});
