// Reads PGP key IDs and fingerprints as teams write them (groups of 4, "0x", on the next line, as a "Key ID")
// and checks them: wrong length, look-alike letters (O for 0, I/l for 1, S for 5), key ID not the fingerprint's.
import { finding, type Finding } from './findings';
import { keyIdMatches } from './profile.schemas';

export interface KeyLine {
  readonly n: number;
  readonly text: string;
  /** Outline section the line belongs to. */
  readonly section?: string | undefined;
}

export interface KeyHit {
  readonly kind: 'keyId' | 'fingerprint';
  /** Upper-case, without spaces or "0x"; look-alike letters left as written. */
  readonly value: string;
  readonly line: number;
  readonly section?: string | undefined;
}

export interface ReadKey {
  keyId?: string;
  fingerprint?: string;
  userIds?: string[];
  expires?: string;
  /** Where the key can be fetched, when the document says so beside it. */
  url?: string;
  /** Line where the key was first read. */
  line: number;
  section?: string | undefined;
}

export interface KeyReading {
  readonly keys: ReadKey[];
  readonly findings: Finding[];
}

const LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  S: '5',
  s: '5',
  Z: '2',
  z: '2',
  G: '6',
};
const FP_LABEL =
  /(?<![\p{L}])(?:key\s?fingerprint|fingerprint|finger print|fpr|sidik jari|empreinte(?:\s(?:num[ée]rique|de la cl[ée]))?|fingerabdruck|huella(?:\sdigital)?)(?![\p{L}])/giu;
const KEYID_LABEL =
  /(?<![\p{L}])(?:key\s?-?\s?id|keyid|key identifier|id\skunci|kunci\sid|identifiant(?:\sde\s(?:la\s)?cl[eé])?|schl[üu]ssel-?id|id\sde\s(?:la\s)?clave)(?![\p{L}])|(?<![\p{L}\d-])ID(?=\s?:)/giu;
// "User ID: …", "UID: …", and gpg's listing "uid   [ultimate] CERT-X <cert@x.org>".
const USERID_LABEL = /(?:user\s?-?id\s?(?:\*\*)?:|identit[ée]\s?(?:\*\*)?:|uid\s?:|^\s*uid(?:\s+\[[^\]]{1,20}\])?\s)\s{0,8}(.{1,200})/iu;
const GROUPED_FP =
  /(?<![0-9A-Za-z])(?:0x)?[0-9A-Fa-fOoIlSs]{4}(?:[ ]{1,2}[0-9A-Fa-fOoIlSs]{4}){9}(?:(?:[ ]{1,2}[0-9A-Fa-f]{4}){6})?(?![0-9A-Za-z])/g;
