import { z } from 'zod';
import { defineRoute } from '../http/route';

export const openApiRoutes = {
  document: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    tag: 'Documentation',
    summary: 'Ce document OpenAPI 3.1',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
    status: 200,
  }),
};
