// Signing in (password, then TOTP when enrolled), signing out, and managing one's own account.
import type { Ctx } from '#server/ctx';
import { AppError } from '#server/http/errors';
import { recordAudit } from '#server/audit/audit.service';
import * as users from '#server/users/users.service';
import * as sessions from '#server/sessions/sessions.service';
import type { SessionSettings } from '#server/sessions/sessions.service';
import { decoyHash, hashPassword, openSecret, sealSecret, verifyPassword } from '#server/crypto/secrets';
import type { UserRow } from '#server/users/users.table';
import type { SessionRow } from '#server/sessions/sessions.table';
import { permissionsOf } from '#shared/permissions';
import type { Login, MeUpdate, PasswordChange, SessionInfo, TotpSetup } from '#shared/auth/auth.schemas';
import type { User } from '#shared/users/users.schemas';

// Why loaded on first use: starting the server needs neither TOTP nor QR codes, and loading them takes time.
const otp = () => import('otplib');

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export function sessionInfo(user: UserRow, session: SessionRow): SessionInfo {
  return {
    user: users.toUser(user),
    permissions: permissionsOf(user.role),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  };
}

export type LoginOutcome = { status: 'ok'; token: string; info: SessionInfo } | { status: 'totp-required'; token: string };

export async function login(
  ctx: Ctx,
  settings: SessionSettings,
  input: Login,
  meta: { userAgent?: string | undefined },
): Promise<LoginOutcome> {
  const now = ctx.clock.now();
  const user = await users.findUserRowByEmail(ctx.db, input.email);
  if (!user) {
    // Why: spend the same time as for a real account, so that response timing does not reveal which e-mails exist.
    await verifyPassword(await decoyHash(), input.password);
    throw new AppError('invalid-credentials');
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  // Why a locked account answers exactly like a wrong password or an unknown e-mail (and still spends the
  // hashing time): a distinct "locked" answer would tell an attacker which e-mail addresses have accounts.
  // The lock itself holds: even the right password is refused until it expires (audited as session.lock).
  if (user.lockedUntil && user.lockedUntil > now) throw new AppError('invalid-credentials');
  if (!ok || user.disabledAt) {
    if (!ok) await recordFailure(ctx, user, 'password');
    throw new AppError('invalid-credentials');
  }
  const mfaPending = user.totpEnabledAt !== null;
  const { token, session } = await ctx.db.transaction(async (tx) => {
    const started = await sessions.startSession(tx, ctx.clock, settings, {
      userId: user.id,
      mfaPending,
      ip: ctx.origin.ip,
      userAgent: meta.userAgent,
    });
    if (!mfaPending) {
      await users.updateUserRow(tx, ctx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
      await recordAudit(
        tx,
        { ...ctx, actor: actorOf(user) },
        { action: 'session.login', entity: ['user', user.id], summary: { mfa: false } },
      );
    }
    return started;
  });
  if (mfaPending) return { status: 'totp-required', token };
  return { status: 'ok', token, info: sessionInfo({ ...user, lastLoginAt: now, failedLogins: 0, lockedUntil: null }, session) };
}

/** Second step: the session opened by the password must present a valid TOTP code; it is then replaced by a
 * new session (new cookie token, new CSRF token), returned with its information. */
export async function completeTotp(
  ctx: Ctx,
  settings: SessionSettings,
  session: SessionRow,
  user: UserRow,
  code: string,
  totpKey: Buffer,
): Promise<{ token: string; info: SessionInfo }> {
  if (!session.mfaPending) throw new AppError('validation-failed', { detail: 'This session has no pending second factor' });
  if (user.lockedUntil && user.lockedUntil > ctx.clock.now()) {
    await ctx.db.transaction((tx) => sessions.endSession(tx, ctx, session.id));
    throw new AppError('account-locked', { detail: 'Too many failed attempts. Try again later.' });
  }
  const step = await checkTotp(ctx, user, code, totpKey);
  if (step === null) {
    await recordFailure(ctx, user, 'totp');
    throw new AppError('invalid-totp', { fields: [{ path: 'body.code', message: 'Wrong or expired code', code: 'wrong_code' }] });
  }
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rotated = await sessions.completeSessionMfa(tx, ctx, settings, session);
    const after = await users.updateUserRow(tx, ctx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now, totpLastStep: step });
    await recordAudit(tx, { ...ctx, actor: actorOf(user) }, { action: 'session.login', entity: ['user', user.id], summary: { mfa: true } });
    return { token: rotated.token, info: sessionInfo(after, rotated.session) };
  });
}

/** The time step the code belongs to, or null. One step (30 s) of tolerance each way for a phone's clock drift;
 * why `afterTimeStep`: a code already used (seen by a shoulder-surfer or a proxy log) is refused the second time. */
async function checkTotp(
  ctx: Ctx,
  user: Pick<UserRow, 'totpSecret' | 'totpLastStep'>,
  code: string,
  totpKey: Buffer,
): Promise<number | null> {
  const secret = user.totpSecret ? openSecret(user.totpSecret, totpKey) : null;
  if (!secret) return null;
  const res = await (
    await otp()
  ).verify({
    secret,
    token: code,
    epoch: Math.floor(ctx.clock.now().getTime() / 1000),
    epochTolerance: 30,
    ...(user.totpLastStep !== null ? { afterTimeStep: user.totpLastStep } : {}),
  });
  return res.valid && 'timeStep' in res && typeof res.timeStep === 'number' ? res.timeStep : null;
}

