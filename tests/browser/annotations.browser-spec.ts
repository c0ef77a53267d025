import { randomUUID } from 'node:crypto';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { open, pagePerTest, seriousA11yViolations, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');

async function signInAsAdministrateur(page: Page): Promise<void> {
  await open(page, '/connexion');
  await page.getByLabel('Adresse électronique').fill('administrateur@demo.guichet.local');
  await page.getByLabel('Mot de passe', { exact: true }).fill('Demo-Guichet-2026!');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // An administrateur lands on their dashboard.
  await page.waitForURL('**/instructeur');
}

/** Adds an annotation at the end of the list and names it; returns its editor. */
async function addAnnotation(page: Page, type: string, label: string): Promise<Locator> {
  await page.locator('main').getByLabel('Type du champ à ajouter', { exact: true }).last().selectOption({ label: type });
  await page.locator('main').getByRole('button', { name: 'Ajouter le champ', exact: true }).last().click();
  const labelInput = page.locator(':focus');
  await expect.poll(() => labelInput.evaluate((element) => element.id)).toMatch(/^champ-.+-label$/);
  await labelInput.fill(label);
  return page.getByRole('region', { name: new RegExp(`^\\d+\\. ${label} \\(${type}\\)$`) });
}

describe('annotations privées d’une démarche', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('un administrateur ajoute des annotations dont les conditions portent sur les champs du formulaire', async () => {
    await signInAsAdministrateur(page);
    const suffix = randomUUID().slice(0, 8);
    const created = await context.request.post('/api/admin/procedures', { data: { title: `Permis de végétaliser ${suffix}`, description: '', path: `vegetaliser-${suffix}` } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const kind = { stableId: randomUUID(), type: 'drop_down_list', label: 'Type d’emplacement', description: '', mandatory: true, options: { choices: ['Pied d’arbre', 'Jardinière'] } };
    expect((await context.request.patch(`/api/admin/procedures/${id}`, { data: { fields: [kind] } })).status()).toBe(200);

    await open(page, `/admin/demarches/${id}/annotations`);
    await waitForHeading(page, `Permis de végétaliser ${suffix}`);
    await page.getByRole('heading', { level: 2, name: 'Annotations privées' }).waitFor();
    await page.getByText('La démarche n’a pas encore d’annotation privée.').waitFor();
    expect(await page.getByRole('link', { name: 'Annotations privées' }).getAttribute('aria-current')).toBe('page');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await addAnnotation(page, 'Oui / Non', 'Visite effectuée');
    const remark = await addAnnotation(page, 'Texte long', 'Observations de la visite');
    await remark.getByRole('button', { name: 'Ajouter une condition' }).click();
    // The usager's fields first, then the annotations before this one.
    expect(await remark.getByLabel('Champ', { exact: true }).locator('option').allTextContents()).toEqual(['Type d’emplacement', 'Visite effectuée']);
    await remark.getByLabel('Champ', { exact: true }).selectOption({ label: 'Visite effectuée' });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Enregistrer les annotations' }).click();
    await page.getByText('Les annotations ont été enregistrées.').waitFor();
    const saved = (await (await context.request.get(`/api/admin/procedures/${id}`)).json()) as { draftRevision: { fields: { label: string }[]; annotations: { stableId: string; label: string; condition?: unknown }[] } };
    expect(saved.draftRevision.fields.map((field) => field.label)).toEqual(['Type d’emplacement']);
    expect(saved.draftRevision.annotations.map((annotation) => annotation.label)).toEqual(['Visite effectuée', 'Observations de la visite']);
    // The observations show when the visit annotation is answered.
    expect(JSON.stringify(saved.draftRevision.annotations[1]?.condition)).toContain(`"field":"${saved.draftRevision.annotations[0]?.stableId ?? 'missing'}"`);

    // The usager's form is untouched, and the annotations come back after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Annotations privées' }).waitFor();
    await page.getByRole('region', { name: /^2\. Observations de la visite/ }).waitFor();
    await open(page, `/admin/demarches/${id}/champs`);
    await page.getByRole('region', { name: /^1\. Type d’emplacement/ }).waitFor();
    expect(await page.getByRole('region', { name: /Visite effectuée/ }).count()).toBe(0);
  });
});
