import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoute, isJsonContentType, parseRouteInput } from './route';

const route = defineRoute({
  method: 'POST',
  path: '/api/things/:thingId',
  tag: 'Test',
  summary: 'test',
  access: 'signedIn',
  params: z.object({ thingId: z.uuid() }),
  query: z.object({ limit: z.coerce.number().int().min(1).default(10) }),
  body: z.strictObject({ name: z.string().min(1) }),
  status: 200,
});
const thingId = '3f2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';

function request(overrides: Partial<{ params: unknown; query: unknown; body: unknown; headers: Record<string, string> }>): FastifyRequest {
  return { params: { thingId }, query: {}, body: { name: 'x' }, headers: { 'content-type': 'application/json' }, caller: null, ...overrides } as unknown as FastifyRequest;
}

describe('parseRouteInput', () => {
  it('returns parsed params, query (defaults applied) and body', () => {
    const input = parseRouteInput(route, request({ query: { limit: '5' } }));
    expect(input.params).toEqual({ thingId });
    expect(input.query).toEqual({ limit: 5 });
    expect(input.body).toEqual({ name: 'x' });
    expect(input.ctx).toEqual({});
  });

  it('answers a path that names nothing possible with NOT_FOUND', () => {
    expect(() => parseRouteInput(route, request({ params: { thingId: '42' } }))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }) as Error);
  });

  it('answers a bad query with VALIDATION_FAILED on the parameter', () => {
    expect(() => parseRouteInput(route, request({ query: { limit: 'abc' } }))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: { limit: expect.any(String) as string } }) as Error);
  });

  it('requires a JSON content type for a route with a body', () => {
    for (const headers of [{}, { 'content-type': 'text/plain' }, { 'content-type': 'application/jsonp' }] as Record<string, string>[]) {
      expect(() => parseRouteInput(route, request({ headers }))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }) as Error);
    }
  });

  it('tells a missing field from a field of the wrong type, and refuses unknown keys', () => {
    expect(() => parseRouteInput(route, request({ body: {} }))).toThrow(expect.objectContaining({ fields: { name: 'Ce champ est obligatoire.' } }) as Error);
    expect(() => parseRouteInput(route, request({ body: { name: 3 } }))).toThrow(expect.objectContaining({ fields: { name: 'Valeur de type incorrect.' } }) as Error);
    expect(() => parseRouteInput(route, request({ body: { name: 'x', isOperator: true } }))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }) as Error);
    expect(() => parseRouteInput(route, request({ body: undefined }))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }) as Error);
  });
});

describe('isJsonContentType', () => {
  it('accepts application/json with parameters and any case, nothing else', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/json-patch+json')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});
