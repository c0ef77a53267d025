import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { createProcedure, signIn, testField } from './builder-helpers';
import { freshEmail, open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');

type GroupPage = { items: { id: string; label: string; routingRule: unknown; memberCount: number; position: number }[] };

describe('groupes instructeurs et routage', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('crée un groupe avec une règle de routage, y ajoute un instructeur, teste le routage et refuse un CSV erroné', async () => {
    await signIn(page);
    const kind = testField('drop_down_list', 'Type de demandeur', { mandatory: true, options: { choices: ['Association', 'Entreprise'] } });
    const procedure = await createProcedure(context, 'Subvention sport', [kind], { publish: true });

    await open(page, `/admin/demarches/${procedure.id}/groupes`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    const defaultGroup = page.getByRole('region', { name: 'Groupe par défaut', exact: true });
    await defaultGroup.locator('.fr-badge', { hasText: 'Groupe par défaut' }).waitFor();
    expect(await defaultGroup.getByRole('button', { name: 'Monter' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Creation.
    await page.getByLabel('Nom du groupe').first().fill('Associations');
    await page.getByRole('button', { name: 'Créer le groupe' }).click();
    await page.getByText('Le groupe « Associations » a été créé.').waitFor();
    const group = page.getByRole('region', { name: '1. Associations' });
    await group.waitFor();

    // Its routing rule: « Type de demandeur » est égal à « Association ».
    await group.getByRole('button', { name: 'Ajouter une condition' }).click();
    expect(await group.getByLabel('Champ', { exact: true }).locator('option').allTextContents()).toEqual(['Type de demandeur']);
    expect(await group.getByLabel('Valeur', { exact: true }).inputValue()).toBe('Association');
    await group.getByRole('button', { name: 'Enregistrer la règle du groupe « Associations »' }).click();
    await page.getByText('La règle de routage du groupe « Associations » a été enregistrée.').waitFor();
    const groups = (await (await context.request.get(`/api/admin/procedures/${procedure.id}/groups`)).json()) as GroupPage;
    expect(JSON.stringify(groups.items.find((item) => item.label === 'Associations')?.routingRule)).toContain(`"field":"${kind.stableId}"`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // An instructeur added by e-mail.
    const instructeur = freshEmail('instructeur');
    await group.getByRole('button', { name: 'Gérer les instructeurs' }).click();
    await group.getByLabel('Ajouter des instructeurs').fill(instructeur);
    await group.getByRole('button', { name: 'Ajouter au groupe « Associations »' }).click();
    await page.getByText('1 instructeur ajouté au groupe « Associations ».').waitFor();
    await group.getByRole('list', { name: 'Instructeurs du groupe « Associations »' }).getByText(instructeur).waitFor();
    await group.getByText('1 instructeur', { exact: true }).waitFor();

    // Route preview: the rule's group, else the default one.
    const preview = page.getByRole('form', { name: 'Tester le routage' });
    await preview.getByText('Association', { exact: true }).click();
    await preview.getByRole('button', { name: 'Tester le routage' }).click();
    await preview.getByText('Ce dossier irait au groupe « Associations ».').waitFor();
    await preview.getByText('Entreprise', { exact: true }).click();
    await preview.getByRole('button', { name: 'Tester le routage' }).click();
    await preview.getByText('Ce dossier irait au groupe « Groupe par défaut ».').waitFor();

    // A CSV with a bad line: nothing is imported, the line's message is shown.
    const importForm = page.getByRole('form', { name: 'Importer des groupes et des instructeurs' });
    await importForm.getByLabel('Contenu du fichier').fill(`groupe;email\nEntreprises;${freshEmail('instructeur')}\nEntreprises;pas-une-adresse\n`);
    await importForm.getByRole('button', { name: 'Importer' }).click();
    await importForm.getByText('Ligne 3 : Adresse électronique invalide.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    const after = (await (await context.request.get(`/api/admin/procedures/${procedure.id}/groups`)).json()) as GroupPage;
    expect(after.items.map((item) => item.label).sort()).toEqual(['Associations', 'Groupe par défaut']);

    // The same file corrected is imported.
    await importForm.getByLabel('Contenu du fichier').fill(`groupe;email\nEntreprises;${freshEmail('instructeur')}\n`);
    await importForm.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('Import terminé : 1 groupe créé, 1 instructeur ajouté.').waitFor();
    const entreprises = page.getByRole('region', { name: '2. Entreprises' });
    await entreprises.waitFor();

    // Order of evaluation: « Entreprises » goes up, first; the default group stays last.
    await entreprises.getByRole('button', { name: 'Monter' }).click();
    await page.getByRole('region', { name: '1. Entreprises' }).waitFor();
    await page.getByRole('region', { name: '2. Associations' }).waitFor();
    const reordered = (await (await context.request.get(`/api/admin/procedures/${procedure.id}/groups`)).json()) as GroupPage;
    expect(reordered.items.filter((item) => item.label !== 'Groupe par défaut').map((item) => item.label)).toEqual(['Entreprises', 'Associations']);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
