// Domains for the asset index without allocating: a lookup hashes the name's label suffixes from the right
// (www.example.org → org, example.org, www.example.org) and probes an open-addressing table in typed arrays.
// Names the fast path cannot decide alone (non-ASCII, punycode, surrounding spaces) go through normaliseDomain.
import { normaliseDomain } from '#shared/observables/normalise';

/** Normalised domain key for indexing or lookup (lowercase, no trailing dot or "*." wildcard, IDN as punycode). */
export function domainKey(value: string): string | null {
  const v = value.trim().replace(/^\*\./, '').replace(/\.$/, '');
  if (/^[a-z]{2,63}$/i.test(v)) return v.toLowerCase(); // a whole TLD, for a registry's constituency
  return normaliseDomain(v, { prose: false });
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);
const isLetter = (c: number): boolean => (c | 0x20) >= 97 && (c | 0x20) <= 122;
const isLabelChar = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 45;
/** By ASCII code: the lowercase character when it may appear in a label ([a-z0-9_-], any case), else 0. */
const LABEL_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isLabelChar(c)) LABEL_CHAR[c] = lower(c);

/** Hash of a lowercase name, over its characters from the right (the order lookups hash in). */
export function hashName(name: string): number {
  let h = FNV_OFFSET;
  for (let i = name.length - 1; i >= 0; i--) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

// Scratch of one lookup: where each candidate suffix starts and its hash (the order is the filling function's).
const MAX_LABELS = 128;
export const CANDIDATE_START = new Int32Array(MAX_LABELS);
export const CANDIDATE_HASH = new Int32Array(MAX_LABELS);
/** End (exclusive) of the name the candidates were read from. */
let candidateEnd = 0;

/**
 * Reads the name in s[from..] as domainKey() does, without allocating: fills the candidate suffixes, least
 * specific first (the order they are read in), and returns their number; 0 when the value is not a domain;
 * -1 when only domainKey() can tell (non-ASCII, punycode, surrounding white space).
 */
function scanCandidates(s: string, from: number): number {
  let a = from;
  let b = s.length;
  if (b <= a) return 0;
  if (s.charCodeAt(a) <= 32 || s.charCodeAt(b - 1) <= 32) return -1;
  if (s.charCodeAt(a) === 42 && s.charCodeAt(a + 1) === 46) a += 2; // "*."
  if (b > a && s.charCodeAt(b - 1) === 46) b -= 1;
  // A whole TLD ("lu"): two to 63 letters.
  let letters = true;
  for (let i = a; i < b; i++) {
    if (!isLetter(s.charCodeAt(i))) {
      letters = false;
      break;
    }
  }
  if (letters && b - a >= 2 && b - a <= 63) {
    let h = FNV_OFFSET;
    for (let i = b - 1; i >= a; i--) h = Math.imul(h ^ lower(s.charCodeAt(i)), FNV_PRIME);
    CANDIDATE_START[0] = a;
    CANDIDATE_HASH[0] = h | 0;
    candidateEnd = b;
    return 1;
  }
  // normaliseDomain: one more trailing dot dropped, 4 to 253 characters, labels of [a-z0-9_-], a TLD of letters.
  if (b > a && s.charCodeAt(b - 1) === 46) b -= 1;
  if (b - a < 4 || b - a > 253) return 0;
  let h = FNV_OFFSET;
  let n = 0;
  let labelEnd = b; // exclusive end of the label being read
  let tld = true;
  for (let i = b - 1; i >= a - 1; i--) {
    const c = i >= a ? s.charCodeAt(i) : 46;
    if (c === 46) {
      const length = labelEnd - i - 1;
      if (length < 1 || length > 63) return 0;
      if (s.charCodeAt(i + 1) === 45 || s.charCodeAt(labelEnd - 1) === 45) return 0;
      if (tld) {
        for (let j = i + 1; j < labelEnd; j++) if (!isLetter(s.charCodeAt(j))) return 0;
        if (length < 2) return 0;
        tld = false;
      }
      if (n === MAX_LABELS) return 0;
      CANDIDATE_START[n] = i + 1;
      CANDIDATE_HASH[n] = h | 0;
      n += 1;
      labelEnd = i;
      if (i >= a) h = Math.imul(h ^ 46, FNV_PRIME);
      continue;
    }
    if (c >= 127) return -1;
    const l = LABEL_CHAR[c] ?? 0;
    if (l === 0) return 0;
    // "xn--" anywhere: punycode, which only the URL parser validates.
    if (l === 120 && i + 3 < b && (s.charCodeAt(i + 1) | 0x20) === 110 && s.charCodeAt(i + 2) === 45 && s.charCodeAt(i + 3) === 45)
      return -1;
    h = Math.imul(h ^ l, FNV_PRIME);
  }
  if (n < 2) return 0;
  candidateEnd = b;
  return n;
}

/** Most specific first: the whole name was found last. */
function reverseCandidates(n: number): void {
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const st = CANDIDATE_START[i] ?? 0;
    CANDIDATE_START[i] = CANDIDATE_START[j] ?? 0;
    CANDIDATE_START[j] = st;
    const hh = CANDIDATE_HASH[i] ?? 0;
    CANDIDATE_HASH[i] = CANDIDATE_HASH[j] ?? 0;
    CANDIDATE_HASH[j] = hh;
  }
}

