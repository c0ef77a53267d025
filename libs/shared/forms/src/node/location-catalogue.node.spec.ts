import { describe, expect, it } from 'vitest';
import { compileForm } from '../form.compiler';
import { nodeLocationCatalogue } from './location-catalogue.node';

describe('nodeLocationCatalogue (official lists)', () => {
  const catalogue = nodeLocationCatalogue();

  it('knows communes by INSEE code, with their département and région', () => {
    expect(catalogue.commune('75056')).toMatchObject({ nom: 'Paris', departement: '75', region: '11' });
    expect(catalogue.commune('2A004')).toMatchObject({ nom: 'Ajaccio', departement: '2A', region: '94' });
    expect(catalogue.commune('97411')).toMatchObject({ nom: 'Saint-Denis', departement: '974' });
    expect(catalogue.commune('75000')).toBeUndefined();
    // A municipal district is not a commune.
    expect(catalogue.commune('75101')).toBeUndefined();
  });

  it('knows départements, régions, EPCI and countries', () => {
    expect(catalogue.departement('69')).toMatchObject({ nom: 'Rhône', region: '84' });
    expect(catalogue.departement('96')).toBeUndefined();
    expect(catalogue.region('11')).toMatchObject({ nom: 'Île-de-France' });
    expect(catalogue.region('99')).toBeUndefined();
    expect(catalogue.epci('200054781')).toMatchObject({ code: '200054781' });
    expect(catalogue.epci('123456789')).toBeUndefined();
    expect(catalogue.country('FR')).toEqual({ code: 'FR', nom: 'France' });
    expect(catalogue.country('DE')).toEqual({ code: 'DE', nom: 'Allemagne' });
    expect(catalogue.country('XX')).toBeUndefined();
  });

  it('is what the compiled form checks location codes against', () => {
    const form = compileForm([{ stableId: 'c', type: 'communes', label: 'Commune' }, { stableId: 'p', type: 'pays', label: 'Pays' }], { locations: catalogue });
    expect(form.validateDraft({ c: '69123', p: 'fr' })).toEqual({ ok: true, values: { c: '69123', p: 'FR' } });
    expect(form.validateDraft({ c: '69999', p: 'XX' })).toMatchObject({ ok: false, fields: { c: expect.any(String), p: expect.any(String) } });
  });
});
