// The real `tocsin` command in a child process, as an operator runs it: on its own data folder, embedded
// database, any free port. Used by the tests that start, stop and restart the server or run CLI commands.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `tocsin <args>` on `dataDir`; `stdin`, when given, is written and closed. */
export function runTocsin(dataDir: string, args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}): Proc {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TOCSIN_DATA_DIR: dataDir,
    TOCSIN_PORT: '0',
    TOCSIN_HOST: '127.0.0.1',
    TOCSIN_LOG_LEVEL: 'info',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['bin/tocsin.mjs', ...args], { env });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Waits for the server's "listening" log line and returns its URL; fails with the output if it exits first. */
export async function listening(p: Proc, timeoutMs = 60_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const m = /"url":"(http:\/\/localhost:\d+)"/.exec(p.output());
    if (m?.[1]) return m[1];
    if (p.child.exitCode !== null) throw new Error(`server exited: ${p.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not start: ${p.output()}`);
}
