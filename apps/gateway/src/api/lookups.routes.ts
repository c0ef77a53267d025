import { z } from 'zod';
import { lookupContracts, lookupOutcomeSchema, lookupSettingsInputSchema, lookupSettingsSchema, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const tag = 'Vérifications externes';

/**
 * External lookups (issue #3, point 1): the administrateur's register settings (tokens are written,
 * never read back) and the usager's lookups as they type (address suggestions, company data).
 */
export const lookupRoutes = {
  getSettings: defineRoute({
    method: 'GET',
    path: '/api/admin/lookups',
    tag,
    summary: 'Les services de vérification de l’administration (API Entreprise, Base Adresse Nationale, référentiels), sans les jetons',
    access: 'administrateur',
    response: lookupSettingsSchema,
    status: 200,
  }),
  putSettings: defineRoute({
    method: 'PUT',
    path: '/api/admin/lookups',
    tag,
    summary: 'Régler un service de vérification (un jeton omis est conservé, null le retire)',
    access: 'administrateur',
    body: lookupSettingsInputSchema,
    response: lookupSettingsSchema,
    status: 200,
  }),
  lookup: defineRoute({
    method: 'POST',
    path: '/api/dossiers/:dossierId/lookups',
    tag: 'Usager',
    summary: 'Rechercher une valeur pour un champ du dossier (SIRET, RNA, adresse, référentiel) ; rien n’est enregistré',
    access: 'signedIn',
    params: z.object({ dossierId: uuid }),
    body: lookupContracts.lookup.request.omit({ dossierId: true }).strict(),
    response: lookupOutcomeSchema,
    status: 200,
  }),
};
