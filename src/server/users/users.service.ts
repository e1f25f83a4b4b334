// Use cases for accounts: create, list, update, disable, reset password or TOTP, and the first admin.
import type { Ctx } from '#server/ctx';
import type { Db } from '#server/db/client';
import { AppError } from '#server/http/errors';
import { recordAudit, changes } from '#server/audit/audit.service';
import { credentialsChanged, revokeUserSessions, type ChangeCtx } from '#server/sessions/sessions.service';
import { generatePassword, hashPassword } from '#server/crypto/secrets';
import * as repo from './users.repo';
import { isUniqueViolation } from '#server/db/errors';
import { unsafeFindOrganisationFacts } from '#server/organisations/organisations.service';
import type { UserRow } from './users.table';
import { isTeamRole } from '#shared/permissions';
import type { PasswordReset, User, UserCreate, UserCreated, UserList, UserUpdate } from '#shared/users/users.schemas';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organisationId: row.organisationId,
    locale: row.locale,
    totpEnabled: row.totpEnabledAt !== null,
    disabled: row.disabledAt !== null,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getUserRow(db: Db, id: string): Promise<UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('user-not-found', { detail: `No user with id ${id}` });
  return row;
}

export const findUserRowByEmail = (db: Db, email: string) => repo.findUserByEmail(db, email);
export const findUserRowById = (db: Db, id: string) => repo.findUserById(db, id);

/** The user when an active team member (a team role, not disabled), else null: the one rule for who may own a
 * report or incident, be on duty, or be paged. */
export async function findActiveTeamMember(db: Db, id: string): Promise<UserRow | null> {
  const user = await repo.findUserById(db, id);
  return user && isTeamRole(user.role) && !user.disabledAt ? user : null;
}
/** Updates a user row and tells every instance to forget its cached sessions and tokens (in `db`'s transaction). */
export async function updateUserRow(db: Db, ctx: ChangeCtx, id: string, patch: Parameters<typeof repo.updateUser>[2]): Promise<UserRow> {
  const row = await repo.updateUser(db, id, patch);
  await credentialsChanged(db, ctx, { kind: 'user', id });
  return row;
}
export const lockUserRow = (db: Db, id: string) => repo.lockUser(db, id);
/** Each user's interface language, for messages written to them. */
export const localesOf = (db: Db, ids: string[]) => repo.localesOf(db, ids);

export async function listUsers(ctx: Ctx): Promise<UserList> {
  return { items: (await repo.listUsers(ctx.db)).map(toUser) };
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  return toUser(await getUserRow(ctx.db, id));
}

function checkOrganisation(role: UserCreate['role'], organisationId: string | undefined) {
  // Organisations arrive with the constituency feature; until then no constituent account can be made.
  if (role === 'constituent' && !organisationId) {
    throw new AppError('validation-failed', {
      detail: 'A constituent user must belong to an organisation',
      fields: [{ path: 'body.organisationId', message: 'Required for a constituent user', code: 'organisation_required' }],
    });
  }
  if (isTeamRole(role) && organisationId) {
    throw new AppError('validation-failed', {
      detail: 'Team members do not belong to a constituent organisation',
      fields: [{ path: 'body.organisationId', message: 'Only for constituent users', code: 'constituents_only' }],
    });
  }
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<UserCreated> {
  checkOrganisation(input.role, input.organisationId);
  if (input.organisationId && !(await unsafeFindOrganisationFacts(ctx.db, input.organisationId))) {
    throw new AppError('validation-failed', {
      detail: 'No such organisation',
      fields: [{ path: 'body.organisationId', message: 'Unknown organisation', code: 'unknown_organisation' }],
    });
  }
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated ?? '');
  return ctx.db.transaction(async (tx) => {
    if (await repo.findUserByEmail(tx, input.email)) {
      throw new AppError('email-taken', {
        detail: `${input.email} already has an account`,
        fields: [{ path: 'body.email', message: 'Already used', code: 'already_used' }],
      });
    }
    const row = await repo
      .insertUser(tx, {
        email: input.email,
        name: input.name,
        role: input.role,
        organisationId: input.organisationId ?? null,
        locale: input.locale ?? 'en',
        passwordHash,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err))
          throw new AppError('email-taken', {
            detail: `${input.email} already has an account`,
            fields: [{ path: 'body.email', message: 'Already used', code: 'already_used' }],
          });
        throw err;
      });
    await recordAudit(tx, ctx, {
      action: 'user.create',
      entity: ['user', row.id],
      summary: { email: row.email, name: row.name, role: row.role, passwordGenerated: generated !== null },
    });
    return { user: toUser(row), initialPassword: generated };
  });
}

