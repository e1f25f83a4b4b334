// Real GnuPG in a throw-away home, for tests that check what Tocsin publishes the way a visitor would.
// Missing gpg skips those tests with the install command, except under CI where it is a failure.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 15_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(new Error(`${file} did not finish: ${stderr}`));
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

export const hasGpg = await run('gpg', ['--version'], { PATH: process.env.PATH ?? '/usr/bin:/bin' }).then(
  (r) => r.code === 0,
  () => false,
);
if (!hasGpg && process.env.CI) throw new Error('gpg not found but CI is set: apt-get install -y gnupg');
if (!hasGpg) console.warn('Skipping GnuPG checks: gpg not found (apt-get install -y gnupg)');

export interface GpgHome {
  gpg(...args: string[]): Promise<RunResult>;
  write(name: string, content: string): Promise<string>;
  dispose(): Promise<void>;
}

export async function gpgHome(): Promise<GpgHome> {
  const home = await mkdtemp(path.join(tmpdir(), 'tocsin-gpg-'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GNUPGHOME: home, LC_ALL: 'C', LANGUAGE: 'C' };
  return {
    gpg: (...args) => run('gpg', ['--batch', '--no-tty', '--homedir', home, '--no-auto-check-trustdb', '--status-fd', '1', ...args], env),
    async write(name, content) {
      const file = path.join(home, name);
      await writeFile(file, content);
      return file;
    },
    async dispose() {
      await run('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], env).catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}
