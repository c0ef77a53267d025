import { z } from 'zod';
import { membershipRoles } from './membership.entity';

/** E-mail addresses are compared lower-case and trimmed everywhere. */
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** Long enough to resist guessing; bounded so hashing cannot be used to exhaust the CPU. */
export const newPasswordSchema = z.string().min(12).max(200);
const personName = z.string().trim().min(1).max(100);
export const tenantSlugSchema = z
  .string()
  .trim()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lettres minuscules, chiffres et tirets uniquement.');

export const signUpBody = z.strictObject({ email: emailSchema, password: newPasswordSchema, firstName: personName, lastName: personName });
export const signInBody = z.strictObject({ email: z.string().trim().toLowerCase().min(1).max(254), password: z.string().min(1).max(200) });
export const switchTenantBody = z.strictObject({ tenantId: z.uuid() });

export const createTenantBody = z.strictObject({ slug: tenantSlugSchema, name: z.string().trim().min(2).max(200) });
export const addMemberBody = z.strictObject({
  email: emailSchema,
  role: z.enum(membershipRoles),
  firstName: personName,
  lastName: personName,
  /** Used only when the account does not exist yet; an existing account keeps its password. */
  password: newPasswordSchema.optional(),
});
export const createExpertBody = z.strictObject({ email: emailSchema, firstName: personName, lastName: personName, password: newPasswordSchema.optional() });

const role = z.enum(['usager', 'instructeur', 'administrateur', 'expert', 'operator']);
export const accountJsonSchema = z.object({ id: z.uuid(), email: z.string(), firstName: z.string(), lastName: z.string(), roles: z.array(role) });
export const membershipJsonSchema = z.object({ tenantId: z.uuid(), tenantName: z.string(), role: z.enum(membershipRoles) });
export const meJsonSchema = accountJsonSchema.extend({
  memberships: z.array(membershipJsonSchema),
  currentTenant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export const tenantJsonSchema = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), createdAt: z.string() });