export async function updateUser(ctx: Ctx, id: string, patch: UserUpdate): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.lockUser(tx, id);
    if (!before) throw new AppError('user-not-found', { detail: `No user with id ${id}` });
    if (patch.role && patch.role !== before.role) checkOrganisation(patch.role, before.organisationId ?? undefined);
    const demoted = before.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
    if (demoted && before.disabledAt === null && (await repo.countActiveAdmins(tx, id)) === 0) {
      throw new AppError('last-admin', { detail: 'Make another user admin first' });
    }
    if (ctx.actor.kind === 'user' && ctx.actor.id === id && patch.disabled === true) {
      throw new AppError('validation-failed', {
        detail: 'You cannot disable your own account',
        fields: [{ path: 'body.disabled', message: 'Not for yourself', code: 'not_for_yourself' }],
      });
    }
    const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? (before.disabledAt ?? ctx.clock.now()) : null;
    const after = await updateUserRow(tx, ctx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(disabledAt !== undefined ? { disabledAt, failedLogins: 0, lockedUntil: null } : {}),
    });
    // A disabled account or a changed role must not keep sessions opened under the old rights.
    if ((patch.disabled === true || (patch.role && patch.role !== before.role)) && !(ctx.actor.kind === 'user' && ctx.actor.id === id)) {
      await revokeUserSessions(tx, ctx, id);
    }
    await recordAudit(tx, ctx, {
      action:
        patch.disabled === true && !before.disabledAt
          ? 'user.disable'
          : patch.disabled === false && before.disabledAt
            ? 'user.enable'
            : 'user.update',
      entity: ['user', id],
      summary: changes(
        { name: before.name, role: before.role, locale: before.locale, disabled: before.disabledAt !== null },
        {
          name: after.name,
          role: after.role,
          locale: after.locale,
          disabled: after.disabledAt !== null,
        },
      ),
    });
    return toUser(after);
  });
}

/** Sets a new password (given or generated), unlocks the account and signs it out everywhere. */
export async function resetPassword(ctx: Ctx, id: string, input: PasswordReset): Promise<{ password: string | null }> {
  const generated = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generated ?? '');
  await ctx.db.transaction(async (tx) => {
    await getUserRow(tx, id);
    await updateUserRow(tx, ctx, id, { passwordHash, passwordChangedAt: ctx.clock.now(), failedLogins: 0, lockedUntil: null });
    await revokeUserSessions(tx, ctx, id);
    await recordAudit(tx, ctx, { action: 'user.reset-password', entity: ['user', id], summary: { generated: generated !== null } });
  });
  return { password: generated };
}

/** Removes a user's second factor, for one who lost the device; they sign in with the password alone until they enrol again. */
export async function resetTotp(ctx: Ctx, id: string): Promise<User> {
  return ctx.db.transaction(async (tx) => {
    const before = await getUserRow(tx, id);
    const after = await updateUserRow(tx, ctx, id, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    await revokeUserSessions(tx, ctx, id);
    await recordAudit(tx, ctx, { action: 'user.reset-totp', entity: ['user', id], summary: { wasEnabled: before.totpEnabledAt !== null } });
    return toUser(after);
  });
}

/**
 * On an empty database, creates the first admin account. Its password is TOCSIN_ADMIN_PASSWORD,
 * or a generated one returned here so that the caller prints it once.
 */
export async function bootstrapAdmin(
  ctx: Ctx,
  input: { email: string; password: string | undefined },
): Promise<{ created: boolean; password: string | null }> {
  if ((await repo.countUsers(ctx.db)) > 0) return { created: false, password: null };
  try {
    const created = await createUser(ctx, {
      email: input.email,
      name: 'Administrator',
      role: 'admin',
      ...(input.password ? { password: input.password } : {}),
    });
    return { created: true, password: created.initialPassword };
  } catch (err) {
    // Another instance starting at the same moment created it first.
    if (isUniqueViolation(err) || (err instanceof AppError && err.slug === 'email-taken')) return { created: false, password: null };
    throw err;
  }
}
