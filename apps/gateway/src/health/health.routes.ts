import { z } from 'zod';
import { defineRoute } from '../http/route';

const serviceStatus = z.enum(['ok', 'database_unavailable', 'timeout', 'unavailable']);

export const healthRoutes = {
  live: defineRoute({ method: 'GET', path: '/health/live', tag: 'Santé', summary: 'Le processus répond', access: 'public', response: z.object({ status: z.literal('ok') }), status: 200 }),
  ready: defineRoute({
    method: 'GET',
    path: '/health/ready',
    tag: 'Santé',
    summary: 'La base, NATS et chaque service répondent (503 sinon, avec l’état de chacun)',
    access: 'public',
    response: z.object({
      status: z.enum(['ok', 'unavailable']),
      checks: z.object({ database: z.boolean(), nats: z.boolean(), services: z.record(z.string(), serviceStatus) }),
    }),
    status: 200,
  }),
};
