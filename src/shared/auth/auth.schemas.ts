// API contract for signing in and managing one's own account (password, language, TOTP).
import { z } from 'zod';
import { limits } from '../limits';
import { permissions } from '../permissions';
import { Locale, Password, PersonName, User } from '../users/users.schemas';

export const Login = z
  .object({
    email: z.string().trim().min(1, { message: 'Required' }).max(limits.email),
    password: z.string().min(1, { message: 'Required' }).max(limits.passwordMax),
  })
  .strict();
export type Login = z.infer<typeof Login>;

export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: 'Six digits' });

export const TotpLogin = z.object({ code: TotpCode }).strict();
export type TotpLogin = z.infer<typeof TotpLogin>;

export const SessionInfo = z.object({
  user: User,
  permissions: z.array(z.enum(permissions)),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), session: SessionInfo }),
  z.object({ status: z.literal('totp-required') }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

export const MeUpdate = z.object({ name: PersonName.optional(), locale: Locale.optional() }).strict();
export type MeUpdate = z.infer<typeof MeUpdate>;

export const PasswordChange = z.object({ current: z.string().min(1).max(limits.passwordMax), next: Password }).strict();
export type PasswordChange = z.infer<typeof PasswordChange>;

export const TotpSetup = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export type TotpSetup = z.infer<typeof TotpSetup>;

export const TotpEnable = z.object({ code: TotpCode }).strict();
export const TotpDisable = z.object({ password: z.string().min(1).max(limits.passwordMax) }).strict();

export const Ok = z.object({ ok: z.literal(true) });
/** The body of an action that takes no input: nothing, or an empty object (unknown fields are refused). */
export const EmptyBody = z.object({}).strict().nullish();
