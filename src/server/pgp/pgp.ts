// The OpenPGP adapter: generate, import and inspect keys, keep private keys passphrase-encrypted,
// and make or check detached and cleartext signatures. No HTTP, no database; every failure is a PgpError.
// Why v4 curve25519Legacy keys only: GnuPG 2.2 (Debian 12) reads neither v6 keys nor RFC 9580 Ed25519 user IDs.
import type { Key, PartialConfig, PrivateKey, VerifyMessageResult } from 'openpgp';

// Why loaded on first use: OpenPGP.js takes a noticeable part of a second to load, and starting the server needs no key.
let library: Promise<typeof import('openpgp')> | null = null;
const openpgp = () => (library ??= import('openpgp'));

type VerificationResult = VerifyMessageResult['signatures'][number];

export type PgpErrorCode =
  | 'not-a-key'
  | 'not-a-private-key'
  | 'unexpected-private-key'
  | 'multiple-keys'
  | 'invalid-key'
  | 'unsupported-key-version'
  | 'wrong-passphrase'
  | 'expired-key'
  | 'revoked-key'
  | 'no-signing-key'
  | 'not-a-signature'
  | 'not-a-message'
  | 'cannot-decrypt'
  | 'invalid-input';

/** Every expected failure of the adapter. Messages never contain key material or passphrases. */
export class PgpError extends Error {
  readonly code: PgpErrorCode;

  constructor(code: PgpErrorCode, message: string) {
    super(message);
    this.name = 'PgpError';
    this.code = code;
  }
}

/** What we know about a key, private or public. */
export interface KeyInfo {
  /** 40 uppercase hex digits, no spaces. */
  fingerprint: string;
  /** 16 uppercase hex digits: the tail of the fingerprint. */
  keyId: string;
  version: number;
  userIds: string[];
  created: Date;
  /** null when the key never expires. */
  expires: Date | null;
  /** GnuPG-style name of the primary key algorithm: 'ed25519', 'rsa3072', 'nistp256'… */
  algorithm: string;
  revoked: boolean;
  /** Whether a valid encryption (sub)key exists now; gpg's `sign`-only keys have none. */
  canEncrypt: boolean;
}

export interface TeamKey extends KeyInfo {
  /** The private key, encrypted with the caller's passphrase (S2K iterated+salted, CFB: GnuPG can import it). */
  armoredPrivate: string;
  armoredPublic: string;
}

export interface GeneratedTeamKey extends TeamKey {
  /** Revokes the key without the passphrase: hand it to the team once, for offline storage. */
  revocationCertificate: string;
}

export interface PublicKeyInfo extends KeyInfo {
  /** The key re-armoured by us (a public key only), fit to store. */
  armoredPublic: string;
  isPrivate: false;
}

/** The unlocking material the caller supplies for each signing operation. */
export interface SigningKey {
  armoredPrivate: string;
  passphrase: string;
}

export interface Verification {
  valid: boolean;
  /** Issuer key ID of the first signature (16 uppercase hex), null if the signature names none. */
  keyId: string | null;
  /** Signature creation time, null when unknown. */
  signedAt: Date | null;
}

export interface CleartextVerification extends Verification {
  /** The signed text as gpg --decrypt gives it: LF line endings, each line (the last too) ending in LF, dash-escaping undone. */
  text: string;
}

// Why pinned per call: a global openpgp.config change elsewhere must not make us emit v6 or AEAD-protected keys
// that GnuPG 2.2 cannot read.
const GPG_COMPATIBLE: PartialConfig = { v6Keys: false, aeadProtect: false };
const MAX_EXPIRY_DAYS = 36_500;

