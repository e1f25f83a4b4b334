// The `tocsin` command line: the same service functions as the HTTP API, acting as the system.
import os from 'node:os';
import fs from 'node:fs/promises';
import { Command, CommanderError } from 'commander';
import { loadConfig, ConfigError } from './config';
import { openDatabase, type Database } from './db/client';
import { runMigrations } from './db/migrate';
import { createLogger } from './logger';
import { serve, systemCtx } from './main';
import { createUser, findUserRowByEmail, resetPassword } from './users/users.service';
import { verifyAuditChain } from './audit/audit.service';
import { AppError } from './http/errors';
import { checkDocument, decodeDocument, formatReport } from './rfc2350/rfc2350.check';
import { UserCreate, Password } from '#shared/users/users.schemas';
import { roles } from '#shared/permissions';

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await runMigrations(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

const cliLabel = () => `cli:${os.userInfo().username}`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function buildCli(): Command {
  const program = new Command('tocsin')
    .description('Tocsin: the operations platform of a CSIRT. Settings come from the environment (see README).')
    .showHelpAfterError()
    .exitOverride();

  program.command('serve').description('Start the server (HTTP API, web app and job worker)').action(async () => {
    await serve();
  });

  program.command('migrate').description('Apply pending database migrations and exit').action(async () => {
    await withDatabase(async (db) => {
      const r = await runMigrations(db);
      process.stdout.write(`${db.describe}: ${r.total} migration(s), all applied.\n`);
    });
  });

  const user = program.command('user').description('Manage accounts');
  user
    .command('add')
    .description('Create an account; prints a generated password unless --password-stdin is given')
    .requiredOption('--email <email>', 'e-mail address (the login)')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', `one of ${roles.join(', ')}`, 'analyst')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts: { email: string; name: string; role: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await readStdin() : undefined;
      const input = UserCreate.safeParse({ email: opts.email, name: opts.name, role: opts.role, ...(password !== undefined ? { password } : {}) });
      if (!input.success) throw new CliError(input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
      await withDatabase(async (db) => {
        const created = await createUser(systemCtx(db, createLogger('silent'), cliLabel()), input.data);
        process.stdout.write(`Created ${created.user.email} (${created.user.role}).\n`);
        if (created.initialPassword) process.stdout.write(`Password (shown once): ${created.initialPassword}\n`);
      });
    });
  user
    .command('reset-password')
    .description('Set a new password for an account (generated unless --password-stdin), unlock it and sign it out')
    .argument('<email>', 'the account’s e-mail address')
    .option('--password-stdin', 'read the new password from standard input')
    .action(async (email: string, opts: { passwordStdin?: boolean }) => {
      const given = opts.passwordStdin ? await readStdin() : undefined;
      if (given !== undefined) {
        const ok = Password.safeParse(given);
        if (!ok.success) throw new CliError(`password: ${ok.error.issues[0]?.message ?? 'invalid'}`);
      }
      await withDatabase(async (db) => {
        const row = await findUserRowByEmail(db.db, email);
        if (!row) throw new CliError(`No account with the e-mail ${email}`);
        const out = await resetPassword(systemCtx(db, createLogger('silent'), cliLabel()), row.id, given ? { password: given } : {});
        process.stdout.write(`Password of ${row.email} reset; its sessions were signed out.\n`);
        if (out.password) process.stdout.write(`New password (shown once): ${out.password}\n`);
      });
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Recompute the hash chain; exits 1 and names the first broken event if the trail was altered')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async (db) => {
        const r = await verifyAuditChain(db.db);
        if (opts.json) process.stdout.write(`${JSON.stringify(r)}\n`);
        else if (r.ok) process.stdout.write(`Audit trail intact: ${r.checked} event(s) verified.\n`);
        else process.stdout.write(`Audit trail BROKEN at event ${r.firstBroken?.seq}: ${r.firstBroken?.reason}\n(${r.checked} event(s) verified before it.)\n`);
        if (!r.ok) process.exitCode = 1;
      });
    });

  const rfc2350 = program.command('rfc2350').description('RFC 2350 documents');
  rfc2350
    .command('check')
    .description('Parse a team’s RFC 2350 document (text or Markdown) and report what it contains and what is wrong; exits 1 when it has errors')
    .argument('<file>', 'the document (use - for standard input)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = file === '-' ? Buffer.from(await readStdin(), 'utf8') : await fs.readFile(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file} is a folder, not a document` : `${file}: cannot be read (${code ?? 'error'})`);
      }
      const report = checkDocument(file, decodeDocument(bytes), new Date());
      const fatal = report.findings.find((f) => f.code === 'empty-document' || f.code === 'not-text' || f.code === 'too-large');
      if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (!fatal) process.stdout.write(formatReport(report));
      if (fatal) {
        if (!opts.json) process.stderr.write(`tocsin: ${file}: ${fatal.message}\n`);
        process.exitCode = 2;
      } else if (report.counts.error > 0) process.exitCode = 1;
    });

  return program;
}

export class CliError extends Error {}

export async function main(argv: string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    if (err instanceof CliError || err instanceof ConfigError) process.stderr.write(`tocsin: ${err.message}\n`);
    else if (err instanceof AppError) process.stderr.write(`tocsin: ${err.message}${err.fields ? ` (${err.fields.map((f) => f.path.replace(/^body\./, '')).join(', ')})` : ''}\n`);
    else if (err instanceof Error) process.stderr.write(`tocsin: ${err.message}\n`);
    else process.stderr.write('tocsin: failed\n');
    process.exitCode = 2;
  }
}

// Run directly (`node --import tsx src/server/cli.ts …`, as `npm run dev` does) rather than through bin/tocsin.mjs.
if (process.env.TOCSIN_DEV_ENTRY === '1' && import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await main(process.argv);
}
