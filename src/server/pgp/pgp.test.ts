// Behaviour of the OpenPGP adapter checked with OpenPGP.js alone: key generation, passphrase protection,
// import and inspection errors, detached and cleartext signature round trips. GnuPG interop is in pgp.gpg.test.ts.
import { armor, enums, generateKey, readKey, readPrivateKey, revokeKey } from 'openpgp';
import {
  PgpError,
  formatFingerprint,
  generateTeamKey,
  importPrivateKey,
  inspectPublicKey,
  normaliseFingerprint,
  signCleartext,
  signDetached,
  verifyCleartext,
  verifyDetached,
  type GeneratedTeamKey,
  type PgpErrorCode,
} from './pgp';

const PASS = 'correct horse battery staple';
const RFC2350 = '1. Document Information\n\nÉquipe CERT-Test — contact: cert@example.org\n   trailing spaces kept   \n';

async function rejectsWith(promise: Promise<unknown>, code: PgpErrorCode): Promise<PgpError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof PgpError)) throw new Error(`expected PgpError '${code}', got ${String(err)}`);
  expect(err.code).toBe(code);
  return err;
}

let team: GeneratedTeamKey;

beforeAll(async () => {
  team = await generateTeamKey({ name: 'CERT Test', email: 'cert@example.org', passphrase: PASS });
});

