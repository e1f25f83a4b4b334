// IP addresses for the asset index without allocating: text → 32-bit words, and sorted disjoint ranges
// (every asset prefix flattened into intervals owned by their most specific prefix) searched by bisection.
// The parsers accept exactly what src/shared/observables/normalise.ts accepts (checked by asset-ip.test.ts).

/** Output of the parsers: the address in four 32-bit words, most significant first (IPv4 in WORDS[0]). */
export const WORDS = new Uint32Array(4);

// Value of a hex digit by character code, -1 for anything else (one load instead of three comparisons).
const HEX = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX[65 + c] = 10 + c;
  HEX[97 + c] = 10 + c;
}
// \w . - : the characters a zone id ("fe80::1%eth0") may have.
const isZoneChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122) || c === 95 || c === 46 || c === 45;

/** Strict dotted quad in s[from, to) → uint32, or -1 (no leading zeros: "010.1.1.1" is octal to inet_aton). */
export function parseIpv4(s: string, from: number, to: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots += 1;
      continue;
    }
    if (c < 48 || c > 57 || (digits > 0 && octet === 0)) return -1;
    octet = octet * 10 + (c - 48);
    digits += 1;
    if (octet > 255) return -1;
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

// Groups of the IPv6 text being parsed, in final position (module scratch: the parser allocates nothing).
const GROUPS = new Uint16Array(8);

/**
 * IPv6 text in s[from, to) (full, compressed, with an IPv4 tail, with a zone id) → WORDS; true when valid.
 * As ipaddr.js (behind parseIpv6): "::a.b.c.d" is read as the IPv4-mapped ::ffff:a.b.c.d.
 */
export function parseIpv6Words(s: string, from: number, to: number): boolean {
  let end = to;
  const zone = s.indexOf('%', from);
  if (zone >= 0 && zone < to) {
    // A zone id of 1 to 64 characters, dropped.
    if (to - zone - 1 < 1 || to - zone - 1 > 64) return false;
    for (let j = zone + 1; j < to; j++) if (!isZoneChar(s.charCodeAt(j))) return false;
    end = zone;
  }
  if (end - from > 45 || end - from < 2) return false;
  const g = GROUPS;
  let n = 0; // groups read
  let gap = -1; // number of groups before "::"
  let i = from;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    // One group: one to four hex digits, or a dotted quad closing the address.
    const start = i;
    let value = 0;
    let c = s.charCodeAt(i);
    let h = c < 128 ? (HEX[c] ?? -1) : -1;
    while (h >= 0) {
      value = (value << 4) | h;
      i += 1;
      if (i === end) break;
      c = s.charCodeAt(i);
      h = c < 128 ? (HEX[c] ?? -1) : -1;
    }
    const digits = i - start;
    if (i < end && c === 46) {
      if (n > 6) return false;
      const v4 = parseIpv4(s, start, end);
      if (v4 < 0) return false;
      g[n++] = v4 >>> 16;
      g[n++] = v4 & 0xffff;
      if (gap === 0 && n === 2 && start === from + 2) {
        // "::a.b.c.d" (the deprecated IPv4-compatible form): ipaddr.js reads it as ::ffff:a.b.c.d.
        g[2] = 0xffff;
        g[3] = g[0] ?? 0;
        g[4] = g[1] ?? 0;
        g[0] = 0;
        g[1] = 0;
        n = 5;
      }
      i = end;
      break;
    }
    if (digits === 0 || digits > 4 || n === 8) return false;
    g[n++] = value;
    if (i === end) break;
    if (c !== 58) return false;
    i += 1;
    if (i === end) return false; // a single trailing colon
    if (s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = n;
      i += 1;
    }
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  if (gap >= 0 && n > gap) {
    // Expand "::": the groups after it move to the end, zeros in between.
    const shift = 8 - n;
    for (let k = n - 1; k >= gap; k--) g[k + shift] = g[k] ?? 0;
    for (let k = gap; k < gap + shift; k++) g[k] = 0;
  } else if (gap >= 0) {
    for (let k = n; k < 8; k++) g[k] = 0;
  }
  WORDS[0] = ((g[0] ?? 0) << 16) | (g[1] ?? 0);
  WORDS[1] = ((g[2] ?? 0) << 16) | (g[3] ?? 0);
  WORDS[2] = ((g[4] ?? 0) << 16) | (g[5] ?? 0);
  WORDS[3] = ((g[6] ?? 0) << 16) | (g[7] ?? 0);
  return true;
}

