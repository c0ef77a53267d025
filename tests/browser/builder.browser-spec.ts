import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { open, pagePerTest, seriousA11yViolations, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
const demoPassword = 'Demo-Guichet-2026!';
const administrateur = 'administrateur@demo.guichet.local';
const usager = 'usager@demo.guichet.local';

/** The text of the elements an input's aria-describedby points to (its hint and error messages). */
async function description(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

async function signIn(page: Page, email: string): Promise<void> {
  await open(page, '/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(demoPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Agents land on their dashboard, usagers on « Mes dossiers ».
  await page.waitForURL(email === administrateur ? '**/instructeur' : '**/mes-dossiers');
}

/** Adds a field at the end of the form (or of `block`) and names it; returns its editor. */
async function addField(page: Page, type: string, label: string, block?: Locator): Promise<Locator> {
  const scope = block ?? page.locator('main');
  await scope.getByLabel(block ? 'Type du champ à ajouter au bloc' : 'Type du champ à ajouter', { exact: true }).last().selectOption({ label: type });
  await scope.getByRole('button', { name: block ? 'Ajouter au bloc' : 'Ajouter le champ', exact: true }).last().click();
  // The new field's label input has the focus.
  const labelInput = page.locator(':focus');
  await expect.poll(() => labelInput.evaluate((element) => element.id)).toMatch(/^champ-.+-label$/);
  await labelInput.fill(label);
  return page.getByRole('region', { name: new RegExp(`^\\d+\\. ${label} \\(${type}\\)$`) });
}

/** Ticks a DSFR checkbox as a user does, by its label (the label covers the styled box). */
async function tick(scope: Locator, label: string): Promise<void> {
  await scope.locator('label').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
  expect(await scope.getByLabel(label, { exact: true }).isChecked()).toBe(true);
}

/** Top-level fields in order, as their headings read (« 1. Libellé (Type) »). */
async function fieldHeadings(page: Page): Promise<string[]> {
  return (await page.locator('main h3').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('construction d’un formulaire par un administrateur', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('un usager ne voit pas l’entrée « Mes démarches » et la page lui est refusée', async () => {
    await signIn(page, usager);
    await waitForHeading(page, 'Mes dossiers');
    expect(await page.getByRole('banner').getByRole('link', { name: 'Mes démarches' }).count()).toBe(0);
    await open(page, '/admin/demarches');
    await page.getByText('Cette page est réservée aux administrateurs des démarches.').waitFor();
    expect(await page.getByRole('button', { name: 'Créer une démarche' }).count()).toBe(0);
  });

  it('crée une démarche, construit ses champs, les réordonne, puis teste le formulaire', async () => {
    await signIn(page, administrateur);

    // « Mes démarches », from the header.
    await page.getByRole('banner').getByRole('link', { name: 'Mes démarches' }).first().click();
    await waitForHeading(page, 'Mes démarches');
    await page.locator('main table').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Creation: the 422's French messages go on the right fields.
    await page.getByRole('link', { name: 'Créer une démarche' }).click();
    await waitForHeading(page, 'Créer une démarche');
    expect(await seriousA11yViolations(page)).toEqual([]);
    // The messages the gateway gives for this input, which the page must show on each input.
    const refused = await context.request.post('/api/admin/procedures', { data: { title: 'ab', description: '', path: 'Pas Valide' } });
    expect(refused.status()).toBe(422);
    const { error } = (await refused.json()) as { error: { fields: Record<string, string> } };
    expect(Object.keys(error.fields).sort()).toEqual(['path', 'title']);
    await page.getByLabel('Titre').fill('ab');
    await page.getByLabel('Adresse de la démarche').fill('Pas Valide');
    await page.getByRole('button', { name: 'Créer la démarche' }).click();
    await expect.poll(() => description(page.getByLabel('Adresse de la démarche'))).toContain(error.fields['path']);
    expect(await description(page.getByLabel('Titre'))).toContain(error.fields['title']);
    expect(await description(page.getByLabel('Description'))).toBe('');
    // The focus goes to the first input to correct.
    expect(await page.locator(':focus').getAttribute('name')).toBe('title');
    expect(await seriousA11yViolations(page)).toEqual([]);

    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const title = `Subvention aux associations ${suffix}`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Adresse de la démarche').fill(`subvention-${suffix}`);
    await page.getByRole('button', { name: 'Créer la démarche' }).click();
    await page.waitForURL(/\/admin\/demarches\/[0-9a-f-]+\/champs$/);
    await waitForHeading(page, title);
    await page.getByText('Le formulaire n’a pas encore de champ.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Fields: a list, a conditional text, a number with bounds, a repeatable block with two children.
    const kind = await addField(page, 'Liste déroulante', 'Type de demandeur');
    await kind.getByLabel('Choix proposés').fill('Association\nEntreprise');
    await tick(kind, 'Champ obligatoire');

    const name = await addField(page, 'Texte court', 'Nom de l’association');
    await tick(name, 'Champ obligatoire');
    await name.getByRole('button', { name: 'Ajouter une condition' }).click();
    // The condition editor offers only the fields before this one, and the list's choices.
    const conditionField = name.getByLabel('Champ', { exact: true });
    expect(await conditionField.locator('option').allTextContents()).toEqual(['Type de demandeur']);
    expect(await name.getByLabel('Opérateur').locator('option').allTextContents()).toEqual(['est égal à', 'est différent de', 'est vide', 'est rempli']);
    expect(await name.getByLabel('Valeur', { exact: true }).inputValue()).toBe('Association');
    await name.getByText('Si « Type de demandeur » est égal à « Association »').waitFor();

    const amount = await addField(page, 'Nombre entier', 'Montant demandé');
    await amount.getByLabel('Valeur minimale').fill('500');
    await amount.getByLabel('Valeur maximale').fill('100');

    const block = await addField(page, 'Bloc répétable', 'Membres du bureau');
    // A block cannot hold another block.
    expect(await block.getByLabel('Type du champ à ajouter au bloc').locator('option', { hasText: 'Bloc répétable' }).count()).toBe(0);
    const member = await addField(page, 'Texte court', 'Nom du membre', block);
    await tick(member, 'Champ obligatoire');
    await addField(page, 'Texte court', 'Fonction', block);

    // Saving: min > max is refused, the message is on the « Valeur maximale » input of that field.
    await page.getByRole('button', { name: 'Enregistrer les champs' }).click();
    await page.getByRole('heading', { name: 'Les champs n’ont pas été enregistrés' }).waitFor();
    const maxInput = amount.getByLabel('Valeur maximale');
    expect(await description(maxInput)).toContain('Le maximum doit être supérieur ou égal au minimum.');
    expect(await description(amount.getByLabel('Valeur minimale'))).toBe('');
    expect(await description(name.getByLabel('Libellé', { exact: true }))).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await maxInput.fill('5000');
    await page.getByRole('button', { name: 'Enregistrer les champs' }).click();
    await page.getByText('Les champs ont été enregistrés.').waitFor();
    expect(await page.getByRole('heading', { name: 'Les champs n’ont pas été enregistrés' }).count()).toBe(0);

    // Reordering with the keyboard: « Montant demandé » goes up, above « Nom de l’association ».
    const up = amount.getByRole('button', { name: 'Monter' });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => fieldHeadings(page))
      .toEqual([
        '1. Type de demandeur (Liste déroulante)',
        '2. Montant demandé (Nombre entier)',
        '3. Nom de l’association (Texte court)',
        '4. Membres du bureau (Bloc répétable)',
      ]);
    // The focus stays on the button that was pressed, on the moved field.
    expect(await page.locator(':focus').evaluate((element) => element.textContent?.trim())).toBe('Monter');
    expect(await page.locator(':focus').getAttribute('aria-describedby')).toMatch(/heading$/);
    await page.getByRole('button', { name: 'Enregistrer les champs' }).click();
    await page.getByText('Les champs ont été enregistrés.').waitFor();

    await page.reload();
    await waitForHeading(page, title);
    await expect
      .poll(() => fieldHeadings(page))
      .toEqual([
        '1. Type de demandeur (Liste déroulante)',
        '2. Montant demandé (Nombre entier)',
        '3. Nom de l’association (Texte court)',
        '4. Membres du bureau (Bloc répétable)',
      ]);
    expect(await page.locator('main h4').allTextContents()).toEqual(expect.arrayContaining(['1. Nom du membre (Texte court)', '2. Fonction (Texte court)']));
    expect(await page.getByRole('region', { name: /Montant demandé/ }).getByLabel('Valeur maximale').inputValue()).toBe('5000');

    // Preview: the condition is evaluated live, « Vérifier » reports the missing mandatory fields.
    await page.getByRole('navigation', { name: 'Configuration de la démarche' }).getByRole('link', { name: 'Aperçu' }).click();
    await page.getByRole('heading', { name: 'Tester le formulaire', level: 2 }).waitFor();
    const form = page.getByRole('form', { name: `Aperçu du formulaire « ${title} »` });
    await form.getByRole('radio', { name: 'Association' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    const nameInput = form.getByLabel('Nom de l’association *');
    expect(await nameInput.count()).toBe(0);
    await form.getByText('Association', { exact: true }).click();
    await nameInput.waitFor();
    await form.getByText('Entreprise', { exact: true }).click();
    await nameInput.waitFor({ state: 'detached' });
    await form.getByText('Association', { exact: true }).click();
    await nameInput.waitFor();

    await form.getByRole('button', { name: /Ajouter une ligne/ }).click();
    const memberInput = form.getByLabel('Nom du membre *');
    await memberInput.waitFor();
    await form.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByRole('heading', { name: 'Le dossier ne pourrait pas être déposé' }).waitFor();
    expect(await description(nameInput)).toContain('Ce champ est obligatoire.');
    expect(await description(memberInput)).toContain('Ce champ est obligatoire.');
    expect(await description(form.getByLabel('Montant demandé'))).not.toContain('obligatoire');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // An out-of-bounds amount is refused in French too; correcting everything makes the form valid.
    await form.getByLabel('Montant demandé').fill('10');
    await expect.poll(() => description(form.getByLabel('Montant demandé'))).toContain('La valeur doit être supérieure ou égale à 500.');
    await form.getByLabel('Montant demandé').fill('1000');
    await nameInput.fill('Les Amis du Parc');
    await memberInput.fill('Camille Martin');
    await form.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByRole('heading', { name: 'Le dossier pourrait être déposé' }).waitFor();

    // Nothing was saved: the draft still has its four fields and no dossier exists.
    const saved = await context.request.get(new URL(page.url()).pathname.replace(/^\/admin\/demarches\/([^/]+)\/apercu$/, '/api/admin/procedures/$1'));
    expect(saved.status()).toBe(200);
    expect(((await saved.json()) as { draftRevision: { fields: unknown[] } }).draftRevision.fields).toHaveLength(4);
  });
});

describe('aperçu de chaque type de champ', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('l’aperçu montre un champ accessible pour chaque type du catalogue', async () => {
    await signIn(page, administrateur);
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const created = await context.request.post('/api/admin/procedures', { data: { title: `Tous les champs ${suffix}`, description: '', path: `tous-les-champs-${suffix}` } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    // One field per type, with the options its type requires.
    const options: Record<string, unknown> = {
      drop_down_list: { choices: ['Oui', 'Non', 'Peut-être'], other: true },
      multiple_drop_down_list: { choices: ['Rouge', 'Vert'] },
      linked_drop_down_list: { linkedChoices: [{ value: 'Fruits', children: ['Pomme', 'Poire'] }] },
      formatted: { mode: 'simple', digits: true, letters: false },
    };
    const types = [
      ['header_section', 'Titre de section'], ['explication', 'Explication'], ['dossier_link', 'Lien vers un autre dossier'], ['civilite', 'Civilité'],
      ['email', 'Adresse électronique'], ['phone', 'Numéro de téléphone'], ['address', 'Adresse'], ['communes', 'Commune'], ['departements', 'Département'],
      ['regions', 'Région'], ['epci', 'EPCI'], ['pays', 'Pays'], ['carte', 'Carte'], ['siret', 'Numéro SIRET'], ['rna', 'Numéro RNA'], ['rnf', 'Numéro RNF'],
      ['iban', 'IBAN'], ['text', 'Texte court'], ['textarea', 'Texte long'], ['integer_number', 'Nombre entier'], ['decimal_number', 'Nombre décimal'],
      ['formatted', 'Texte formaté'], ['date', 'Date'], ['datetime', 'Date et heure'], ['checkbox', 'Case à cocher'], ['yes_no', 'Oui ou non'],
      ['drop_down_list', 'Liste déroulante'], ['multiple_drop_down_list', 'Choix multiples'], ['linked_drop_down_list', 'Deux listes liées'],
      ['piece_justificative', 'Pièce justificative'], ['titre_identite', 'Titre d’identité'], ['annuaire_education', 'Établissement scolaire'], ['cnaf', 'Données CAF'],
      ['dgfip', 'Données fiscales'], ['pole_emploi', 'Situation France Travail'], ['mesri', 'Statut étudiant'], ['referentiel', 'Référentiel'],
    ] as const;
    const fields = [
      ...types.map(([type, label]) => ({ stableId: crypto.randomUUID(), type, label, options: options[type] ?? {} })),
      { stableId: crypto.randomUUID(), type: 'repetition', label: 'Bloc répétable', options: {}, children: [{ stableId: crypto.randomUUID(), type: 'text', label: 'Texte du bloc', options: {} }] },
    ];
    const patched = await context.request.patch(`/api/admin/procedures/${id}`, { data: { fields } });
    expect(patched.status()).toBe(200);

    // The field editor of every type (its generated option inputs) is accessible too.
    await open(page, `/admin/demarches/${id}/champs`);
    await page.getByRole('region', { name: /Texte formaté/ }).getByRole('radio', { name: 'Lettres, chiffres et longueur' }).waitFor();
    expect(await page.getByRole('region', { name: /Carte/ }).getByRole('checkbox', { name: 'Zones (polygones)' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await open(page, `/admin/demarches/${id}/apercu`);
    await page.getByRole('heading', { name: 'Tester le formulaire', level: 2 }).waitFor();
    const form = page.getByRole('form', { name: /Aperçu du formulaire/ });
    await form.getByRole('heading', { name: 'Titre de section' }).waitFor();
    for (const [type, label] of types) {
      if (type === 'header_section' || type === 'explication') {
        expect(await form.getByText(label, { exact: true }).count()).toBe(1);
        continue;
      }
      // Every field that takes a value has a labelled input, select, textarea or group of inputs.
      const labelled = form.getByLabel(label);
      const group = form.getByRole('group', { name: label });
      expect((await labelled.count()) + (await group.count()), `${type} « ${label} »`).toBeGreaterThan(0);
    }
    await form.getByRole('button', { name: /Ajouter une ligne/ }).click();
    await form.getByLabel('Texte du bloc').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The location lists are the official ones; « Vérifier » checks formats in French.
    expect(await form.getByLabel('Département').locator('option', { hasText: '2A – Corse-du-Sud' }).count()).toBe(1);
    await form.getByLabel('Numéro SIRET').fill('12345678901234');
    await form.getByLabel('Adresse électronique').fill('pas-une-adresse');
    await form.getByRole('button', { name: 'Vérifier' }).click();
    await expect.poll(() => description(form.getByLabel('Adresse électronique'))).toContain('Adresse électronique invalide');
    expect(await description(form.getByLabel('Numéro SIRET'))).not.toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