export async function generateTeamKey(opts: {
  name: string;
  email: string;
  passphrase: string;
  expiresInDays?: number;
  /** Creation time (the caller's clock); defaults to now. */
  now?: Date;
}): Promise<GeneratedTeamKey> {
  const pgp = await openpgp();
  requirePassphrase(opts.passphrase);
  const days = opts.expiresInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS)) {
    throw new PgpError('invalid-input', `expiresInDays must be a whole number from 1 to ${MAX_EXPIRY_DAYS}`);
  }
  const generated = await pgp
    .generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ name: opts.name, email: opts.email }],
      passphrase: opts.passphrase,
      keyExpirationTime: days === undefined ? 0 : days * 86_400,
      date: opts.now ?? new Date(),
      format: 'object',
      config: GPG_COMPATIBLE,
    })
    .catch((err: unknown) => {
      throw new PgpError('invalid-input', `cannot generate key: ${errorText(err)}`);
    });
  return {
    ...(await describeKey(generated.privateKey)),
    armoredPrivate: generated.privateKey.armor(),
    armoredPublic: generated.publicKey.armor(),
    revocationCertificate: generated.revocationCertificate,
  };
}

/**
 * Takes a private key from elsewhere (e.g. `gpg --export-secret-keys --armor`), unlocks it with its own passphrase
 * and returns it re-encrypted with `newPassphrase`. The key must be usable now: v4, not revoked, not expired, able to sign.
 */
export async function importPrivateKey(armored: string, passphrase: string, newPassphrase: string): Promise<TeamKey> {
  const pgp = await openpgp();
  requirePassphrase(newPassphrase);
  const key = await readOneKey(armored);
  if (!key.isPrivate()) throw new PgpError('not-a-private-key', 'This is a public key; the private (secret) key is needed');
  requireV4(key);
  // Why accept an unencrypted key: it is common from scripted exports; we encrypt it before it leaves this function.
  const unlocked = key.isDecrypted() ? key : await unlock(key, passphrase);
  await requireUsableForSigning(unlocked);
  const reEncrypted = await pgp
    .encryptKey({ privateKey: unlocked, passphrase: newPassphrase, config: GPG_COMPATIBLE })
    .catch((err: unknown) => {
      throw new PgpError('invalid-key', `cannot encrypt the private key: ${errorText(err)}`);
    });
  return {
    ...(await describeKey(reEncrypted)),
    armoredPrivate: reEncrypted.armor(),
    armoredPublic: reEncrypted.toPublic().armor(),
  };
}

/** Reads a contact's public key. Expired and revoked keys are reported, not refused: the caller decides. */
export async function inspectPublicKey(armored: string): Promise<PublicKeyInfo> {
  const key = await readOneKey(armored);
  // Why refuse: a secret key pasted by mistake into a contact's record must never be stored.
  if (key.isPrivate()) {
    throw new PgpError('unexpected-private-key', 'This is a private key; paste only the public key');
  }
  return { ...(await describeKey(key)), armoredPublic: key.armor(), isPrivate: false };
}

/** A detached ASCII-armoured signature over the exact UTF-8 bytes of `text` (binary mode: no line-ending rewriting). */
export async function signDetached(text: string, key: SigningKey): Promise<string> {
  const pgp = await openpgp();
  const signingKey = await unlockForSigning(key);
  const message = await pgp.createMessage({ binary: utf8(text) });
  try {
    const signature: unknown = await pgp.sign({ message, signingKeys: signingKey, detached: true, format: 'armored' });
    if (typeof signature !== 'string') throw new Error('OpenPGP.js returned a non-armoured signature');
    return signature;
  } catch (err) {
    throw signingError(err);
  }
}

/**
 * A cleartext-signed message (RFC 4880 §7), as RFC 9116 §2.3 asks for security.txt. The signature covers the lines
 * with trailing whitespace removed (the format cannot carry it) and CRLF endings; the output uses LF throughout.
 */
export async function signCleartext(text: string, key: SigningKey): Promise<string> {
  const pgp = await openpgp();
  const signingKey = await unlockForSigning(key);
  // Why drop one final line ending: in this format the break before "-----BEGIN PGP SIGNATURE" ends the last line.
  // Keeping it signs an extra empty line (a blank line in the file, and gpg --decrypt returns text + "\n").
  // Without it we match `gpg --clearsign`, and both OpenPGP.js and gpg give back exactly `text`.
  const message = await pgp.createCleartextMessage({ text: text.replace(/\r?\n$/, '') });
  const signed = await pgp.sign({ message, signingKeys: signingKey, format: 'armored' }).catch((err: unknown) => {
    throw signingError(err);
  });
  // Why rewrite: OpenPGP.js emits CRLF inside the text and LF in the armour; the signature is line-ending independent.
  return signed.replace(/\r\n/g, '\n');
}