/** "/n" after `slash` in s[.., to) (absent: max) → n, or -1 when malformed ("/08", "/") or above max. */
export function parsePrefixLength(s: string, slash: number, to: number, max: number): number {
  if (slash < 0) return max;
  const digits = to - slash - 1;
  if (digits < 1 || digits > 3) return -1;
  let n = 0;
  for (let i = slash + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  if (digits > 1 && s.charCodeAt(slash + 1) === 48) return -1;
  return n <= max ? n : -1;
}

/**
 * An address or network in s[from, to): WORDS (host bits kept) and the result `family * 256 + length`,
 * or -1 when invalid. IPv4-mapped IPv6 (::ffff:a.b.c.d, /96 and longer) comes back as IPv4.
 */
export function parseNet(s: string, from: number, to: number): number {
  // The family from the first separator: a valid IPv6 address has a colon before any dot (and before "/"),
  // an IPv4 one a dot; anything else fails in either parser. Then "/" by the native search.
  let i = from;
  let c = 0;
  while (i < to) {
    c = s.charCodeAt(i);
    if (c === 46 || c === 58 || c === 47) break;
    i += 1;
  }
  const colon = i < to && c === 58;
  let slash = c === 47 && i < to ? i : s.indexOf('/', i);
  if (slash >= to) slash = -1;
  const end = slash < 0 ? to : slash;
  if (!colon) {
    const v4 = parseIpv4(s, from, end);
    const len = v4 < 0 ? -1 : parsePrefixLength(s, slash, to, 32);
    if (len < 0) return -1;
    WORDS[0] = v4;
    return 4 * 256 + len;
  }
  const len = parsePrefixLength(s, slash, to, 128);
  if (len < 0 || !parseIpv6Words(s, from, end)) return -1;
  // Why: ::ffff:a.b.c.d is the same host as a.b.c.d, so both spellings must find the same owner.
  if (len >= 96 && WORDS[0] === 0 && WORDS[1] === 0 && WORDS[2] === 0xffff) {
    WORDS[0] = WORDS[3] ?? 0;
    return 4 * 256 + (len - 96);
  }
  return 6 * 256 + len;
}

/** Is the code a character String.prototype.trim would remove, or outside printable ASCII (then: the slow path)? */
export const needsTrim = (c: number): boolean => c <= 32 || c >= 127;

const MASK32 = (len: number): number => (len <= 0 ? 0 : len >= 32 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0);

/**
 * IPv4 prefixes flattened into disjoint intervals: `starts` ascending (the first is 0), `owner` the most
 * specific prefix (node) containing the interval, or -1. A 65,536-entry table on the top 16 bits narrows
 * each search to a handful of intervals.
 */
export class V4Ranges {
  constructor(
    readonly starts: Uint32Array,
    readonly owner: Int32Array,
    private readonly bucket: Int32Array,
  ) {}

  get length(): number {
    return this.starts.length;
  }

  /** The interval holding the address. */
  find(addr: number): number {
    const h = addr >>> 16;
    const starts = this.starts;
    let lo = this.bucket[h] ?? 0;
    let hi = this.bucket[h + 1] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] ?? 0) <= addr) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  bytes(): number {
    return this.starts.byteLength + this.owner.byteLength + this.bucket.byteLength;
  }
}

/** Builds the intervals of IPv4 prefixes given sorted by (start, length) ascending, distinct; fills `parent`. Sliced. */
export function* flattenV4(
  start: Uint32Array,
  len: Uint8Array,
  count: number,
  node0: number,
  parent: Int32Array,
): Generator<undefined, V4Ranges> {
  let starts = new Uint32Array(2 * count + 1);
  let owner = new Int32Array(2 * count + 1);
  let m = 0;
  const emit = (at: number, node: number): void => {
    if (m > 0 && starts[m - 1] === at) owner[m - 1] = node;
    else {
      starts[m] = at;
      owner[m] = node;
      m += 1;
    }
  };
  const stackNode = new Int32Array(33);
  const stackEnd = new Float64Array(33);
  let d = 0;
  emit(0, -1);
  for (let k = 0; k < count; k++) {
    if ((k & 4095) === 0) yield;
    const s = start[k] ?? 0;
    while (d > 0 && (stackEnd[d - 1] ?? 0) < s) {
      d -= 1;
      emit((stackEnd[d] ?? 0) + 1, d > 0 ? (stackNode[d - 1] ?? -1) : -1);
    }
    parent[node0 + k] = d > 0 ? (stackNode[d - 1] ?? -1) : -1;
    emit(s, node0 + k);
    stackNode[d] = node0 + k;
    stackEnd[d] = s + (0xffffffff - MASK32(len[k] ?? 0));
    d += 1;
  }
  while (d > 0) {
    d -= 1;
    const end = stackEnd[d] ?? 0;
    if (end < 0xffffffff) emit(end + 1, d > 0 ? (stackNode[d - 1] ?? -1) : -1);
  }
  yield;
  starts = starts.slice(0, m);
  owner = owner.slice(0, m);
  // bucket[h]: the last interval starting at or before h << 16 (h = 65,536 stands for the end).
  const bucket = new Int32Array(65_537);
  let j = 0;
  for (let h = 0; h < 65_536; h++) {
    const at = h * 65_536;
    while (j + 1 < m && (starts[j + 1] ?? 0) <= at) j += 1;
    bucket[h] = j;
  }
  bucket[65_536] = m - 1;
  return new V4Ranges(starts, owner, bucket);
}