/** Fills the candidates of an already normalised key (from domainKey()); returns their number. */
export function keyCandidates(key: string): number {
  let h = FNV_OFFSET;
  let n = 0;
  for (let i = key.length - 1; i >= -1; i--) {
    const c = i >= 0 ? key.charCodeAt(i) : 46;
    if (c === 46) {
      if (n === MAX_LABELS) break;
      CANDIDATE_START[n] = i + 1;
      CANDIDATE_HASH[n] = h | 0;
      n += 1;
    }
    if (i >= 0) h = Math.imul(h ^ c, FNV_PRIME);
  }
  reverseCandidates(n);
  candidateEnd = key.length;
  return n;
}

/** Lowercase names → node ids, open addressing with linear probing; the stored hash rejects most mismatches. */
export class DomainTable {
  /** Slot k: table[2k] the name's hash, table[2k + 1] 0 when empty, else 1 + index in `names` (one cache line a probe). */
  private readonly table: Int32Array;
  private readonly mask: number;
  /**
   * One bit per hash (8 bits per name, small enough to stay in cache): most suffixes of a name are nobody's
   * ("www.example.org", "com"), and a clear bit rules them out without touching the table.
   */
  private readonly filter: Int32Array;
  private readonly filterShift: number;
  /**
   * Every name's characters back to back (names are ASCII once normalised), name i at
   * chars[offsets[i], offsets[i + 1]). Why a copy: comparing against one flat buffer beats following each
   * name's string, which may even be a rope when the caller built it by concatenation.
   */
  private readonly chars: Uint8Array;
  private readonly offsets: Int32Array;

  constructor(
    readonly names: readonly string[],
    readonly nodes: Int32Array,
  ) {
    let size = 16;
    while (size < names.length * 2) size *= 2;
    this.table = new Int32Array(2 * size);
    this.mask = size - 1;
    let bits = 10;
    while (2 ** bits < names.length * 8) bits += 1;
    this.filter = new Int32Array(2 ** (bits - 5));
    this.filterShift = 32 - bits;
    this.offsets = new Int32Array(names.length + 1);
    let total = 0;
    for (let i = 0; i < names.length; i++) {
      total += names[i]?.length ?? 0;
      this.offsets[i + 1] = total;
    }
    this.chars = new Uint8Array(total);
  }

  /** Inserts every name (sliced: yields every few thousand); call once before any find(). */
  *fill(): Generator<undefined, void> {
    const { table, mask, names, filter, filterShift, chars, offsets } = this;
    for (let i = 0; i < names.length; i++) {
      if ((i & 1023) === 0) yield;
      const name = names[i] ?? '';
      const at = offsets[i] ?? 0;
      for (let j = 0; j < name.length; j++) chars[at + j] = name.charCodeAt(j);
      const h = hashName(name);
      let slot = h & mask;
      while ((table[2 * slot + 1] ?? 0) !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = h;
      table[2 * slot + 1] = i + 1;
      const bit = Math.imul(h, 0x9e3779b1) >>> filterShift;
      filter[bit >>> 5] = (filter[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
  }

  /**
   * The node of the closest registered parent domain of the name in value[from..] (read as domainKey() reads
   * it), or -1. Probes the suffixes from the most specific, without allocating unless the name needs
   * domainKey() (non-ASCII, punycode, surrounding white space).
   */
  lookup(value: string, from: number): number {
    const n = scanCandidates(value, from);
    if (n >= 0) {
      const end = candidateEnd;
      for (let i = n - 1; i >= 0; i--) {
        const node = this.find(value, CANDIDATE_START[i] ?? 0, end, CANDIDATE_HASH[i] ?? 0);
        if (node >= 0) return node;
      }
      return -1;
    }
    const key = domainKey(from === 0 ? value : value.slice(from));
    if (key === null) return -1;
    const count = keyCandidates(key);
    for (let i = 0; i < count; i++) {
      const node = this.find(key, CANDIDATE_START[i] ?? 0, key.length, CANDIDATE_HASH[i] ?? 0);
      if (node >= 0) return node;
    }
    return -1;
  }

  /** The node of the name s[from, to) (compared case-insensitively) whose hash is `h`, or -1. */
  find(s: string, from: number, to: number, h: number): number {
    const bit = Math.imul(h, 0x9e3779b1) >>> this.filterShift;
    if (((this.filter[bit >>> 5] ?? 0) & (1 << (bit & 31))) === 0) return -1;
    const { table, mask, chars, offsets } = this;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot + 1] ?? 0;
      if (entry === 0) return -1;
      if (table[2 * slot] !== h) continue;
      const at = offsets[entry - 1] ?? 0;
      if ((offsets[entry] ?? 0) - at !== to - from) continue;
      let i = 0;
      while (i < to - from && chars[at + i] === lower(s.charCodeAt(from + i))) i += 1;
      if (i === to - from) return this.nodes[entry - 1] ?? -1;
    }
  }

  bytes(): number {
    let chars = 0;
    for (const n of this.names) chars += n.length;
    return (
      this.table.byteLength +
      this.filter.byteLength +
      this.chars.byteLength +
      this.offsets.byteLength +
      this.nodes.byteLength +
      chars +
      16 * this.names.length
    );
  }
}
