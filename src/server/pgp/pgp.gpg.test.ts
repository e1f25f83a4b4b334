// Interop of the OpenPGP adapter with the real GnuPG binary, in a throw-away GNUPGHOME: what we sign verifies in gpg,
// a key gpg made imports and signs here, and our re-encrypted private key imports into gpg.
// Skipped (with a message) when gpg is missing, unless CI is set: then the file fails.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateTeamKey, importPrivateKey, signCleartext, signDetached, verifyDetached, type GeneratedTeamKey } from './pgp';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const PASS = 'team passphrase for tests';
const RFC2350 = '1. Document Information\n\nÉquipe CERT-Test — 24/7: +33 1 23 45 67 89\n   trailing spaces   \n';
const SECURITY_TXT =
  'Contact: mailto:cert@example.org\nExpires: 2027-01-01T00:00:00.000Z\nEncryption: https://cert.example.org/pgp-key.txt\nPreferred-Languages: fr, en\nCanonical: https://cert.example.org/.well-known/security.txt\n';

/** execFile (async: never block the event loop on a child), bounded by a timeout; a non-zero exit is a result, not an error. */
function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: 15_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${file} ${args.join(' ')} did not finish (${error.signal ?? String(error.code)}): ${stderr}`));
        return;
      }
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const gpgVersion = await run('gpg', ['--version'], { PATH: process.env.PATH ?? '/usr/bin:/bin' }).then(
  (r) => (r.code === 0 ? (r.stdout.split('\n')[0] ?? 'gpg') : null),
  () => null,
);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
if (gpgVersion === null && inCi) throw new Error('gpg not found but CI is set: apt-get install -y gnupg');
if (gpgVersion === null) console.warn('Skipping the GnuPG interop tests: gpg not found (apt-get install -y gnupg)');

describe.skipIf(gpgVersion === null)(`OpenPGP adapter ↔ ${gpgVersion ?? 'gpg (missing: apt-get install -y gnupg)'}`, () => {
  let home = '';
  let env: NodeJS.ProcessEnv = {};
  let team: GeneratedTeamKey;

  const gpg = (...args: string[]) =>
    run('gpg', ['--batch', '--no-tty', '--homedir', home, '--no-auto-check-trustdb', '--status-fd', '1', ...args], env);
  const file = (name: string) => path.join(home, name);

  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'tocsin-gpg-'));
    // A minimal environment: nothing of the developer's own GnuPG setup (agent, keyring, locale) leaks in.
    env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GNUPGHOME: home, LC_ALL: 'C', LANGUAGE: 'C' };
    // Without a fixed count gpg-agent calibrates S2K to ~100 ms per unlock: seconds per test on a small machine.
    await writeFile(file('gpg-agent.conf'), 's2k-count 65536\n');
    team = await generateTeamKey({ name: 'CERT Test', email: 'cert@example.org', passphrase: PASS });
    await writeFile(file('team.pub.asc'), team.armoredPublic);
    expect((await gpg('--import', file('team.pub.asc'))).code).toBe(0);
  }, 30_000);

  afterAll(async () => {
    if (home === '') return;
    await run('gpgconf', ['--kill', 'gpg-agent'], env).catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  });

  it('gpg --verify accepts our detached signature of the exact UTF-8 bytes of rfc2350.txt', async () => {
    await writeFile(file('rfc2350.txt'), RFC2350, 'utf8');
    await writeFile(file('rfc2350.txt.asc'), await signDetached(RFC2350, { armoredPrivate: team.armoredPrivate, passphrase: PASS }));
    const result = await gpg('--verify', file('rfc2350.txt.asc'), file('rfc2350.txt'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Good signature from "CERT Test <cert@example.org>"');
    expect(result.stdout).toContain(`[GNUPG:] VALIDSIG ${team.fingerprint}`);
  });

  it('gpg --verify fails after a one-character edit of the file', async () => {
    await writeFile(file('edited.txt'), RFC2350.replace('CERT-Test', 'CERT-Tost'), 'utf8');
    await writeFile(file('edited.txt.asc'), await signDetached(RFC2350, { armoredPrivate: team.armoredPrivate, passphrase: PASS }));
    const result = await gpg('--verify', file('edited.txt.asc'), file('edited.txt'));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('[GNUPG:] BADSIG');
  });

  it('gpg --verify accepts our cleartext-signed security.txt and recovers the text unchanged', async () => {
    await writeFile(file('security.txt'), await signCleartext(SECURITY_TXT, { armoredPrivate: team.armoredPrivate, passphrase: PASS }));
    const result = await gpg('--verify', file('security.txt'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`[GNUPG:] VALIDSIG ${team.fingerprint}`);
    const extracted = await gpg('--output', file('security.out'), '--decrypt', file('security.txt'));
    expect(extracted.code, extracted.stderr).toBe(0);
    expect(await readFile(file('security.out'), 'utf8')).toBe(SECURITY_TXT);
  });

  it('imports a key gpg generated, re-encrypts it, and signs what gpg then verifies', async () => {
    const generated = await gpg(
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      'gpg-side',
      '--quick-gen-key',
      'Test <t@example.org>',
      'ed25519',
      'sign',
      'never',
    );
    expect(generated.code, generated.stderr).toBe(0);
    const fingerprint = /\[GNUPG:\] KEY_CREATED \w ([0-9A-F]{40})/.exec(generated.stdout)?.[1];
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);
    const exported = await gpg(
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      'gpg-side',
      '--armor',
      '--export-secret-keys',
      't@example.org',
    );
    expect(exported.code, exported.stderr).toBe(0);

    const imported = await importPrivateKey(exported.stdout, 'gpg-side', 'tocsin-side');
    expect(imported).toMatchObject({ fingerprint, algorithm: 'ed25519', userIds: ['Test <t@example.org>'], canEncrypt: false });
    await writeFile(file('gpgkey.txt'), RFC2350, 'utf8');
    await writeFile(
      file('gpgkey.txt.asc'),
      await signDetached(RFC2350, { armoredPrivate: imported.armoredPrivate, passphrase: 'tocsin-side' }),
    );
    const result = await gpg('--verify', file('gpgkey.txt.asc'), file('gpgkey.txt'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`[GNUPG:] VALIDSIG ${fingerprint ?? 'missing'}`);
  });

  it('our passphrase-encrypted private key imports into gpg, and gpg signatures verify here', async () => {
    await writeFile(file('team.sec.asc'), team.armoredPrivate);
    const loopback = ['--pinentry-mode', 'loopback', '--passphrase', PASS];
    const imported = await gpg(...loopback, '--import', file('team.sec.asc'));
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('[GNUPG:] IMPORT_OK');
    await writeFile(file('by-gpg.txt'), RFC2350, 'utf8');
    const signed = await gpg(
      ...loopback,
      '--local-user',
      team.fingerprint,
      '--armor',
      '--output',
      file('by-gpg.txt.asc'),
      '--detach-sign',
      file('by-gpg.txt'),
    );
    expect(signed.code, signed.stderr).toBe(0);
    const verdict = await verifyDetached(RFC2350, await readFile(file('by-gpg.txt.asc'), 'utf8'), team.armoredPublic);
    expect(verdict).toMatchObject({ valid: true, keyId: team.keyId });
  });
});