describe('generateTeamKey', () => {
  it('returns a v4 ed25519 key whose key ID is the tail of a 40-hex fingerprint', () => {
    expect(team.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(team.keyId).toMatch(/^[0-9A-F]{16}$/);
    expect(team.fingerprint.endsWith(team.keyId)).toBe(true);
    expect(team.version).toBe(4);
    expect(team.algorithm).toBe('ed25519');
    expect(team.userIds).toEqual(['CERT Test <cert@example.org>']);
    expect(team.expires).toBeNull();
    expect(team.revoked).toBe(false);
    expect(team.canEncrypt).toBe(true);
    expect(team.armoredPublic).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
    expect(team.revocationCertificate).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
  });

  it('keeps the private key encrypted: it cannot sign without the right passphrase', async () => {
    const stored = await readPrivateKey({ armoredKey: team.armoredPrivate });
    expect(stored.isDecrypted()).toBe(false);
    expect(team.armoredPublic).not.toContain('PRIVATE KEY');
    await rejectsWith(signDetached('x', { armoredPrivate: team.armoredPrivate, passphrase: 'not it' }), 'wrong-passphrase');
  });

  it('sets the expiry from expiresInDays and the creation time from now', async () => {
    const now = new Date('2026-01-15T10:00:00Z');
    const key = await generateTeamKey({ name: 'T', email: 't@example.org', passphrase: PASS, expiresInDays: 365, now });
    expect(key.created.toISOString()).toBe(now.toISOString());
    expect(key.expires?.toISOString()).toBe(new Date(now.getTime() + 365 * 86_400_000).toISOString());
  });

  it('refuses an empty passphrase and a silly expiry', async () => {
    await rejectsWith(generateTeamKey({ name: 'T', email: 't@example.org', passphrase: '' }), 'invalid-input');
    await rejectsWith(generateTeamKey({ name: 'T', email: 't@example.org', passphrase: PASS, expiresInDays: 0 }), 'invalid-input');
  });
});

describe('importPrivateKey', () => {
  it('unlocks with the old passphrase and re-encrypts with the new one, keeping the fingerprint', async () => {
    const imported = await importPrivateKey(team.armoredPrivate, PASS, 'a new passphrase');
    expect(imported.fingerprint).toBe(team.fingerprint);
    expect(imported.keyId).toBe(team.keyId);
    expect((await readPrivateKey({ armoredKey: imported.armoredPrivate })).isDecrypted()).toBe(false);
    const sig = await signDetached(RFC2350, { armoredPrivate: imported.armoredPrivate, passphrase: 'a new passphrase' });
    expect((await verifyDetached(RFC2350, sig, team.armoredPublic)).valid).toBe(true);
    await rejectsWith(signDetached(RFC2350, { armoredPrivate: imported.armoredPrivate, passphrase: PASS }), 'wrong-passphrase');
  });

  it('says wrong-passphrase when the old passphrase is wrong', async () => {
    await rejectsWith(importPrivateKey(team.armoredPrivate, 'guess', 'new one'), 'wrong-passphrase');
  });

  it('encrypts a key that arrives unencrypted', async () => {
    const clear = await generateKey({ userIDs: [{ email: 'clear@example.org' }], format: 'armored' });
    const imported = await importPrivateKey(clear.privateKey, '', 'now protected');
    expect((await readPrivateKey({ armoredKey: imported.armoredPrivate })).isDecrypted()).toBe(false);
  });

  it('refuses a public key, a v6 key, an expired key and a revoked key with their own codes', async () => {
    await rejectsWith(importPrivateKey(team.armoredPublic, PASS, 'x'), 'not-a-private-key');

    const v6 = await generateKey({
      type: 'curve25519',
      userIDs: [{ email: 'v6@example.org' }],
      passphrase: PASS,
      config: { v6Keys: true },
    });
    const err = await rejectsWith(importPrivateKey(v6.privateKey, PASS, 'x'), 'unsupported-key-version');
    expect(err.message).toMatch(/GnuPG 2\.2/);

    const old = await generateTeamKey({
      name: 'Old',
      email: 'old@example.org',
      passphrase: PASS,
      expiresInDays: 1,
      now: new Date(Date.now() - 10 * 86_400_000),
    });
    await rejectsWith(importPrivateKey(old.armoredPrivate, PASS, 'x'), 'expired-key');
    await rejectsWith(signDetached('x', { armoredPrivate: old.armoredPrivate, passphrase: PASS }), 'expired-key');

    const unlocked = await readPrivateKey({
      armoredKey: (await generateKey({ userIDs: [{ email: 'r@example.org' }], format: 'armored' })).privateKey,
    });
    const revoked = await revokeKey({ key: unlocked, format: 'object' });
    await rejectsWith(importPrivateKey(revoked.privateKey.armor(), '', 'x'), 'revoked-key');
  });
});

describe('inspectPublicKey', () => {
  it('describes a contact key', async () => {
    const info = await inspectPublicKey(team.armoredPublic);
    expect(info).toMatchObject({
      fingerprint: team.fingerprint,
      keyId: team.keyId,
      userIds: team.userIds,
      isPrivate: false,
      revoked: false,
      expires: null,
      algorithm: 'ed25519',
    });
    expect(info.created).toBeInstanceOf(Date);
  });

  it.each([
    ['empty input', ''],
    ['plain text', 'hello, this is my key'],
    ['a broken armour block', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----'],
  ])('says not-a-key for %s', async (_label, input) => {
    await rejectsWith(inspectPublicKey(input), 'not-a-key');
  });

  it('says unsupported-key-version for a v3/v5 key packet instead of "no key found"', async () => {
    const bytes = (await readKey({ armoredKey: team.armoredPublic })).write();
    const v5 = new Uint8Array(bytes);
    v5[2] = 5; // new-format packet header, one-byte length, then the version byte
    await rejectsWith(inspectPublicKey(armor(enums.armor.publicKey, v5)), 'unsupported-key-version');
  });

  it('refuses a private key, and two keys in one block', async () => {
    await rejectsWith(inspectPublicKey(team.armoredPrivate), 'unexpected-private-key');
    const other = await generateTeamKey({ name: 'Other', email: 'o@example.org', passphrase: PASS });
    const both = armor(
      enums.armor.publicKey,
      new Uint8Array([
        ...(await readKey({ armoredKey: team.armoredPublic })).write(),
        ...(await readKey({ armoredKey: other.armoredPublic })).write(),
      ]),
    );
    await rejectsWith(inspectPublicKey(both), 'multiple-keys');
  });

  it('reports a revoked key without refusing it', async () => {
    const unlocked = await readPrivateKey({
      armoredKey: (await generateKey({ userIDs: [{ email: 'r@example.org' }], format: 'armored' })).privateKey,
    });
    const revoked = await revokeKey({ key: unlocked, format: 'armored' });
    expect((await inspectPublicKey(revoked.publicKey)).revoked).toBe(true);
  });
});

describe('signDetached / verifyDetached', () => {
  const key = () => ({ armoredPrivate: team.armoredPrivate, passphrase: PASS });

  it('round-trips and names the signing key', async () => {
    const sig = await signDetached(RFC2350, key());
    expect(sig).toMatch(/^-----BEGIN PGP SIGNATURE-----/);
    const result = await verifyDetached(RFC2350, sig, team.armoredPublic);
    expect(result.valid).toBe(true);
    expect(result.keyId).toBe(team.keyId);
    expect(result.signedAt).toBeInstanceOf(Date);
  });

  it('fails when one character changes, when trailing spaces go, or when line endings change', async () => {
    const sig = await signDetached(RFC2350, key());
    expect((await verifyDetached(RFC2350.replace('Équipe', 'Equipe'), sig, team.armoredPublic)).valid).toBe(false);
    expect((await verifyDetached(RFC2350.replace('kept   \n', 'kept\n'), sig, team.armoredPublic)).valid).toBe(false);
    expect((await verifyDetached(RFC2350.replace(/\n/g, '\r\n'), sig, team.armoredPublic)).valid).toBe(false);
  });

  it('fails against another key, and rejects a garbage signature', async () => {
    const sig = await signDetached(RFC2350, key());
    const other = await generateTeamKey({ name: 'Other', email: 'o@example.org', passphrase: PASS });
    expect(await verifyDetached(RFC2350, sig, other.armoredPublic)).toMatchObject({ valid: false, keyId: team.keyId });
    await rejectsWith(verifyDetached(RFC2350, 'not a signature', team.armoredPublic), 'not-a-signature');
  });
});

describe('signCleartext / verifyCleartext', () => {
  const securityTxt =
    'Contact: mailto:cert@example.org\nExpires: 2027-01-01T00:00:00.000Z\n-dash line\nCanonical: https://cert.example.org/.well-known/security.txt\n';

  it('round-trips with LF line endings and the text readable in the clear', async () => {
    const signed = await signCleartext(securityTxt, { armoredPrivate: team.armoredPrivate, passphrase: PASS });
    expect(signed).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nContact: mailto:cert@example.org\n/);
    expect(signed).not.toContain('\r');
    expect(signed).toContain('\n- -dash line\n'); // dash-escaped (RFC 4880 §7.1)
    expect(signed).toContain('security.txt\n-----BEGIN PGP SIGNATURE-----'); // as gpg --clearsign: no blank line
    const result = await verifyCleartext(signed, team.armoredPublic);
    expect(result).toMatchObject({ valid: true, keyId: team.keyId, text: securityTxt });
  });

  it('drops trailing whitespace, which the format cannot carry, and still verifies', async () => {
    const signed = await signCleartext('Contact: mailto:cert@example.org   \t\r\nPreferred-Languages: fr', {
      armoredPrivate: team.armoredPrivate,
      passphrase: PASS,
    });
    expect(signed).toContain('\n\nContact: mailto:cert@example.org\nPreferred-Languages: fr\n-----BEGIN PGP SIGNATURE-----');
    expect(await verifyCleartext(signed, team.armoredPublic)).toMatchObject({
      valid: true,
      text: 'Contact: mailto:cert@example.org\nPreferred-Languages: fr\n',
    });
  });

  it('fails when the signed text is edited', async () => {
    const signed = await signCleartext(securityTxt, { armoredPrivate: team.armoredPrivate, passphrase: PASS });
    const tampered = signed.replace('cert@example.org', 'evil@example.org');
    expect((await verifyCleartext(tampered, team.armoredPublic)).valid).toBe(false);
  });
});

describe('fingerprints', () => {
  it('normalises pasted forms and groups by four', () => {
    expect(normaliseFingerprint(' 0xabcd 1234\tef ')).toBe('ABCD1234EF');
    expect(formatFingerprint('0123456789abcdef0123456789ABCDEF01234567')).toBe('0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567');
  });
});