export async function verifyDetached(text: string, armoredSignature: string, armoredPublic: string): Promise<Verification> {
  const pgp = await openpgp();
  const signature = await pgp.readSignature({ armoredSignature }).catch((err: unknown) => {
    throw new PgpError('not-a-signature', `Not an OpenPGP signature: ${errorText(err)}`);
  });
  const verificationKeys = await readOneKey(armoredPublic);
  const message = await pgp.createMessage({ binary: utf8(text) });
  const result = await pgp.verify({ message, signature, verificationKeys, format: 'binary' });
  return settle(result.signatures);
}

export async function verifyCleartext(signedText: string, armoredPublic: string): Promise<CleartextVerification> {
  const pgp = await openpgp();
  const message = await pgp.readCleartextMessage({ cleartextMessage: signedText }).catch((err: unknown) => {
    throw new PgpError('not-a-signature', `Not a cleartext-signed message: ${errorText(err)}`);
  });
  const verificationKeys = await readOneKey(armoredPublic);
  const result = await pgp.verify({ message, verificationKeys });
  // Like gpg --decrypt: every line, the last one included, ends with a line feed.
  return { ...(await settle(result.signatures)), text: `${message.getText()}\n` };
}

/** What a message's signature says, checked against the keys we know for its sender. */
export interface SignatureCheck {
  /** none: not signed; valid; unknown-key: signed by a key we were not given; bad: a known key, and it does not verify. */
  status: 'none' | 'valid' | 'unknown-key' | 'bad';
  /** The fingerprint of the known key that verified (or failed), else the signature's key ID (16 hex); null when unsigned. */
  signer: string | null;
}

/** A private key unlocked for decryption: kept by the caller for the process' lifetime (unlocking costs an S2K). */
export type UnlockedKey = PrivateKey;

/** Unlocks stored private keys (passphrase-protected) for decryption; a key that cannot be unlocked is left out. */
export async function unlockForDecryption(keys: SigningKey[]): Promise<UnlockedKey[]> {
  const out: UnlockedKey[] = [];
  for (const key of keys) {
    const parsed = await readOneKey(key.armoredPrivate).catch(() => null);
    if (!parsed?.isPrivate()) continue;
    const unlocked = parsed.isDecrypted() ? parsed : await unlock(parsed, key.passphrase).catch(() => null);
    if (unlocked) out.push(unlocked);
  }
  return out;
}

/**
 * Decrypts an OpenPGP message (armoured or binary) with any of `keys`, and checks the signature it carries against
 * `verificationKeys` (armoured public keys; unreadable ones are skipped). The plaintext comes back as bytes.
 */
export async function decryptMessage(
  input: string | Uint8Array,
  keys: UnlockedKey[],
  verificationKeys: string[],
): Promise<{ data: Uint8Array; signature: SignatureCheck }> {
  const pgp = await openpgp();
  const message = await (
    typeof input === 'string' ? pgp.readMessage({ armoredMessage: input }) : pgp.readMessage({ binaryMessage: input })
  ).catch((err: unknown) => {
    throw new PgpError('not-a-message', `Not a readable OpenPGP message: ${errorText(err)}`);
  });
  if (!keys.length) throw new PgpError('cannot-decrypt', 'The team has no private key to decrypt with');
  const verifiers = await readPublicKeys(verificationKeys);
  const result = await pgp
    .decrypt({
      message,
      decryptionKeys: keys,
      verificationKeys: verifiers,
      format: 'binary',
      config: { allowInsecureDecryptionWithSigningKeys: false },
    })
    .catch((err: unknown) => {
      const text = errorText(err);
      const ids = message
        .getEncryptionKeyIDs()
        .map((id) => id.toHex().toUpperCase())
        .join(', ');
      if (/session key|no decryption key|decryption key/i.test(text))
        throw new PgpError('cannot-decrypt', `None of the team's keys can decrypt this message (encrypted to ${ids || 'an unnamed key'})`);
      throw new PgpError('cannot-decrypt', `The message could not be decrypted: ${text}`);
    });
  return { data: result.data as Uint8Array, signature: await checkSignatures(result.signatures, verifiers) };
}

