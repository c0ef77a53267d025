import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createProcedure, description, signIn, testField, textOf } from './builder-helpers';
import { open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');

describe('catalogue des modèles', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('partage une démarche publiée, la trouve dans le catalogue, la clone et ouvre le clone, puis la retire', async () => {
    await signIn(page);
    const name = testField('text', 'Nom de l’association', { mandatory: true });
    const kind = testField('drop_down_list', 'Domaine', { options: { choices: ['Sport', 'Culture'] } });
    const procedure = await createProcedure(context, 'Modèle subvention', [name, kind], { publish: true });
    const suffix = procedure.path.split('-').pop() ?? '';
    const label = await context.request.post(`/api/admin/procedures/${procedure.id}/labels`, { data: { name: 'À relancer', color: 'orange-terre-battue' } });
    expect(label.status()).toBe(201);
    const labelId = ((await label.json()) as { id: string }).id;

    // Share it from its publication page.
    await open(page, `/admin/demarches/${procedure.id}/publication`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    const sharing = page.getByRole('region', { name: 'Catalogue des modèles' });
    await sharing.getByLabel('Présentation du modèle').fill('Subvention aux associations locales.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await sharing.getByRole('button', { name: 'Partager comme modèle' }).click();
    await sharing.getByText('Cette démarche est partagée comme modèle').waitFor();
    await sharing.getByRole('button', { name: 'Retirer du catalogue' }).waitFor();

    // Find it in the catalogue, from the procedures list.
    await open(page, '/admin/demarches');
    await settled(page);
    await page.getByRole('link', { name: 'Partir d’un modèle du catalogue' }).click();
    await waitForHeading(page, 'Catalogue des modèles');
    await settled(page);
    await page.getByRole('searchbox', { name: 'Rechercher un modèle' }).fill(`subvention ${suffix}`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('heading', { name: `Modèles correspondant à « subvention ${suffix} »` }).waitFor();
    await settled(page);
    const models = page.getByRole('list', { name: 'Modèles' });
    expect(await models.locator(':scope > li').count()).toBe(1);
    expect(await textOf(models.locator(':scope > li'))).toMatch(/Subvention aux associations locales\..*2 champs · partagé le/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A search that matches nothing says so.
    await page.getByRole('searchbox', { name: 'Rechercher un modèle' }).fill(`introuvable ${suffix}`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Aucun modèle ne correspond à cette recherche.').waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher un modèle' }).fill(suffix);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: procedure.title }).click();

    // The model: its form, and the clone form.
    await waitForHeading(page, procedure.title);
    await settled(page);
    expect(await Promise.all((await page.getByRole('list', { name: 'Champs du modèle' }).locator(':scope > li').all()).map((item) => textOf(item)))).toEqual([
      'Nom de l’association (Texte court, obligatoire)',
      expect.stringMatching(/^Domaine \(.+\)$/),
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A path already taken: the message goes on the path field.
    const title = page.getByLabel('Titre de la nouvelle démarche');
    const path = page.getByLabel('Adresse de la nouvelle démarche');
    await title.fill(`Clone subvention ${suffix}`);
    await path.fill(procedure.path);
    // The DSFR label covers its checkbox: click the label.
    await page.locator('label', { hasText: 'Modèles d’e-mails et attestations' }).click();
    expect(await page.getByRole('checkbox', { name: /Modèles d’e-mails et attestations/ }).isChecked()).toBe(true);
    // The labels come unless left out (as on DS).
    expect(await page.getByRole('checkbox', { name: /Étiquettes/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Cloner' }).click();
    await page.locator('#clone-path[aria-invalid="true"]').waitFor();
    expect(await description(path)).not.toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await path.fill(`clone-${suffix}`);
    await page.getByRole('button', { name: 'Cloner' }).click();
    await waitForHeading(page, `Clone subvention ${suffix}`);
    expect(page.url()).toMatch(/\/admin\/demarches\/[0-9a-f-]{36}\/champs$/);
    const cloneId = /\/admin\/demarches\/([0-9a-f-]{36})\/champs$/.exec(page.url())?.[1] ?? '';
    expect(cloneId).not.toBe(procedure.id);
    const clone = (await (await context.request.get(`/api/admin/procedures/${cloneId}`)).json()) as { state: string; path: string; draftRevision: { fields: { label: string; stableId: string }[] } };
    expect(clone.state).toBe('brouillon');
    expect(clone.path).toBe(`clone-${suffix}`);
    expect(clone.draftRevision.fields.map((field) => field.label)).toEqual(['Nom de l’association', 'Domaine']);
    const cloneLabels = (await (await context.request.get(`/api/admin/procedures/${cloneId}/labels`)).json()) as { items: { id: string; name: string; color: string }[] };
    expect(cloneLabels.items.map((copy) => [copy.name, copy.color])).toEqual([['À relancer', 'orange-terre-battue']]);
    expect(cloneLabels.items[0]?.id).not.toBe(labelId);

    // Withdraw it: the catalogue no longer has it.
    await open(page, `/admin/demarches/${procedure.id}/publication`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    await page.getByRole('button', { name: 'Retirer du catalogue' }).click();
    await page.getByText('La démarche a été retirée du catalogue des modèles.').waitFor();
    await page.getByRole('button', { name: 'Partager comme modèle' }).waitFor();
    expect((await context.request.get(`/api/admin/models/${procedure.id}`)).status()).toBe(404);
  });
});
