import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createProcedure, signIn, testField, textOf } from './builder-helpers';
import { open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');

describe('publication d’une démarche', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('publie une première fois après confirmation et donne le lien public', async () => {
    await signIn(page);
    const procedure = await createProcedure(context, 'Carte de pêche', [testField('text', 'Nom du pêcheur', { mandatory: true })]);

    await open(page, `/admin/demarches/${procedure.id}/publication`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    expect(await page.getByRole('link', { name: 'Publication' }).getAttribute('aria-current')).toBe('page');
    await page.getByText('La démarche n’a jamais été publiée').waitFor();
    expect(await textOf(page.getByRole('region', { name: 'Champs du formulaire' }).locator('li'))).toBe('Ajouté Champ « Nom du pêcheur » ajouté');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // « Publier » asks for a confirmation; « Annuler » publishes nothing.
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByText('Publier la démarche ? Elle sera accessible à tous les usagers.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Annuler' }).click();
    expect(((await (await context.request.get(`/api/admin/procedures/${procedure.id}`)).json()) as { state: string }).state).toBe('brouillon');

    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByRole('button', { name: 'Confirmer la publication' }).click();
    await page.getByRole('heading', { name: 'La démarche a été publiée' }).waitFor();
    const link = page.getByRole('link', { name: `${baseUrl}/commencer/${procedure.path}` }).first();
    expect(await link.getAttribute('href')).toBe(`/commencer/${procedure.path}`);
    expect(((await (await context.request.get(`/api/admin/procedures/${procedure.id}`)).json()) as { state: string }).state).toBe('publiee');
    // Once published, the draft is the published form: nothing left to publish.
    await page.getByText('Le brouillon est identique à la révision publiée : il n’y a rien à publier.').waitFor();
    expect(await page.getByRole('button', { name: 'Publier', exact: true }).isDisabled()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The public page answers with the form.
    const publicRead = await context.request.get(`/api/public/procedures/${procedure.path}`);
    expect(publicRead.status()).toBe(200);
  });

  it('liste les différences entre la révision publiée et le brouillon, avertit pour les dossiers en cours, puis publie', async () => {
    await signIn(page);
    const kind = testField('drop_down_list', 'Type de demandeur', { mandatory: true, options: { choices: ['Association', 'Entreprise'] } });
    const name = testField('text', 'Nom');
    const removed = testField('text', 'Ancien numéro');
    const procedure = await createProcedure(context, 'Subvention culture', [kind, name, removed], { publish: true });
    // The draft: a renamed, now mandatory field; a new choice; a field removed; a field added.
    const added = testField('email', 'Courriel de contact');
    const draft = [
      { ...kind, options: { choices: ['Association', 'Entreprise', 'Collectivité'] } },
      { ...name, label: 'Nom de la structure', mandatory: true },
      added,
    ];
    expect((await context.request.patch(`/api/admin/procedures/${procedure.id}`, { data: { fields: draft } })).status()).toBe(200);

    await open(page, `/admin/demarches/${procedure.id}/publication`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    const region = page.getByRole('region', { name: 'Champs du formulaire' });
    await region.waitFor();
    const items = await Promise.all((await region.locator(':scope > ul > li').all()).map((item) => textOf(item)));
    expect(items).toEqual(
      expect.arrayContaining([
        'Ajouté Champ « Courriel de contact » ajouté',
        'Supprimé Champ « Ancien numéro » supprimé',
        expect.stringMatching(/^Modifié Champ « Type de demandeur » .*Choix proposés : « Association », « Entreprise » → « Association », « Entreprise », « Collectivité »$/),
        expect.stringMatching(/^Modifié Champ « Nom de la structure » modifié.*Libellé : « Nom » → « Nom de la structure ».*Caractère obligatoire : facultatif → obligatoire/),
      ]),
    );
    expect(items).toHaveLength(4);
    // The public link of the published procedure, and the warning about the dossiers in progress.
    expect(await page.getByRole('link', { name: `${baseUrl}/commencer/${procedure.path}` }).getAttribute('href')).toBe(`/commencer/${procedure.path}`);
    await page.getByText('Les dossiers qui ne sont pas encore décidés (brouillons, en construction, en instruction) passeront sur la nouvelle révision.', { exact: false }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByText('Publier 4 modifications ? Les usagers verront aussitôt le nouveau formulaire.').waitFor();
    await page.getByRole('button', { name: 'Confirmer la publication' }).click();
    await page.getByRole('heading', { name: 'La démarche a été publiée' }).waitFor();
    await page.getByText('Le brouillon est identique à la révision publiée : il n’y a rien à publier.').waitFor();

    const published = (await (await context.request.get(`/api/public/procedures/${procedure.path}`)).json()) as { fields: { label: string }[] };
    expect(published.fields.map((field) => field.label)).toEqual(['Type de demandeur', 'Nom de la structure', 'Courriel de contact']);
  });
});