const SOLID_FP = /(?<![0-9A-Za-z])(?:0x)?(?:[0-9A-Fa-f]{64}|[0-9A-Fa-f]{40})(?![0-9A-Za-z])/g;
/** Cheap pre-test: a line with neither a label nor four hex digits in a row holds no key material. */
const MAYBE_KEY = /[0-9A-Fa-f]{4}|id|fingerprint|fpr|sidik|empreinte|fingerabdruck|huella/i;
const LEAD = /^[\s:=`'"*(\[]*(?:(?:is|are|adalah|ialah|est|ist|es|of the key)\b[\s:=`'"*]*)?/i;

const hexish = (token: string): boolean => /^[0-9A-Fa-fOoIlSsZzG|]{1,64}$/.test(token) && /[0-9A-Fa-f]/.test(token);

/** The run of hex-looking groups at the start of `text` ("B883 6E81 …", "0x7B1A…"), joined; undefined if none. */
export function readHexRun(text: string): string | undefined {
  const tokens = text
    .slice(0, 400)
    .split(/[\s:]+/)
    .slice(0, 24);
  const boundaries: number[] = [];
  let digits = '';
  for (const rawToken of tokens) {
    if (rawToken === '') continue;
    const ended = /[.,;)\]`'"*]+$/.test(rawToken);
    const token = rawToken
      .replace(/^[`'"*([]+/, '')
      .replace(/[.,;)\]`'"*]+$/, '')
      .replace(/^0x/i, '');
    if (!hexish(token)) break;
    digits += token;
    boundaries.push(digits.length);
    if (ended || digits.length >= 64) break;
  }
  if (digits === '') return undefined;
  // A word after the fingerprint may look like hex ("… 88F4 Dec"): keep the longest 64- or 40-digit prefix.
  for (const size of [64, 40]) if (digits.length > size && boundaries.includes(size)) return upperHex(digits.slice(0, size));
  return upperHex(digits);
}

/** Upper-case a hex string; one with look-alike letters keeps their case ("l" must still read as "l"). */
function upperHex(value: string): string {
  return /^[0-9A-Fa-f]*$/.test(value) ? value.toUpperCase() : value.replace(/[a-f]/g, (c) => c.toUpperCase());
}

/** Why `value` is not a fingerprint, naming each look-alike letter and its position; undefined when valid. */
export function fingerprintProblem(value: string): string | undefined {
  const clean = value.replace(/^0X/i, '');
  if (/^(?:[0-9A-F]{40}|[0-9A-F]{64})$/i.test(clean)) return undefined;
  const notes: string[] = [];
  const others: string[] = [];
  [...clean].forEach((ch, i) => {
    if (/[0-9A-Fa-f]/.test(ch)) return;
    const digit = LOOKALIKES[ch];
    if (digit !== undefined) notes.push(`'${ch}' at position ${i + 1} looks like '${digit}'`);
    else others.push(`'${ch}' at position ${i + 1}`);
  });
  const parts: string[] = [];
  if (notes.length > 0) parts.push(`it contains look-alike letters: ${notes.join(', ')}`);
  if (others.length > 0) parts.push(`it contains characters that are not hex digits: ${others.join(', ')}`);
  if (clean.length !== 40 && clean.length !== 64) {
    parts.push(
      clean.length === 32
        ? 'it has 32 digits, an obsolete PGP 2.x (v3, MD5) fingerprint'
        : `it has ${clean.length} characters instead of 40`,
    );
  }
  const fixed = [...clean].map((ch) => LOOKALIKES[ch] ?? ch).join('');
  const hint = notes.length > 0 && /^(?:[0-9A-F]{40}|[0-9A-F]{64})$/i.test(fixed) ? ` (probably ${groups(fixed.toUpperCase())})` : '';
  return `${parts.join('; ')}${hint}`;
}

/** "B8836E81…" → "B883 6E81 …". */
export function groups(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

function afterLabel(line: string, end: number): string {
  return line.slice(end).replace(LEAD, '');
}

/** Every key ID and fingerprint in the lines, in order, plus warnings for unreadable "Key ID" values. */
export function findKeyHits(lines: readonly KeyLine[]): { hits: KeyHit[]; userIds: Map<number, string>; findings: Finding[] } {
  const hits: KeyHit[] = [];
  const userIds = new Map<number, string>();
  const findings: Finding[] = [];
  const nextText = (i: number): string => {
    for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
      const t = lines[j]?.text.trim() ?? '';
      if (t !== '') return t;
    }
    return '';
  };
  lines.forEach((line, i) => {
    const text = line.text.length > 2_000 ? line.text.slice(0, 2_000) : line.text;
    if (!MAYBE_KEY.test(text)) return;
    const labelled = new Set<string>();
    const at = { line: line.n, section: line.section };
    for (const m of text.matchAll(FP_LABEL)) {
      const rest = afterLabel(text, m.index + m[0].length);
      const value = readHexRun(rest) ?? (rest.trim() === '' ? readHexRun(nextText(i)) : undefined);
      if (value === undefined || value.length < 8) continue;
      labelled.add(value);
      hits.push({ kind: 'fingerprint', value, ...at });
    }
    for (const m of text.matchAll(KEYID_LABEL)) {
      const bare = m[0].toUpperCase() === 'ID';
      const rest = afterLabel(text, m.index + m[0].length);
      const value = readHexRun(rest) ?? (rest.trim() === '' && !bare ? readHexRun(nextText(i)) : undefined);
      if (value !== undefined && /^[0-9A-F]+$/.test(value) && [8, 16, 40, 64].includes(value.length)) {
        labelled.add(value);
        hits.push({ kind: value.length >= 40 ? 'fingerprint' : 'keyId', value, ...at });
        continue;
      }
      // Only a "Key ID:" field is checked; "our key ID and fingerprint are below" is prose.
      if (bare || !/^\s*[:=]/.test(text.slice(m.index + m[0].length))) continue;
      const written = rest.trim().slice(0, 200);
      if (written === '') continue;
      if (value === undefined && /@|\s/.test(written)) userIds.set(line.n, written.replace(/[`*]/g, ''));
      findings.push(
        finding('warning', 'keyid-invalid', `The key ID "${written.slice(0, 80)}" is not a key ID (8 or 16 hex digits).`, at, {
          keyId: written.slice(0, 80),
        }),
      );
    }
    const userId = USERID_LABEL.exec(text);
    if (userId?.[1] !== undefined) userIds.set(line.n, userId[1].replace(/^[*_\s]+/, '').trim());
    for (const m of [...text.matchAll(GROUPED_FP), ...text.matchAll(SOLID_FP)]) {
      const value = upperHex(m[0].replace(/^0x/i, '').replace(/ /g, ''));
      const realHex = value.replace(/[^0-9A-F]/g, '').length;
      if (labelled.has(value) || realHex < value.length - 4) continue;
      labelled.add(value);
      hits.push({ kind: 'fingerprint', value, ...at });
    }
  });
  return { hits, userIds, findings };
}