async function recordFailure(ctx: Ctx, user: UserRow, factor: 'password' | 'totp') {
  await ctx.db.transaction(async (tx) => {
    const locked = await users.lockUserRow(tx, user.id);
    if (!locked) return;
    const failures = locked.failedLogins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await users.updateUserRow(tx, ctx, user.id, {
      failedLogins: lock ? 0 : failures,
      ...(lock ? { lockedUntil: new Date(ctx.clock.now().getTime() + LOCK_MINUTES * 60_000) } : {}),
    });
    await recordAudit(
      tx,
      { ...ctx, actor: { kind: 'anonymous' } },
      {
        action: lock ? 'session.lock' : 'session.login-failed',
        entity: ['user', user.id],
        summary: { factor, failures },
      },
    );
  });
}

function actorOf(user: UserRow): Ctx['actor'] {
  return {
    kind: 'user',
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    via: 'session',
  };
}

export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await sessions.endSession(tx, ctx, sessionId);
    if (ctx.actor.kind === 'user') await recordAudit(tx, ctx, { action: 'session.logout', entity: ['user', ctx.actor.id] });
  });
}

function selfId(ctx: Ctx): string {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated');
  return ctx.actor.id;
}

export async function updateMe(ctx: Ctx, patch: MeUpdate): Promise<User> {
  const id = selfId(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await users.getUserRow(tx, id);
    const after = await users.updateUserRow(tx, ctx, id, {
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.locale ? { locale: patch.locale } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'user.update-self',
      entity: ['user', id],
      summary: { name: [before.name, after.name], locale: [before.locale, after.locale] },
    });
    return users.toUser(after);
  });
}

export async function changePassword(ctx: Ctx, input: PasswordChange): Promise<void> {
  const id = selfId(ctx);
  const user = await users.getUserRow(ctx.db, id);
  if (!(await verifyPassword(user.passwordHash, input.current))) {
    throw new AppError('invalid-credentials', {
      detail: 'The current password is wrong',
      fields: [{ path: 'body.current', message: 'Wrong password', code: 'wrong_password' }],
    });
  }
  const passwordHash = await hashPassword(input.next);
  await ctx.db.transaction(async (tx) => {
    await users.updateUserRow(tx, ctx, id, { passwordHash, passwordChangedAt: ctx.clock.now() });
    // Other sessions (a stolen cookie, a forgotten browser) end; this one stays.
    if (ctx.actor.kind === 'user') await sessions.revokeUserSessions(tx, ctx, id, ctx.actor.sessionId);
    await recordAudit(tx, ctx, { action: 'user.change-password', entity: ['user', id] });
  });
}

/** Draws a new TOTP secret (not active until confirmed with a code) and returns it with a QR code. */
export async function setupTotp(ctx: Ctx, totpKey: Buffer): Promise<TotpSetup> {
  const id = selfId(ctx);
  const user = await users.getUserRow(ctx.db, id);
  if (user.totpEnabledAt) throw new AppError('totp-already-enabled');
  const { generateSecret, generateURI } = await otp();
  const secret = generateSecret();
  await ctx.db.transaction(async (tx) => {
    await users.updateUserRow(tx, ctx, id, { totpSecret: sealSecret(secret, totpKey), totpLastStep: null });
    await recordAudit(tx, ctx, { action: 'user.totp-setup', entity: ['user', id] });
  });
  const otpauthUrl = generateURI({ issuer: 'Tocsin', label: user.email, secret });
  const { default: QRCode } = await import('qrcode');
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { secret, otpauthUrl, qrSvg };
}

export async function enableTotp(ctx: Ctx, code: string, totpKey: Buffer): Promise<User> {
  const id = selfId(ctx);
  const user = await users.getUserRow(ctx.db, id);
  if (user.totpEnabledAt) throw new AppError('totp-already-enabled');
  if (!user.totpSecret)
    throw new AppError('validation-failed', {
      detail: 'Start the set-up first',
      fields: [{ path: 'body.code', message: 'No pending set-up', code: 'no_pending_setup' }],
    });
  const step = await checkTotp(ctx, user, code, totpKey);
  if (step === null) {
    throw new AppError('invalid-totp', { fields: [{ path: 'body.code', message: 'Wrong or expired code', code: 'wrong_code' }] });
  }
  return ctx.db.transaction(async (tx) => {
    const after = await users.updateUserRow(tx, ctx, id, { totpEnabledAt: ctx.clock.now(), totpLastStep: step });
    await recordAudit(tx, ctx, { action: 'user.totp-enable', entity: ['user', id] });
    return users.toUser(after);
  });
}

export async function disableTotp(ctx: Ctx, password: string): Promise<User> {
  const id = selfId(ctx);
  const user = await users.getUserRow(ctx.db, id);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError('invalid-credentials', {
      detail: 'The password is wrong',
      fields: [{ path: 'body.password', message: 'Wrong password', code: 'wrong_password' }],
    });
  }
  return ctx.db.transaction(async (tx) => {
    const after = await users.updateUserRow(tx, ctx, id, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    await recordAudit(tx, ctx, { action: 'user.totp-disable', entity: ['user', id] });
    return users.toUser(after);
  });
}
