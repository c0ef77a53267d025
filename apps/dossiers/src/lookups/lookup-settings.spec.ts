import { describe, expect, it } from 'vitest';
import { fieldErrorsFromZod, lookupSettingsInputSchema } from '@guichet/contracts';

/** The field messages an administrateur sees for a settings input (as the gateway reports them). */
function errorsOf(input: unknown): Record<string, string> {
  const parsed = lookupSettingsInputSchema.safeParse(input, { reportInput: true });
  return parsed.success ? {} : fieldErrorsFromZod(parsed.error);
}

const httpMessage = 'Indiquez une adresse web complète commençant par https:// ou http:// (sans identifiant ni mot de passe).';

describe('lookup settings validation', () => {
  it('accepts https and http addresses, null for the instance default, and trims them', () => {
    const parsed = lookupSettingsInputSchema.parse({ kind: 'entreprise', enabled: true, baseUrl: ' https://entreprise.api.gouv.fr ', token: 'jeton', recipient: '13002526500013' });
    expect(parsed).toEqual({ kind: 'entreprise', enabled: true, baseUrl: 'https://entreprise.api.gouv.fr', token: 'jeton', recipient: '13002526500013' });
    expect(errorsOf({ kind: 'adresse', enabled: false, baseUrl: 'http://127.0.0.1:7878' })).toEqual({});
    expect(errorsOf({ kind: 'association', enabled: true, baseUrl: null, token: null, recipient: null })).toEqual({});
  });

  it.each(['ftp://ban.example.fr', 'javascript:alert(1)', 'file:///etc/passwd', 'ban.example.fr', 'https://moi:secret@ban.example.fr'])('refuses %s with a French message', (baseUrl) => {
    expect(errorsOf({ kind: 'adresse', enabled: true, baseUrl })).toEqual({ baseUrl: httpMessage });
  });

  it('refuses an empty token (null removes it), a malformed recipient and unknown keys', () => {
    expect(errorsOf({ kind: 'entreprise', enabled: true, baseUrl: null, token: '  ' })).toEqual({ token: 'Ce champ ne peut pas être vide (indiquez null pour le retirer).' });
    expect(errorsOf({ kind: 'entreprise', enabled: true, baseUrl: null, recipient: '1300 2526' })).toEqual({ recipient: 'Le destinataire est le numéro SIRET de l’administration : 14 chiffres.' });
    expect(errorsOf({ kind: 'adresse', enabled: true, baseUrl: null, token: 'x' })).toEqual({ _: 'Champs inconnus : token.' });
    expect(Object.keys(errorsOf({ kind: 'annuaire', enabled: true }))).toEqual(['kind']);
  });

  it('checks each referential: {id} in an http(s) template, header name, properties, unique ids', () => {
    const valid = { referentielId: 'ecoles', urlTemplate: 'https://ref.example.fr/ecoles/{id}?format=json', headerName: 'X-Api-Key', headerValue: 'cle', properties: ['nom', 'adresse.commune'] };
    expect(errorsOf({ kind: 'referentiel', enabled: true, definitions: [valid] })).toEqual({});
    expect(
      errorsOf({
        kind: 'referentiel',
        enabled: true,
        definitions: [
          { ...valid, urlTemplate: 'https://ref.example.fr/ecoles' },
          { ...valid, referentielId: 'b', urlTemplate: 'ftp://ref.example.fr/{id}' },
          { ...valid, referentielId: 'c', headerName: 'X Api Key' },
          { ...valid, referentielId: 'd', properties: ['nom', 'nom'] },
          { ...valid, referentielId: 'e', properties: ['adresse..commune'] },
          { ...valid, referentielId: 'f', properties: [] },
          { ...valid, referentielId: 'g', headerName: null },
          valid,
        ],
      }),
    ).toEqual({
      'definitions.0.urlTemplate': 'L’adresse doit contenir {id}, remplacé par la valeur saisie.',
      'definitions.1.urlTemplate': httpMessage,
      'definitions.2.headerName': 'Nom d’en-tête HTTP invalide (lettres, chiffres et - seulement, par exemple X-Api-Key).',
      'definitions.3.properties': 'Une propriété figure plusieurs fois.',
      'definitions.4.properties.0': 'Propriété invalide : des noms séparés par des points (exemple : adresse.commune).',
      'definitions.5.properties': 'Indiquez au moins une propriété à conserver.',
      'definitions.6.headerName': 'Indiquez le nom de l’en-tête qui porte cette valeur.',
      'definitions.7.referentielId': 'Cet identifiant est déjà celui d’un autre référentiel.',
    });
  });
});
