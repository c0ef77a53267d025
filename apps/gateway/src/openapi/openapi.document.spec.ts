import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.document';
import { allRoutes } from './route.catalogue';

type Operation = {
  operationId: string;
  security: unknown[];
  parameters: { name: string; in: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, unknown>;
};

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument(allRoutes()) as { openapi: string; paths: Record<string, Record<string, Operation>> };
  const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));

  it('is OpenAPI 3.1 with one operation per route, unique ids', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(operations).toHaveLength(allRoutes().length);
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
  });

  it('declares every path parameter of every route, and only those', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const operation of Object.values(methods)) {
        expect(operation.parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name), operation.operationId).toEqual(inPath);
      }
    }
  });

  it('documents JSON bodies, the session requirement and the error envelope', () => {
    for (const { operationId, route } of allRoutes()) {
      const operation = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(operation, operationId).toBeDefined();
      expect(Boolean(operation?.requestBody), operationId).toBe(Boolean(route.body));
      if (operation?.requestBody) expect(Object.keys(operation.requestBody.content)).toEqual(['application/json']);
      expect(operation?.security, operationId).toEqual(route.access === 'public' ? [] : [{ sessionCookie: [] }]);
      expect(operation?.responses.default).toEqual({ $ref: '#/components/responses/Error' });
      expect(operation?.responses[String(route.status)], operationId).toBeDefined();
    }
  });

  it('documents the sign-up body from the schema that validates it', () => {
    const signUp = document.paths['/api/auth/signup']?.post?.requestBody?.content['application/json'] as { schema: { properties: Record<string, unknown>; required: string[] } };
    expect(Object.keys(signUp.schema.properties).sort()).toEqual(['email', 'firstName', 'lastName', 'password']);
    expect(signUp.schema.required.sort()).toEqual(['email', 'firstName', 'lastName', 'password']);
    expect(signUp.schema.properties.password).toMatchObject({ minLength: 12 });
  });
});
