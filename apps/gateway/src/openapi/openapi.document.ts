import { z } from 'zod';
import { errorBodySchema } from '@guichet/contracts';
import type { RouteSpec } from '../http/route';
import { SESSION_COOKIE } from '../identity/session.service';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // `unrepresentable: 'any'`: a refinement or transform is documented by its base type, never a crash.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

const accessNotes: Record<RouteSpec['access'], string> = {
  public: 'Accès libre.',
  signedIn: 'Compte connecté.',
  agent: 'Administrateur ou instructeur de l’administration courante.',
  operator: 'Opérateur de l’instance.',
  administrateur: 'Administrateur de l’administration courante.',
  instructeur: 'Instructeur de l’administration courante.',
  expert: 'Expert.',
};

const statusDescriptions: Record<RouteSpec['status'], string> = {
  200: 'Succès',
  201: 'Créé',
  204: 'Fait, sans contenu',
  302: 'Redirection vers une adresse de téléchargement de courte durée',
};

function parameters(route: RouteSpec): JsonSchema[] {
  const list: JsonSchema[] = [];
  for (const [name, schema] of Object.entries(route.params?.shape ?? {})) {
    list.push({ name, in: 'path', required: true, schema: jsonSchema(schema as z.ZodType, 'input') });
  }
  for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
    const field = schema as z.ZodType;
    list.push({ name, in: 'query', required: !field.safeParse(undefined).success, schema: jsonSchema(field, 'input') });
  }
  if (route.access !== 'public') {
    list.push({
      name: 'x-guichet-tenant',
      in: 'header',
      required: false,
      description: 'Administration dans laquelle agir, parmi celles du compte (sinon celle de la session).',
      schema: { type: 'string', format: 'uuid' },
    });
  }
  return list;
}

function operation(operationId: string, route: RouteSpec): JsonSchema {
  const success: JsonSchema = { description: statusDescriptions[route.status] };
  if (route.status === 302) success.headers = { Location: { schema: { type: 'string', format: 'uri' } } };
  else if (route.response && route.status !== 204) success.content = { 'application/json': { schema: jsonSchema(route.response, 'output') } };
  return {
    operationId,
    tags: [route.tag],
    summary: route.summary,
    description: accessNotes[route.access],
    security: route.access === 'public' ? [] : [{ sessionCookie: [] }],
    'x-guichet-access': route.access,
    parameters: parameters(route),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses: { [String(route.status)]: success, default: { $ref: '#/components/responses/Error' } },
  };
}

/** The OpenAPI 3.1 document of the gateway, generated from the same route specs that validate requests. */
export function buildOpenApiDocument(routes: readonly { operationId: string; route: RouteSpec }[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const { operationId, route } of routes) {
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(operationId, route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guichet — API HTTP',
      version: '1.0.0',
      description:
        'L’API du navigateur et des intégrateurs. Corps en JSON uniquement (415 sinon). Toute erreur répond `{ error: { code, message, fields?, errorId? } }`.',
    },
    paths,
    components: {
      securitySchemes: { sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      schemas: { ErrorEnvelope: jsonSchema(z.object({ error: errorBodySchema }), 'output') },
      responses: { Error: { description: 'Erreur', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } } },
    },
  };
}