/** A detached signature (PGP/MIME multipart/signed) over exactly `data`, checked against `verificationKeys`. */
export async function verifyDetachedWith(data: Uint8Array, armoredSignature: string, verificationKeys: string[]): Promise<SignatureCheck> {
  const pgp = await openpgp();
  const signature = await pgp.readSignature({ armoredSignature }).catch((err: unknown) => {
    throw new PgpError('not-a-signature', `Not an OpenPGP signature: ${errorText(err)}`);
  });
  const verifiers = await readPublicKeys(verificationKeys);
  const message = await pgp.createMessage({ binary: data });
  const result = await pgp.verify({ message, signature, verificationKeys: verifiers, format: 'binary' });
  return checkSignatures(result.signatures, verifiers);
}

/** A cleartext-signed text (inline PGP), its text as gpg gives it, and its signature checked against `verificationKeys`. */
export async function openCleartext(signedText: string, verificationKeys: string[]): Promise<{ text: string; signature: SignatureCheck }> {
  const pgp = await openpgp();
  const message = await pgp.readCleartextMessage({ cleartextMessage: signedText }).catch((err: unknown) => {
    throw new PgpError('not-a-signature', `Not a cleartext-signed message: ${errorText(err)}`);
  });
  const verifiers = await readPublicKeys(verificationKeys);
  const result = await pgp.verify({ message, verificationKeys: verifiers });
  return { text: `${message.getText()}\n`, signature: await checkSignatures(result.signatures, verifiers) };
}

/**
 * A detached signature over exactly `data` (PGP/MIME multipart/signed, RFC 3156 §5), with the name of its hash for
 * the `micalg` parameter (e.g. "pgp-sha256").
 */
export async function signDetachedBytes(data: Uint8Array, key: SigningKey): Promise<{ signature: string; micalg: string }> {
  const pgp = await openpgp();
  const signingKey = await unlockForSigning(key);
  const message = await pgp.createMessage({ binary: data });
  try {
    const signature: unknown = await pgp.sign({ message, signingKeys: signingKey, detached: true, format: 'armored' });
    if (typeof signature !== 'string') throw new Error('OpenPGP.js returned a non-armoured signature');
    const read = await pgp.readSignature({ armoredSignature: signature });
    const hash = read.packets[0]?.hashAlgorithm;
    const names: Record<number, string> = {
      2: 'sha1',
      8: 'sha256',
      9: 'sha384',
      10: 'sha512',
      11: 'sha224',
      12: 'sha3-256',
      14: 'sha3-512',
    };
    const name = (typeof hash === 'number' ? names[hash] : undefined) ?? 'sha256';
    return { signature, micalg: `pgp-${name}` };
  } catch (err) {
    throw signingError(err);
  }
}

/**
 * `data` encrypted to each of `armoredPublicKeys` (recipients, and the team to read its own sent mail), armoured; and
 * signed inside by `signedBy` when given (RFC 3156 §6.2, combined: `gpg --decrypt` verifies it on the way).
 */
export async function encryptBytes(data: Uint8Array, armoredPublicKeys: string[], signedBy?: SigningKey): Promise<string> {
  const pgp = await openpgp();
  const encryptionKeys = await readPublicKeys(armoredPublicKeys);
  if (!encryptionKeys.length) throw new PgpError('invalid-input', 'No usable key to encrypt to');
  const message = await pgp.createMessage({ binary: data });
  const signingKeys = signedBy ? await unlockForSigning(signedBy) : undefined;
  const armored: unknown = await pgp.encrypt({
    message,
    encryptionKeys,
    ...(signingKeys ? { signingKeys } : {}),
    format: 'armored',
    config: GPG_COMPATIBLE,
  });
  if (typeof armored !== 'string') throw new Error('OpenPGP.js returned a non-armoured message');
  return armored;
}

