// CLI commands while the server runs. The embedded database (PGlite) lives in one process, so a `tocsin` command
// cannot open the data folder while `tocsin serve` holds it. Instead the server listens on a Unix socket inside
// the data folder and runs the same command functions (cli-commands.ts) for the CLI, streaming back its output
// and exit code.
//
// Why this is safe: the socket file is created with mode 0600 (owner only), so only the account that owns the
// data folder (and root) can connect: the same people who can already read and write the database files
// directly. It is never reachable from the network, and it accepts only the commands the CLI has.
//
// Protocol: one JSON line from the client (a DbCommand), then JSON lines from the server:
// {"out": text} | {"err": text} … and a last {"exit": code}.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Database } from '#server/db/client';
import type { Ctx } from './ctx';
import { dataDirLockHolder } from '#server/db/lockfile';
import { DbCommand, describeCliError, runDbCommand, type CommandOutput } from './cli-commands';

export const cliSocketPath = (dataDir: string) => path.join(dataDir, 'tocsin.sock');

const maxRequestBytes = 64 * 1024;

export interface CliSocket {
  /** Stops accepting, lets commands in progress finish for up to `graceMs`, then cuts them. */
  close(graceMs: number): Promise<void>;
}

export interface CliSocketOptions {
  dataDir: string;
  database: Database;
  makeCtx: (label: string) => Ctx;
  log: Logger;
}

/** Listens for CLI commands; null when the socket cannot be created (the CLI then reports the folder as in use). */
export async function listenCliSocket(opts: CliSocketOptions): Promise<CliSocket | null> {
  const file = cliSocketPath(opts.dataDir);
  // Only this process holds the data folder lock, so a socket file left here is from a server that died.
  fs.rmSync(file, { force: true });
  // Only the data folder's owner can connect: the same account that runs this server.
  const label = `cli:${os.userInfo().username}`;
  const active = new Set<Promise<void>>();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline < 0) {
        if (buffered.length > maxRequestBytes) socket.destroy();
        return;
      }
      socket.off('data', onData);
      const task = serveCommand(buffered.slice(0, newline), socket, opts, label).finally(() => active.delete(task));
      active.add(task);
    };
    socket.on('data', onData);
  });

  // The socket is created 0600, with no window where others could connect (umask is per process: not in workers).
  const umask = isMainThread ? process.umask(0o177) : null;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(file, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    opts.log.warn({ err, socket: file }, 'CLI commands cannot reach this server (no socket); stop the server to run them');
    return null;
  } finally {
    if (umask !== null) process.umask(umask);
  }
  fs.chmodSync(file, 0o600);

  return {
    async close(graceMs) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        void (async () => {
          const timer = new Promise<void>((r) => setTimeout(r, graceMs).unref());
          await Promise.race([Promise.allSettled([...active]), timer]);
          for (const s of sockets) s.destroy();
        })();
      });
      fs.rmSync(file, { force: true });
    },
  };
}

async function serveCommand(line: string, socket: net.Socket, opts: CliSocketOptions, label: string): Promise<void> {
  const send = (msg: Record<string, unknown>) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(msg)}\n`);
  };
  const output: CommandOutput = { out: (text) => send({ out: text }), err: (text) => send({ err: text }) };
  let code: number;
  try {
    const parsed = DbCommand.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error('this server does not know that command (is the CLI from another version?)');
    opts.log.info({ command: parsed.data.name, by: label }, 'CLI command');
    code = await runDbCommand(parsed.data, { database: opts.database, ctx: opts.makeCtx(label), output });
  } catch (err) {
    output.err(describeCliError(err));
    code = 2;
  }
  send({ exit: code });
  socket.end();
}

/** True when a live server holds this data folder and answers CLI commands on its socket. */
export function serverHoldsDataDir(dataDir: string): boolean {
  return dataDirLockHolder(dataDir) !== null && fs.existsSync(cliSocketPath(dataDir));
}

/**
 * Sends a command to the server that holds the data folder and relays its output. Resolves to the exit code,
 * or null when no server answered (it stopped meanwhile): the caller then opens the database itself.
 */
export function sendToServer(dataDir: string, cmd: DbCommand, output: CommandOutput): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(cliSocketPath(dataDir));
    let connected = false;
    let buffered = '';
    let code: number | null = null;
    socket.on('connect', () => {
      connected = true;
      socket.write(`${JSON.stringify(cmd)}\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        let msg: { out?: string; err?: string; exit?: number };
        try {
          msg = JSON.parse(buffered.slice(0, newline)) as typeof msg;
        } catch {
          socket.destroy(new Error('the server answered something that is not a command result'));
          return;
        }
        buffered = buffered.slice(newline + 1);
        if (typeof msg.out === 'string') output.out(msg.out);
        if (typeof msg.err === 'string') output.err(msg.err);
        if (typeof msg.exit === 'number') code = msg.exit;
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (!connected && (err.code === 'ENOENT' || err.code === 'ECONNREFUSED')) resolve(null);
      else reject(err);
    });
    socket.on('close', () => {
      if (code !== null) resolve(code);
      else if (connected) reject(new Error('the server stopped before the command finished; check its log'));
    });
  });
}
