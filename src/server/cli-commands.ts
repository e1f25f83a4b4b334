// The `tocsin` commands that need the database, written once. The CLI runs them on a connection of its own, or,
// when a running server holds the embedded database, the server runs them on its behalf (see cli-socket.ts).
import { z } from 'zod';
import type { Database } from '#server/db/client';
import type { Ctx } from './ctx';
import { ConfigError, loadConfig } from './config';
import { deriveSecrets, readInstanceSecret } from './instance-secret';
import { runMigrations } from '#server/db/migrate';
import { createUser, findUserRowByEmail, resetPassword } from '#server/users/users.service';
import { verifyAuditChain } from '#server/audit/audit.service';
import {
  attachAuditTrail,
  auditTrailFrom,
  auditTrailOf,
  checkpointFileIn,
  publicKeyText,
  readCheckpoints,
  type AuditTrail,
} from '#server/audit/audit.trail';
import { AppError } from '#server/http/errors';
import { UserCreate, Password } from '#shared/users/users.schemas';

/** An error the user can act on; printed as `tocsin: <message>`, exit code 2. */
export class CliError extends Error {}

/** A database command as the CLI parsed it: what travels to a running server, checked again there. */
export const DbCommand = z.discriminatedUnion('name', [
  z.object({ name: z.literal('migrate') }).strict(),
  z
    .object({
      name: z.literal('user add'),
      email: z.string().max(400),
      displayName: z.string().max(400),
      role: z.string().max(40),
      password: z.string().max(4096).optional(),
    })
    .strict(),
  z.object({ name: z.literal('user reset-password'), email: z.string().max(400), password: z.string().max(4096).optional() }).strict(),
  z.object({ name: z.literal('audit verify'), json: z.boolean() }).strict(),
  z.object({ name: z.literal('audit checkpoints'), json: z.boolean() }).strict(),
]);
export type DbCommand = z.infer<typeof DbCommand>;

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandEnv {
  database: Database;
  /** A system context acting as this CLI user (`cli:<login>`). */
  ctx: Ctx;
  output: CommandOutput;
}

/** Runs one command; resolves to its exit code, throws for a failure worth a message (exit code 2). */
export async function runDbCommand(cmd: DbCommand, { database, ctx, output }: CommandEnv): Promise<number> {
  switch (cmd.name) {
    case 'migrate': {
      const r = await runMigrations(database);
      output.out(`${database.describe}: ${r.total} migration(s), all applied.\n`);
      return 0;
    }
    case 'user add': {
      const input = UserCreate.safeParse({
        email: cmd.email,
        name: cmd.displayName,
        role: cmd.role,
        ...(cmd.password !== undefined ? { password: cmd.password } : {}),
      });
      if (!input.success) throw new CliError(input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
      const created = await createUser(ctx, input.data);
      output.out(`Created ${created.user.email} (${created.user.role}).\n`);
      if (created.initialPassword) output.out(`Password (shown once): ${created.initialPassword}\n`);
      return 0;
    }
    case 'user reset-password': {
      if (cmd.password !== undefined) {
        const ok = Password.safeParse(cmd.password);
        if (!ok.success) throw new CliError(`password: ${ok.error.issues[0]?.message ?? 'invalid'}`);
      }
      const row = await findUserRowByEmail(database.db, cmd.email);
      if (!row) throw new CliError(`No account with the e-mail ${cmd.email}`);
      const out = await resetPassword(ctx, row.id, cmd.password ? { password: cmd.password } : {});
      output.out(`Password of ${row.email} reset; its sessions were signed out.\n`);
      if (out.password) output.out(`New password (shown once): ${out.password}\n`);
      return 0;
    }
    case 'audit verify': {
      const r = await verifyAuditChain(database.db, auditTrail(database));
      const pending = r.unsealed ? ` ${r.unsealed} recent event(s) not sealed yet, not verified.` : '';
      const anchors = r.checkpoints
        ? ` ${r.checkpoints} signed checkpoint(s) matched.`
        : ' No checkpoint file: a cut tail cannot be detected.';
      if (cmd.json) output.out(`${JSON.stringify(r)}\n`);
      else if (r.ok) output.out(`Audit trail intact: ${r.checked} event(s) verified.${anchors}${pending}\n`);
      else
        output.out(
          `Audit trail BROKEN at event ${r.firstBroken?.seq}: ${r.firstBroken?.reason}\n(${r.checked} event(s) verified before it.)\n`,
        );
      return r.ok ? 0 : 1;
    }
    case 'audit checkpoints': {
      const trail = auditTrail(database);
      const lines = readCheckpoints(trail);
      if (cmd.json) {
        output.out(
          `${JSON.stringify({ algorithm: 'Ed25519', publicKey: publicKeyText(trail), file: trail.checkpointFile, checkpoints: lines.map((l) => l.checkpoint ?? { invalidLine: l.line }) })}\n`,
        );
      } else {
        output.out(`# Audit checkpoints of ${trail.checkpointFile ?? '(none)'}: ${lines.length} line(s), JSON, one per line.\n`);
        output.out(`# Signed with Ed25519 over "tocsin-audit-checkpoint\\n<position>\\n<hash>\\n<at>"; public key (raw, base64url):\n`);
        output.out(`# ${publicKeyText(trail)}\n`);
        for (const l of lines) output.out(`${l.text}\n`);
      }
      return 0;
    }
  }
}

/**
 * The audit trail's keys: the running server's (the command came over its socket), or derived here from the
 * instance secret and data folder of the environment (never creating a secret: verifying with a new one would
 * only report every event as forged).
 */
function auditTrail(database: Database): AuditTrail {
  const attached = auditTrailOf(database.db);
  if (attached) return attached;
  const config = loadConfig();
  const secret = readInstanceSecret({ secret: config.secret, dataDir: config.dataDir });
  if (!secret)
    throw new CliError(
      `no instance secret (TOCSIN_SECRET, or ${config.dataDir}/secret.key): the audit chain is keyed by it and cannot be verified without it`,
    );
  const trail = auditTrailFrom(deriveSecrets(secret), checkpointFileIn(config.dataDir));
  attachAuditTrail(database.db, trail);
  return trail;
}

/** The one-line message a failed command prints on standard error. */
export function describeCliError(err: unknown): string {
  if (err instanceof CliError || err instanceof ConfigError) return `tocsin: ${err.message}\n`;
  if (err instanceof AppError)
    return `tocsin: ${err.message}${err.fields ? ` (${err.fields.map((f) => f.path.replace(/^body\./, '')).join(', ')})` : ''}\n`;
  if (err instanceof Error) return `tocsin: ${err.message}\n`;
  return 'tocsin: failed\n';
}