/** `ABCD1234…` → `ABCD 1234 …` (groups of four, as gpg and RFC 2350 pages show them). */
export function formatFingerprint(fingerprint: string): string {
  return (normaliseFingerprint(fingerprint).match(/.{1,4}/g) ?? []).join(' ');
}

/** Accepts what people paste (`0x…`, spaces, lower case) and returns bare uppercase hex. */
export function normaliseFingerprint(input: string): string {
  return input.trim().replace(/^0x/i, '').replace(/\s+/g, '').toUpperCase();
}

// ---- internals ----

async function readOneKey(armored: string): Promise<Key> {
  const pgp = await openpgp();
  if (typeof armored !== 'string' || !armored.includes('-----BEGIN PGP')) {
    throw new PgpError('not-a-key', 'Not an ASCII-armoured OpenPGP key (expected "-----BEGIN PGP … KEY BLOCK-----")');
  }
  const keys = await pgp.readKeys({ armoredKeys: armored }).catch(async (err: unknown) => {
    throw await unreadableKeyError(armored, err);
  });
  const [first, ...rest] = keys;
  if (first === undefined) throw new PgpError('not-a-key', 'No key found in the armoured block');
  if (rest.length > 0) throw new PgpError('multiple-keys', `The block holds ${keys.length} keys; exactly one is expected`);
  return first;
}

// Why a second, strict parse: by default openpgp skips packets of unknown versions (v3, v5) and then only says
// "No key packet found"; re-reading without skipping tells us the version, so the user learns why.
async function unreadableKeyError(armored: string, err: unknown): Promise<PgpError> {
  const pgp = await openpgp();
  const strict = await pgp.readKeys({ armoredKeys: armored, config: { ignoreUnsupportedPackets: false } }).then(
    () => '',
    (strictErr: unknown) => errorText(strictErr),
  );
  if (/version \d+ of the key packet|v5 entities/i.test(strict)) {
    return new PgpError('unsupported-key-version', `Unsupported OpenPGP key version (only v4 keys work with GnuPG 2.2): ${strict}`);
  }
  return new PgpError('not-a-key', `Not a readable OpenPGP key: ${errorText(err)}`);
}

function requireV4(key: Key): void {
  if (key.keyPacket.version === 4) return;
  throw new PgpError(
    'unsupported-key-version',
    `This is a v${key.keyPacket.version} key; only v4 keys are accepted because GnuPG 2.2 cannot read v${key.keyPacket.version} keys`,
  );
}

function requirePassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new PgpError('invalid-input', 'A non-empty passphrase is required');
  }
}

async function unlock(key: PrivateKey, passphrase: string): Promise<PrivateKey> {
  const pgp = await openpgp();
  return pgp.decryptKey({ privateKey: key, passphrase }).catch((err: unknown) => {
    // Why not echo openpgp's text for other failures: it is the same outcome for the user (cannot unlock).
    const text = errorText(err);
    if (/incorrect key passphrase/i.test(text)) throw new PgpError('wrong-passphrase', 'Wrong passphrase for this private key');
    throw new PgpError('invalid-key', `Cannot unlock this private key: ${text}`);
  });
}

async function unlockForSigning(key: SigningKey): Promise<PrivateKey> {
  const parsed = await readOneKey(key.armoredPrivate);
  if (!parsed.isPrivate()) throw new PgpError('not-a-private-key', 'Signing needs the private key');
  // Why refuse an unencrypted stored key: the at-rest rule is "encrypted with a passphrase"; a clear one is a bug upstream.
  if (parsed.isDecrypted()) throw new PgpError('invalid-key', 'The stored private key is not passphrase-protected');
  const unlocked = await unlock(parsed, key.passphrase);
  await requireUsableForSigning(unlocked);
  return unlocked;
}

async function requireUsableForSigning(key: Key): Promise<void> {
  if (await key.isRevoked()) throw new PgpError('revoked-key', 'This key has been revoked');
  const expires = toExpiry(await key.getExpirationTime());
  if (expires !== null && expires.getTime() <= Date.now()) {
    throw new PgpError('expired-key', `This key expired on ${expires.toISOString()}`);
  }
  await key.getSigningKey().catch((err: unknown) => {
    throw new PgpError('no-signing-key', `This key has no usable signing key: ${errorText(err)}`);
  });
}

