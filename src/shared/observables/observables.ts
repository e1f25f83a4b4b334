// Observable extraction: finds IPs, CIDRs, domains, URLs, e-mail addresses and hashes in free text
// (reports, logs, defanged IOC lists), refanged, validated, normalised and deduplicated, in linear time.
//
// Decisions (each is tested in observables.test.ts):
// - Passes, in order, over the refanged text: URLs (scheme-anchored), e-mail addresses (grown
//   outwards from each '@'), then separator-delimited tokens for IPs, CIDRs and domains with the URL
//   and e-mail spans blanked out, then hex runs for hashes (also inside URLs). So a URL's host and an
//   e-mail's domain are not listed again unless they also appear on their own elsewhere.
// - IPv4: dotted quad only; octets with leading zeros ("010.1.1.1") are refused, not guessed
//   (octal for inet_aton, decimal for people). IPv6: any valid form, RFC 5952 output, zone dropped,
//   IPv4-mapped kept as ::ffff:a.b.c.d; "::" alone is refused. CIDR: normalised to the network
//   address; an invalid prefix refuses the whole candidate.
// - Domains: ≥ 2 labels, TLD of 2–63 ASCII letters or punycode (IDN converted to punycode).
//   In prose, a Capitalised TLD ("home.Then") or a file extension ("report.pdf") is refused,
//   unless the name was defanged, starts with "www.", or the input is one lone token.
// - E-mail addresses are lowercased whole; URL scheme and host are lowercased, the rest kept.
// - Hashes: hex runs of exactly 32/40/64 between non-hex characters, not all digits, lowercased.
// - Known false positives we accept: all-hex "a::b" tokens as IPv6, Message-IDs as e-mail
//   addresses, dotted identifiers with a lowercase word TLD ("window.location") as domains.
import { z } from 'zod';
import { refangWithMap, type OffsetMap } from './refang';
import { normaliseCidr, normaliseDomain, normaliseEmail, normaliseHash, normaliseIpv4, normaliseIpv6, normaliseUrl } from './normalise';

export { refang } from './refang';

export const OBSERVABLE_TYPES = ['ipv4', 'ipv6', 'cidr', 'domain', 'url', 'email', 'md5', 'sha1', 'sha256'] as const;
export const ObservableType = z.enum(OBSERVABLE_TYPES);
export type ObservableType = z.infer<typeof ObservableType>;

export interface Observable {
  type: ObservableType;
  /** Normalised and refanged: what to store, match and deduplicate on. */
  value: string;
  /** The text as found in the input (still defanged if it was). */
  raw: string;
  /** True when `raw` contained defanging that was undone. */
  refanged: boolean;
  /** Offset of `raw` in the input (UTF-16 code units). */
  index: number;
}

export interface ExtractOptions {
  /** Most observables returned (default 10,000); `truncated` tells when more were found. */
  max?: number;
}

export interface ExtractResult {
  items: Observable[];
  truncated: boolean;
}

export const DEFAULT_MAX_OBSERVABLES = 10_000;

