// The `tocsin` command line: the same service functions as the HTTP API, acting as the system.
import os from 'node:os';
import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { loadConfig } from './config';
import { openDatabase, type Database } from '#server/db/client';
import { runMigrations } from '#server/db/migrate';
import { createLogger } from './logger';
import { serve, systemCtx } from './main';
import { CliError, describeCliError, runDbCommand, type CommandOutput, type DbCommand } from './cli-commands';
import { sendToServer, serverHoldsDataDir } from './cli-socket';
import { checkDocument, decodeDocument, formatReport } from '#server/rfc2350/rfc2350.check';
import { roles } from '#shared/permissions';

export { CliError };

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

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

const stdio: CommandOutput = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/**
 * Runs a database command: through the running server when it holds the embedded database (its socket in the
 * data folder), otherwise on a connection of our own (always with DATABASE_URL: PostgreSQL takes many clients).
 */
async function runCommand(cmd: DbCommand): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl && serverHoldsDataDir(config.dataDir)) {
    const code = await sendToServer(config.dataDir, cmd, stdio);
    if (code !== null) {
      if (code !== 0) process.exitCode = code;
      return;
    }
  }
  await withDatabase(async (db) => {
    const code = await runDbCommand(cmd, { database: db, ctx: systemCtx(db, createLogger('silent'), cliLabel()), output: stdio });
    if (code !== 0) process.exitCode = code;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function buildCli(): Command {
  const program = new Command('tocsin')
    .description('Tocsin: the operations platform of a CSIRT. Settings come from the environment (see README).')
    .version(packageVersion, '-V, --version', 'print the version of Tocsin')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Start the server (HTTP API, web app and job worker)')
    .action(async () => {
      await serve();
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      await runCommand({ name: 'migrate' });
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
      await runCommand({
        name: 'user add',
        email: opts.email,
        displayName: opts.name,
        role: opts.role,
        ...(password !== undefined ? { password } : {}),
      });
    });
  user
    .command('reset-password')
    .description('Set a new password for an account (generated unless --password-stdin), unlock it and sign it out')
    .argument('<email>', 'the account’s e-mail address')
    .option('--password-stdin', 'read the new password from standard input')
    .action(async (email: string, opts: { passwordStdin?: boolean }) => {
      const given = opts.passwordStdin ? await readStdin() : undefined;
      await runCommand({ name: 'user reset-password', email, ...(given !== undefined ? { password: given } : {}) });
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description(
      'Recompute the keyed hash chain and compare it with its signed checkpoints; exits 1 and names the first broken event if the trail was altered',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      await runCommand({ name: 'audit verify', json: opts.json === true });
    });
  audit
    .command('checkpoints')
    .description('Print the signed checkpoints of the audit chain (kept in the data folder) and the key that checks them')
    .option('--json', 'print them as one JSON document')
    .action(async (opts: { json?: boolean }) => {
      await runCommand({ name: 'audit checkpoints', json: opts.json === true });
    });

  const rfc2350 = program.command('rfc2350').description('RFC 2350 documents');
  rfc2350
    .command('check')
    .description(
      'Parse a team’s RFC 2350 document (text or Markdown) and report what it contains and what is wrong; exits 1 when it has errors',
    )
    .argument('<file>', 'the document (use - for standard input)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = file === '-' ? Buffer.from(await readStdin(), 'utf8') : await fs.readFile(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'ENOENT'
            ? `${file}: no such file`
            : code === 'EISDIR'
              ? `${file} is a folder, not a document`
              : `${file}: cannot be read (${code ?? 'error'})`,
        );
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

export async function main(argv: string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(describeCliError(err));
    process.exitCode = 2;
  }
}

// Run directly (`node --import tsx src/server/cli.ts …`, as `npm run dev` does) rather than through bin/tocsin.mjs.
if (process.env.TOCSIN_DEV_ENTRY === '1' && import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await main(process.argv);
}
