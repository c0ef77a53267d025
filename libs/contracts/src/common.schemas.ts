import { z } from 'zod';

export const uuid = z.string().uuid();
export const isoDateTime = z.string().datetime({ offset: true });

/** Keyset pagination: `after` is the last item's cursor of the previous page. */
export const pageRequest = z.object({
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});

export const personSchema = z.object({
  accountId: uuid,
  email: z.string().email(),
  firstName: z.string(),
  lastName: z.string(),
});
export type Person = z.infer<typeof personSchema>;