// Scheme-anchored; the body is one negated class, so the match is linear. Quotes, angle brackets,
// braces, backslashes and whitespace end a URL, as they do in mail and chat clients.
const URL_RE = /\b(?:https?|ftps?|sftp|wss?):\/\/[^\s<>"'`{}|\\^\u0000-\u001f\u007f\u00ab\u00bb\u2018-\u201f]+/gi;
// Tokens for IPs, CIDRs and domains: maximal runs without separators (linear).
const TOKEN_RE = /[^\s,;=()<>"'`|{}\[\]\\*!?&#$^~+\u00ab\u00bb\u2018-\u201f\u2026\u3001\u3002]+/gu;
// A hex run of at least 32: starts at a run's first character and takes all of it, so both ends
// border non-hex characters. Runs shorter than 32 fail within 32 steps.
const HEX_RE = /[0-9a-f]{32,}/gi;
const TRAILING_URL_PUNCT = /[.,;:!?*_'’]$/;
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const HOST_CHAR = /[\p{L}\p{M}\p{N}._-]/u;

class Collector {
  private readonly seen = new Set<string>();
  readonly items: Observable[] = [];

  constructor(
    private readonly original: string,
    private readonly map: OffsetMap,
    /** When the whole input is a single value, prose heuristics are off (see normaliseDomain). */
    readonly lone: boolean,
  ) {}

  add(type: ObservableType, value: string, start: number, end: number): void {
    const key = `${type}\u0000${value}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const span = this.map.toOriginal(start, end);
    this.items.push({
      type,
      value,
      raw: this.original.slice(span.start, span.end),
      refanged: span.refanged,
      index: span.start,
    });
  }

  isRefanged(start: number, end: number): boolean {
    return this.map.toOriginal(start, end).refanged;
  }
}

/**
 * Extracts observables from `text`. Each (type, value) appears once, at its first occurrence;
 * items are ordered by position. A URL's host and an e-mail address's domain are not listed again
 * as domains or IPs unless they also appear on their own.
 */
export function extractObservables(text: string, opts: ExtractOptions = {}): ExtractResult {
  const requested = opts.max ?? DEFAULT_MAX_OBSERVABLES;
  const max = Number.isNaN(requested) ? DEFAULT_MAX_OBSERVABLES : Math.max(0, Math.floor(requested));
  const { text: t, map } = refangWithMap(text);
  const trimmed = t.trim();
  const lone = trimmed.length > 0 && trimmed.length <= 2048 && !/\s/.test(trimmed);
  const out = new Collector(text, map, lone);

  const urlSpans: [number, number][] = [];
  const emailSpans: [number, number][] = [];
  scanUrls(t, out, urlSpans);
  scanEmails(t, out, urlSpans, emailSpans);
  const claimed = [...urlSpans, ...emailSpans].sort((a, b) => a[0] - b[0]);
  scanTokens(maskSpans(t, claimed), out);
  scanHashes(t, out);

  out.items.sort((a, b) => a.index - b.index || OBSERVABLE_TYPES.indexOf(a.type) - OBSERVABLE_TYPES.indexOf(b.type));
  const truncated = out.items.length > max;
  return { items: truncated ? out.items.slice(0, max) : out.items, truncated };
}

function scanUrls(t: string, out: Collector, masks: [number, number][]): void {
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(t); m !== null; m = URL_RE.exec(t)) {
    const start = m.index;
    const url = trimUrl(m[0]);
    const norm = normaliseUrl(url);
    if (norm === null) continue;
    out.add('url', norm.value, start, start + url.length);
    masks.push([start, start + url.length]);
  }
}

/** Drops trailing punctuation and closing brackets that do not belong to the URL. */
function trimUrl(candidate: string): string {
  let end = candidate.length;
  // Counted once and kept up to date: re-counting per stripped character would be quadratic.
  const parenOpen = count(candidate, '(');
  const bracketOpen = count(candidate, '[');
  let parenClose = count(candidate, ')');
  let bracketClose = count(candidate, ']');
  for (;;) {
    const last = candidate[end - 1];
    if (last === undefined) break;
    if (TRAILING_URL_PUNCT.test(last)) {
      end -= 1;
    } else if (last === ')' && parenOpen < parenClose) {
      parenClose -= 1;
      end -= 1;
    } else if (last === ']' && bracketOpen < bracketClose) {
      bracketClose -= 1;
      end -= 1;
    } else {
      break;
    }
  }
  return candidate.slice(0, end);
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n += 1;
  return n;
}

/** Finds each '@' and grows the address outwards with bounded steps: linear, never a regex rescan. */
function scanEmails(t: string, out: Collector, urlSpans: readonly [number, number][], emailSpans: [number, number][]): void {
  let u = 0;
  for (let at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
    while (u < urlSpans.length && (urlSpans[u]?.[1] ?? 0) <= at) u += 1;
    const url = urlSpans[u];
    if (url && url[0] <= at) continue; // inside a URL (userinfo, path): the URL is the observable
    let start = at;
    while (start > 0 && at - start <= 64 && LOCAL_CHAR.test(t[start - 1] ?? '')) start -= 1;
    if (at - start > 64) continue; // a longer run is not a local part we can trust to have found whole
    while (t[start] === '.') start += 1;
    let end = at + 1;
    while (end < t.length && end - at <= 254 && HOST_CHAR.test(t[end] ?? '')) end += 1;
    while (end > at + 1 && /[.\-_]/.test(t[end - 1] ?? '')) end -= 1;
    const value = normaliseEmail(t.slice(start, end));
    if (value === null) continue;
    out.add('email', value, start, end);
    emailSpans.push([start, end]);
  }
}

/** Replaces already-claimed spans with spaces (same length, so offsets stay valid). */
function maskSpans(t: string, masks: readonly [number, number][]): string {
  if (masks.length === 0) return t;
  const parts: string[] = [];
  let pos = 0;
  for (const [s, e] of masks) {
    if (e <= pos) continue;
    const from = Math.max(s, pos);
    parts.push(t.slice(pos, from), ' '.repeat(e - from));
    pos = e;
  }
  parts.push(t.slice(pos));
  return parts.join('');
}

function scanTokens(t: string, out: Collector): void {
  // A token seen before without refanging yields only duplicates: skip it (logs repeat a lot).
  const done = new Set<string>();
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(t); m !== null; m = TOKEN_RE.exec(t)) {
    const token = m[0];
    if (token.length > 512) continue; // no observable of ours is that long: skip blobs cheaply
    const plain = !out.isRefanged(m.index, m.index + token.length);
    if (plain && done.has(token)) continue;
    scanToken(token, m.index, out);
    if (plain && done.size < 200_000) done.add(token);
  }
}

const EDGE = new Set(['.', '-', ':', '/', '@']);

/**
 * Strips edge punctuation (sentence dots, path slashes, dashes); returns the inner text and its
 * offset, or null when nothing is left. Underscores go only in pairs ("_evil.com_", Markdown
 * emphasis), so that "_dmarc.example.org" keeps its leading underscore.
 */
function strip(s: string, offset: number): [string, number] | null {
  let a = 0;
  let b = s.length;
  for (;;) {
    const before = [a, b];
    while (a < b && EDGE.has(s[a] ?? '')) a += 1;
    while (b > a && EDGE.has(s[b - 1] ?? '')) b -= 1;
    if (b - a >= 2 && s[a] === '_' && s[b - 1] === '_') {
      a += 1;
      b -= 1;
    }
    while (b > a && s[b - 1] === '_') b -= 1;
    if (before[0] === a && before[1] === b) break;
  }
  return a < b ? [s.slice(a, b), offset + a] : null;
}

function scanToken(token: string, offset: number, out: Collector): void {
  if (!/[:@/]/.test(token)) {
    const w = strip(token, offset);
    if (w !== null) classifyWord(w[0], w[1], out);
    return;
  }
  if (token.split(':').length > 2 && scanIpv6(token, offset, out)) return;
  for (const [part, partOffset] of segments(token, offset, /[:@]/)) {
    const stripped = strip(part, partOffset);
    if (stripped === null) continue;
    const [p, pOffset] = stripped;
    if (/^[\d.]+\/\d+$/.test(p)) {
      // Looks like an IPv4 CIDR: accepted when valid, otherwise refused whole (no guessing).
      const cidr = normaliseCidr(p);
      if (cidr !== null) out.add('cidr', cidr, pOffset, pOffset + p.length);
      continue;
    }
    for (const [sub, subOffset] of segments(p, pOffset, /\//)) {
      const w = strip(sub, subOffset);
      if (w !== null) classifyWord(w[0], w[1], out);
    }
  }
}

const HEX_GROUP = /^[0-9A-Fa-f]{0,4}$/;
const LAST_GROUP = /^[0-9A-Fa-f.]*(?:\/\d{1,3})?$/;

/**
 * Reads the token as an IPv6 address or CIDR, possibly after a label ("addr:2001:db8::1",
 * "IPv6:…") and before a zone ("fe80::1%eth0") or sentence punctuation. True when found.
 */
function scanIpv6(token: string, offset: number, out: Collector): boolean {
  let end = token.length;
  while (end > 0 && (token[end - 1] === '.' || token[end - 1] === ',')) end -= 1;
  if (token[end - 1] === ':' && token[end - 2] !== ':') end -= 1;
  const core = token.slice(0, end);
  const pct = core.indexOf('%');
  const head = pct < 0 ? core : core.slice(0, pct);
  // The address starts after the last ':'-separated segment that cannot be part of one.
  const segs = head.split(':');
  let start = 0;
  let pos = 0;
  segs.forEach((seg, i) => {
    const ok = HEX_GROUP.test(seg) || (i === segs.length - 1 && LAST_GROUP.test(seg));
    if (!ok) start = pos + seg.length + 1;
    pos += seg.length + 1;
  });
  if (core[start] === ':' && core[start + 1] !== ':') start += 1;
  if (start >= head.length) return false;
  const body = core.slice(start);
  const isCidr = body.includes('/');
  const norm = isCidr ? normaliseCidr(body) : normaliseIpv6(body);
  if (norm === null) return false;
  out.add(isCidr ? 'cidr' : 'ipv6', norm, offset + start, offset + end);
  return true;
}

/** Pieces of `s` between separator characters, with their offsets. */
function segments(s: string, offset: number, sep: RegExp): [string, number][] {
  const result: [string, number][] = [];
  let pos = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || sep.test(s[i] ?? '')) {
      if (i > pos) result.push([s.slice(pos, i), offset + pos]);
      pos = i + 1;
    }
  }
  return result;
}

function classifyWord(word: string, offset: number, out: Collector): void {
  if (/^[\d.]+$/.test(word)) {
    const ip = normaliseIpv4(word);
    if (ip !== null) out.add('ipv4', ip, offset, offset + word.length);
    return;
  }
  const range = /^([\d.]+)-([\d.]+)$/.exec(word);
  if (range) {
    // "192.0.2.1-192.0.2.9": both ends, when both are addresses.
    const [, from = '', to = ''] = range;
    const a = normaliseIpv4(from);
    const b = normaliseIpv4(to);
    if (a !== null && b !== null) {
      out.add('ipv4', a, offset, offset + from.length);
      out.add('ipv4', b, offset + from.length + 1, offset + word.length);
    }
    return;
  }
  if (!word.includes('.')) return;
  const end = offset + word.length;
  const prose = !out.lone && !out.isRefanged(offset, end);
  const domain = normaliseDomain(word, { prose });
  if (domain !== null) out.add('domain', domain, offset, end);
}

function scanHashes(t: string, out: Collector): void {
  HEX_RE.lastIndex = 0;
  for (let m = HEX_RE.exec(t); m !== null; m = HEX_RE.exec(t)) {
    const hash = normaliseHash(m[0]);
    if (hash !== null) out.add(hash.type, hash.value, m.index, m.index + m[0].length);
  }
}