/** Pair key IDs with fingerprints and report invalid fingerprints and mismatched key IDs. */
export function readKeys(lines: readonly KeyLine[]): KeyReading {
  const { hits, userIds, findings } = findKeyHits(lines);
  const keys: KeyReading['keys'] = [];
  const seen = new Set<string>();
  for (const hit of hits) {
    if (hit.kind !== 'fingerprint' || seen.has(hit.value)) continue;
    seen.add(hit.value);
    const problem = fingerprintProblem(hit.value);
    if (problem !== undefined) {
      findings.push(
        finding('error', 'fingerprint-invalid', `The fingerprint ${groups(hit.value)} is not valid: ${problem}.`, hit, {
          fingerprint: groups(hit.value),
        }),
      );
    }
    keys.push({ fingerprint: hit.value, line: hit.line, section: hit.section });
  }
  const keyIds = hits.filter((h) => h.kind === 'keyId');
  const unpaired: KeyHit[] = [];
  for (const hit of keyIds) {
    const key = keys.find(
      (k) => k.fingerprint !== undefined && fingerprintProblem(k.fingerprint) === undefined && keyIdMatches(hit.value, k.fingerprint),
    );
    if (key) key.keyId ??= hit.value;
    else unpaired.push(hit);
  }
  for (const hit of unpaired) {
    // Nearest fingerprint without a key ID: a stated key ID that is not its tail is a copy error.
    const candidates = keys.filter((k) => k.keyId === undefined);
    const near = candidates.sort((a, b) => Math.abs(a.line - hit.line) - Math.abs(b.line - hit.line))[0];
    if (!near) {
      if (!keys.some((k) => k.keyId === hit.value)) keys.push({ keyId: hit.value, line: hit.line, section: hit.section });
      continue;
    }
    near.keyId = hit.value;
    const fp = near.fingerprint;
    if (fp !== undefined && fingerprintProblem(fp) === undefined) {
      const expected = fp.length === 64 ? fp.slice(0, hit.value.length) : fp.slice(-hit.value.length);
      findings.push(
        finding(
          'error',
          'keyid-mismatch',
          `The key ID 0x${hit.value} is not the one fingerprint ${groups(fp)} implies (0x${expected}).`,
          hit,
          { keyId: hit.value, fingerprint: groups(fp), expected },
        ),
      );
    }
  }
  for (const key of keys) {
    if (key.keyId === undefined && key.fingerprint !== undefined && fingerprintProblem(key.fingerprint) === undefined) {
      key.keyId = key.fingerprint.length === 64 ? key.fingerprint.slice(0, 16) : key.fingerprint.slice(-16);
    }
  }
  const ids = [...userIds.entries()];
  const blockOf = new Map<number, number>();
  let block = 0;
  lines.forEach((l, i) => {
    if (i > 0 && l.n - (lines[i - 1]?.n ?? l.n) > 1) block++;
    blockOf.set(l.n, block);
  });
  if (ids.length > 0 && keys.length === 0) keys.push({ userIds: ids.map(([, v]) => v), line: ids[0]?.[0] ?? 1 });
  else {
    // Each user ID belongs to the nearest key: several keys each keep their own identities.
    for (const [n, id] of ids) {
      // The key of the same block of lines (no blank line between) wins; then the nearest, the one below on a tie.
      const distance = (k: ReadKey): number =>
        (blockOf.get(k.line) === blockOf.get(n) ? 0 : 10_000) + Math.abs(k.line - n) - (k.line > n ? 0.5 : 0);
      const target = keys.reduce<ReadKey | undefined>((best, k) => (!best || distance(k) < distance(best) ? k : best), undefined);
      if (target) (target.userIds ??= []).push(id);
    }
  }
  return { keys, findings };
}
