// API contract for automation tokens: created by admins, shown once, scoped to a role, revocable.
import { z } from 'zod';
import { limits } from '../limits';
import { Role } from '../users/users.schemas';

export const ApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  role: Role,
  userId: z.string(),
  userEmail: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = z.object({ items: z.array(ApiToken) });

export const ApiTokenCreate = z
  .object({
    name: z.string().trim().min(1, { message: 'Required' }).max(limits.tokenName),
    role: Role,
    /** The account the token acts for; defaults to the admin creating it. */
    userId: z.uuid().optional(),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

export const ApiTokenCreated = z.object({ token: ApiToken, secret: z.string() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;