/**
 * IPv6 prefixes flattened into disjoint intervals, starts as four words each (interleaved). A 65,536-entry
 * table on the first word narrows each search: the window [lo, lo + 65,536 << shift) is fitted at build
 * time to where 98% of the intervals start (assets cluster in 2000::/3, often in a few /16), the few
 * outside it are found by bisection.
 */
export class V6Ranges {
  /**
   * Per interval its start (4 words) then its owner (as uint32): the owner sits on the cache line the search
   * already read, one memory access less per lookup than a separate array.
   */
  private readonly packed: Uint32Array;

  constructor(
    starts: Uint32Array,
    readonly owner: Int32Array,
    private readonly bucket: Int32Array,
    private readonly lo: number,
    shift: number,
  ) {
    this.scale = 2 ** -shift;
    const m = owner.length;
    this.packed = new Uint32Array(5 * m);
    for (let k = 0; k < m; k++) {
      for (let i = 0; i < 4; i++) this.packed[5 * k + i] = starts[4 * k + i] ?? 0;
      this.packed[5 * k + 4] = (owner[k] ?? -1) >>> 0;
    }
  }

  /** The owner of the interval holding the address in WORDS (a node, or -1). */
  findOwner(): number {
    return (this.packed[5 * this.find() + 4] ?? 0xffffffff) | 0;
  }

  /** 2 ** -shift: a multiplication on the hot path instead of a power and a division. */
  private readonly scale: number;

  get length(): number {
    return this.owner.length;
  }

  /** The interval holding the address in WORDS. */
  find(): number {
    const w0 = WORDS[0] ?? 0;
    const w1 = WORDS[1] ?? 0;
    const w2 = WORDS[2] ?? 0;
    const w3 = WORDS[3] ?? 0;
    const bucket = this.bucket;
    let bottom: number;
    let top: number;
    if (w0 < this.lo) {
      bottom = 0;
      top = bucket[0] ?? 0;
    } else {
      const k = (w0 - this.lo) * this.scale;
      if (k >= 65_535) {
        bottom = bucket[65_535] ?? 0;
        top = this.owner.length - 1;
      } else {
        const key = k | 0;
        bottom = bucket[key] ?? 0;
        top = bucket[key + 1] ?? 0;
      }
    }
    const st = this.packed;
    while (bottom < top) {
      const mid = (bottom + top + 1) >>> 1;
      const o = mid * 5;
      const x0 = st[o] ?? 0;
      let le: boolean;
      if (x0 !== w0) le = x0 < w0;
      else {
        const x1 = st[o + 1] ?? 0;
        if (x1 !== w1) le = x1 < w1;
        else {
          const x2 = st[o + 2] ?? 0;
          le = x2 !== w2 ? x2 < w2 : (st[o + 3] ?? 0) <= w3;
        }
      }
      if (le) bottom = mid;
      else top = mid - 1;
    }
    return bottom;
  }

  bytes(): number {
    return this.packed.byteLength + this.owner.byteLength + this.bucket.byteLength;
  }
}

/** Fits the bucket window of V6Ranges to the first words of the interval starts (sliced). */
function* v6Ranges(starts: Uint32Array, owner: Int32Array): Generator<undefined, V6Ranges> {
  const m = owner.length;
  const firstWord = (i: number): number => starts[4 * Math.min(m - 1, Math.max(0, i))] ?? 0;
  const lo = m > 2 ? firstWord(1 + Math.floor((m - 1) * 0.01)) : 0;
  const hi = m > 2 ? firstWord(Math.floor((m - 1) * 0.99)) : 0;
  let shift = 0;
  while ((hi - lo) / 2 ** shift >= 65_535) shift += 1;
  // bucket[k]: the last interval starting at or before (lo + k << shift):0:0:0.
  const bucket = new Int32Array(65_537);
  let j = 0;
  for (let k = 0; k < 65_536; k++) {
    if ((k & 8191) === 0) yield;
    const at = lo + k * 2 ** shift;
    while (j + 1 < m) {
      const o = 4 * (j + 1);
      const w0 = starts[o] ?? 0;
      const atOrBefore = w0 < at || (w0 === at && starts[o + 1] === 0 && starts[o + 2] === 0 && starts[o + 3] === 0);
      if (!atOrBefore) break;
      j += 1;
    }
    bucket[k] = j;
  }
  bucket[65_536] = m - 1;
  yield;
  return new V6Ranges(starts, owner, bucket, lo, shift);
}

