import { z } from 'zod';
import { defineRoute } from '../http/route';
import {
  accountJsonSchema,
  addMemberBody,
  createExpertBody,
  createTenantBody,
  meJsonSchema,
  membershipJsonSchema,
  signInBody,
  signUpBody,
  switchTenantBody,
  tenantJsonSchema,
} from './identity.schemas';

const accountEnvelope = z.object({ account: accountJsonSchema });

export const authRoutes = {
  signUp: defineRoute({ method: 'POST', path: '/api/auth/signup', tag: 'Compte', summary: 'Créer un compte usager (et ouvrir une session)', access: 'public', body: signUpBody, response: accountEnvelope, status: 201 }),
  signIn: defineRoute({ method: 'POST', path: '/api/auth/signin', tag: 'Compte', summary: 'Se connecter (25 essais par 15 s et par adresse IP)', access: 'public', body: signInBody, response: accountEnvelope, status: 200 }),
  signOut: defineRoute({ method: 'POST', path: '/api/auth/signout', tag: 'Compte', summary: 'Se déconnecter', access: 'public', status: 204 }),
  me: defineRoute({ method: 'GET', path: '/api/me', tag: 'Compte', summary: 'Le compte connecté, ses rôles et ses administrations', access: 'signedIn', response: z.object({ account: meJsonSchema }), status: 200 }),
  switchTenant: defineRoute({
    method: 'PUT',
    path: '/api/me/current-tenant',
    tag: 'Compte',
    summary: 'Changer l’administration courante de la session (agents membres de plusieurs administrations)',
    access: 'signedIn',
    body: switchTenantBody,
    response: z.object({ account: meJsonSchema }),
    status: 200,
  }),
};

const tenantId = z.object({ tenantId: z.uuid() });

export const operatorRoutes = {
  listTenants: defineRoute({ method: 'GET', path: '/api/operator/tenants', tag: 'Opérateur', summary: 'Lister les administrations', access: 'operator', response: z.object({ items: z.array(tenantJsonSchema) }), status: 200 }),
  createTenant: defineRoute({ method: 'POST', path: '/api/operator/tenants', tag: 'Opérateur', summary: 'Créer une administration', access: 'operator', body: createTenantBody, response: tenantJsonSchema, status: 201 }),
  addMember: defineRoute({
    method: 'POST',
    path: '/api/operator/tenants/:tenantId/members',
    tag: 'Opérateur',
    summary: 'Donner un rôle d’agent dans une administration (crée le compte si l’adresse est nouvelle)',
    access: 'operator',
    params: tenantId,
    body: addMemberBody,
    response: z.object({ account: accountJsonSchema.omit({ roles: true }), membership: membershipJsonSchema, accountCreated: z.boolean() }),
    status: 201,
  }),
  grantExpert: defineRoute({
    method: 'POST',
    path: '/api/operator/experts',
    tag: 'Opérateur',
    summary: 'Faire d’un compte un expert (crée le compte si l’adresse est nouvelle)',
    access: 'operator',
    body: createExpertBody,
    response: z.object({ account: accountJsonSchema.omit({ roles: true }), accountCreated: z.boolean() }),
    status: 201,
  }),
};
