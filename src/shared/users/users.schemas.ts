// API contract for accounts: what an admin sees of a user and what it may send.
import { z } from 'zod';
import { limits } from '../limits';
import { roles } from '../permissions';
import { identity } from '../text';

export const Role = z.enum(roles);
export const Locale = z.enum(['en', 'fr']);
export type Locale = z.infer<typeof Locale>;

export const Email = z
  .string()
  .trim()
  .max(limits.email)
  .pipe(z.email({ message: 'Not a valid e-mail address' }))
  .transform((s) => s.toLowerCase());

export const Password = z
  .string()
  .min(limits.passwordMin, { message: `At least ${limits.passwordMin} characters` })
  .max(limits.passwordMax, { message: `At most ${limits.passwordMax} characters` });

// A person's name identifies them in the audit trail and on what they sign: the shared identity text rule.
export const PersonName = identity(limits.name).min(1, { message: 'Required' });

export const User = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: Role,
  organisationId: z.string().nullable(),
  locale: Locale,
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserList = z.object({ items: z.array(User) });
export type UserList = z.infer<typeof UserList>;

export const UserCreate = z
  .object({
    email: Email,
    name: PersonName,
    role: Role,
    organisationId: z.uuid().optional(),
    locale: Locale.optional(),
    /** Omit to have a strong password generated and returned once. */
    password: Password.optional(),
  })
  .strict();
export type UserCreate = z.input<typeof UserCreate>;

export const UserCreated = z.object({ user: User, initialPassword: z.string().nullable() });
export type UserCreated = z.infer<typeof UserCreated>;

export const UserUpdate = z
  .object({
    name: PersonName.optional(),
    role: Role.optional(),
    locale: Locale.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UserUpdate = z.infer<typeof UserUpdate>;

export const PasswordReset = z.object({ password: Password.optional() }).strict();
export type PasswordReset = z.infer<typeof PasswordReset>;
export const PasswordResetDone = z.object({ password: z.string().nullable() });

export const IdParams = z.object({ id: z.uuid({ message: 'Not a valid id' }) }).strict();