async function describeKey(key: Key): Promise<KeyInfo> {
  const fingerprint = key.getFingerprint().toUpperCase();
  const expiry = await key.getExpirationTime();
  // getExpirationTime gives null only when no self-signature verifies: such a key cannot be trusted for anything.
  if (expiry === null) throw new PgpError('invalid-key', 'The key has no valid self-signature');
  return {
    fingerprint,
    keyId: key.getKeyID().toHex().toUpperCase(),
    version: key.keyPacket.version,
    userIds: key.getUserIDs(),
    created: key.getCreationTime(),
    expires: toExpiry(expiry),
    algorithm: algorithmName(key),
    revoked: await key.isRevoked(),
    canEncrypt: await key.getEncryptionKey().then(
      () => true,
      () => false,
    ),
  };
}

function toExpiry(value: Date | number | null): Date | null {
  return value instanceof Date ? value : null;
}

function algorithmName(key: Key): string {
  const info = key.getAlgorithmInfo();
  switch (info.algorithm) {
    case 'rsaEncryptSign':
    case 'rsaEncrypt':
    case 'rsaSign':
      return `rsa${info.bits ?? ''}`;
    case 'dsa':
      return `dsa${info.bits ?? ''}`;
    case 'elgamal':
      return `elg${info.bits ?? ''}`;
    case 'eddsaLegacy':
    case 'ecdsa':
    case 'ecdh':
      return curveName(info.curve) ?? info.algorithm;
    default:
      return info.algorithm;
  }
}

function curveName(curve: string | undefined): string | undefined {
  if (curve === 'ed25519Legacy') return 'ed25519';
  if (curve === 'curve25519Legacy') return 'cv25519';
  return curve?.toLowerCase();
}

async function readPublicKeys(armored: string[]): Promise<Key[]> {
  const out: Key[] = [];
  for (const a of armored) {
    const key = await readOneKey(a).catch(() => null);
    if (key) out.push(key);
  }
  return out;
}

/** The first signature decides (a message rarely carries more than one): valid, bad, or made by a key we do not know. */
async function checkSignatures(signatures: VerificationResult[], verifiers: Key[]): Promise<SignatureCheck> {
  // Why await every promise: each rejects on a bad or unverifiable signature; an unawaited one is an unhandled rejection.
  const outcomes = await Promise.all(
    signatures.map((s) =>
      s.verified.then(
        () => true,
        () => false,
      ),
    ),
  );
  const [first] = signatures;
  if (first === undefined) return { status: 'none', signer: null };
  const known = verifiers.find((k) => k.getKeys(first.keyID).length > 0);
  if (!known) return { status: 'unknown-key', signer: first.keyID.toHex().toUpperCase() };
  return { status: outcomes[0] ? 'valid' : 'bad', signer: known.getFingerprint().toUpperCase() };
}

async function settle(signatures: VerificationResult[]): Promise<Verification> {
  const [first] = signatures;
  if (first === undefined) return { valid: false, keyId: null, signedAt: null };
  // Why await every promise: each rejects on a bad signature, and an unawaited one becomes an unhandled rejection.
  const outcomes = await Promise.all(
    signatures.map((s) =>
      s.verified.then(
        () => true,
        () => false,
      ),
    ),
  );
  const signedAt = await first.signature.then(
    (s) => s.packets[0]?.created ?? null,
    () => null,
  );
  const keyId = first.keyID.toHex().toUpperCase();
  return { valid: outcomes.length > 0 && outcomes.every(Boolean), keyId: /^0+$/.test(keyId) ? null : keyId, signedAt };
}

function signingError(err: unknown): PgpError {
  const text = errorText(err);
  if (/expired/i.test(text)) return new PgpError('expired-key', `Cannot sign: ${text}`);
  if (/revoked/i.test(text)) return new PgpError('revoked-key', `Cannot sign: ${text}`);
  return new PgpError('no-signing-key', `Cannot sign: ${text}`);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