/** Last address of a prefix (4 words at w[o..o+4), `len` bits) into out[0..4). */
function lastAddress(w: Uint32Array, o: number, len: number, out: Float64Array, at: number): void {
  for (let i = 0; i < 4; i++) {
    const keep = Math.min(32, Math.max(0, len - 32 * i));
    out[at + i] = ((w[o + i] ?? 0) | (0xffffffff - MASK32(keep))) >>> 0;
  }
}

/** Is the address at a[ao..ao+4) (numbers) below the one at b[bo..bo+4)? */
function below(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number): boolean {
  for (let i = 0; i < 4; i++) {
    const x = a[ao + i] ?? 0;
    const y = b[bo + i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** Builds the intervals of IPv6 prefixes given sorted by (address, length) ascending, distinct; fills `parent`. Sliced. */
export function* flattenV6(
  words: Uint32Array,
  len: Uint8Array,
  count: number,
  node0: number,
  parent: Int32Array,
): Generator<undefined, V6Ranges> {
  let starts = new Uint32Array(4 * (2 * count + 1));
  let owner = new Int32Array(2 * count + 1);
  let m = 0;
  const next = new Float64Array(4);
  const emit = (src: ArrayLike<number>, o: number, node: number): void => {
    const p = (m - 1) * 4;
    if (m > 0 && starts[p] === src[o] && starts[p + 1] === src[o + 1] && starts[p + 2] === src[o + 2] && starts[p + 3] === src[o + 3]) {
      owner[m - 1] = node;
      return;
    }
    for (let i = 0; i < 4; i++) starts[m * 4 + i] = src[o + i] ?? 0;
    owner[m] = node;
    m += 1;
  };
  /** The address after the one at e[o..o+4) into `next`; false when it is the last address of all. */
  const after = (e: Float64Array, o: number): boolean => {
    let carry = 1;
    for (let i = 3; i >= 0; i--) {
      const v = (e[o + i] ?? 0) + carry;
      carry = v > 0xffffffff ? 1 : 0;
      next[i] = carry ? 0 : v;
    }
    return carry === 0;
  };
  const stackNode = new Int32Array(129);
  const stackEnd = new Float64Array(129 * 4);
  let d = 0;
  emit([0, 0, 0, 0], 0, -1);
  for (let k = 0; k < count; k++) {
    if ((k & 4095) === 0) yield;
    while (d > 0 && below(stackEnd, (d - 1) * 4, words, k * 4)) {
      d -= 1;
      if (after(stackEnd, d * 4)) emit(next, 0, d > 0 ? (stackNode[d - 1] ?? -1) : -1);
    }
    parent[node0 + k] = d > 0 ? (stackNode[d - 1] ?? -1) : -1;
    emit(words, k * 4, node0 + k);
    stackNode[d] = node0 + k;
    lastAddress(words, k * 4, len[k] ?? 0, stackEnd, d * 4);
    d += 1;
  }
  while (d > 0) {
    d -= 1;
    if (after(stackEnd, d * 4)) emit(next, 0, d > 0 ? (stackNode[d - 1] ?? -1) : -1);
  }
  yield;
  starts = starts.slice(0, 4 * m);
  owner = owner.slice(0, m);
  return yield* v6Ranges(starts, owner);
}

/**
 * The most specific node containing the address or network in `text` whose prefix is no longer than the
 * query's (a network observable lies inside an asset only if the asset is no more specific), or -1.
 * Why here and not in asset-index.ts: the whole lookup stays inside one module, so that no imported binding
 * (a getter call once transpiled to CommonJS) is read per lookup.
 */
export function netNode(text: string, v4: V4Ranges, v6: V6Ranges, spec: Uint8Array, parent: Int32Array): number {
  let s = text;
  if (s.length > 0 && (needsTrim(s.charCodeAt(0)) || needsTrim(s.charCodeAt(s.length - 1)))) s = s.trim();
  const parsed = parseNet(s, 0, s.length);
  if (parsed < 0) return -1;
  let node: number;
  let querySpec: number;
  if (parsed >> 8 === 4) {
    querySpec = 96 + (parsed & 255);
    node = v4.owner[v4.find(WORDS[0] ?? 0)] ?? -1;
  } else {
    querySpec = parsed & 255;
    node = v6.findOwner();
  }
  // An address (querySpec 128) lies inside any prefix: no need to read the node's length.
  if (querySpec < 128) while (node >= 0 && (spec[node] ?? 0) > querySpec) node = parent[node] ?? -1;
  return node;
}
