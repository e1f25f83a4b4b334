// Validation and canonical forms of single observable values (IP, CIDR, domain, e-mail, URL, hash);
// each function returns the normalised value, or null when the candidate is not plausible.
import ipaddr from 'ipaddr.js';

/**
 * Dotted-quad IPv4 only, each octet 0–255 without leading zeros.
 * Why: "010.1.1.1" is 8.1.1.1 to inet_aton (octal) but 10.1.1.1 to most humans and PostgreSQL;
 * guessing wrong would point an incident at the wrong owner, so ambiguous forms are not extracted.
 * Short forms ("10.1", "0x7f.1") are refused for the same reason.
 */
export function normaliseIpv4(candidate: string): string | null {
  if (ipv4ToInt(candidate, 0, candidate.length) < 0) return null;
  return ipaddr.IPv4.isValidFourPartDecimal(candidate) ? candidate : null; // belt and braces
}

/**
 * Strict dotted quad in s[from, to) → uint32, or -1. No leading zeros, as in observable extraction
 * ("010.1.1.1" is octal to inet_aton, decimal to people). Hand-written: the asset index runs it per lookup.
 */
export function ipv4ToInt(s: string, from: number, to: number): number {
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

/** "/n" length after `slash` (absent → max), or -1 when malformed or above max. */
export function prefixLengthAt(s: string, slash: number, max: number): number {
  if (slash < 0) return max;
  const t = s.slice(slash + 1);
  if (!/^(?:0|[1-9]\d{0,2})$/.test(t)) return -1;
  const len = Number(t);
  return len <= max ? len : -1;
}

/** RFC 5952 text of an IPv6 address; IPv4-mapped addresses keep their dotted tail (::ffff:192.0.2.1). */
export function formatIpv6(addr: ipaddr.IPv6): string {
  return formatIpv6Parts(addr.parts);
}

/**
 * RFC 5952 text from eight 16-bit groups: lowercase, no leading zeros, the longest run (≥ 2, first
 * on ties) of zero groups as "::". Written here because it runs per asset and per observable, and
 * ipaddr.js's isIPv4MappedAddress() and toRFC5952String() dominated profiles.
 */
export function formatIpv6Parts(p: readonly number[]): string {
  // Plain loops, no closures: this is a hot path (tsx/esbuild also wraps inner functions).
  if (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && p[5] === 0xffff) {
    const hi = p[6] ?? 0;
    const lo = p[7] ?? 0;
    return `::ffff:${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (p[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && p[j] === 0) j += 1;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (p[i] ?? 0).toString(16);
  }
  return out;
}

/** Parses any valid IPv6 text form (zone id dropped) with the same strictness as extraction, or null. */
export function parseIpv6(candidate: string): ipaddr.IPv6 | null {
  const bare = candidate.replace(/%[\w.-]{1,64}$/, '');
  if (bare.length > 45 || !/^[0-9A-Fa-f:.]+$/.test(bare)) return null;
  // Cheap shape check before ipaddr.js (whose isValid throws internally): "::" or 8 groups, or 7 with an IPv4 tail.
  const colons = bare.split(':').length - 1;
  if (!bare.includes('::') && colons !== 7 && !(colons === 6 && bare.includes('.'))) return null;
  const tail = /:([\d.]+)$/.exec(bare);
  if (tail?.[1]?.includes('.') && normaliseIpv4(tail[1]) === null) return null; // same rule as IPv4
  try {
    return ipaddr.IPv6.parse(bare); // one parse; isValid() would parse a second time
  } catch {
    return null;
  }
}

/**
 * Any valid IPv6 text form (full, compressed, embedded IPv4), zone id dropped, RFC 5952 output.
 * The unspecified address "::" is refused: it carries no information and "::" is common punctuation.
 */
export function normaliseIpv6(candidate: string): string | null {
  const addr = parseIpv6(candidate);
  if (addr === null || addr.parts.every((p) => p === 0)) return null;
  return formatIpv6(addr);
}

/**
 * "a.b.c.d/n" or "v6/n" with a valid prefix length, normalised to its network address
 * ("192.0.2.77/24" → "192.0.2.0/24"): an indicator written with host bits means the whole network.
 * Masking is done here on integers: ipaddr.js's networkAddressFromCIDR cost ~4 µs per call.
 */
export function normaliseCidr(candidate: string): string | null {
  const slash = candidate.lastIndexOf('/');
  if (slash < 0) return null;
  const addrText = candidate.slice(0, slash);
  const lenText = candidate.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lenText) || (lenText.length > 1 && lenText.startsWith('0'))) return null;
  const len = Number(lenText);
  if (addrText.includes(':')) {
    const addr = len <= 128 ? parseIpv6(addrText) : null;
    if (addr === null) return null;
    return `${formatIpv6Parts(maskIpv6Parts(addr.parts, len))}/${len}`;
  }
  if (len > 32 || normaliseIpv4(addrText) === null) return null;
  const octets = addrText.split('.').map(Number);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const net = ((((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) & mask) >>> 0;
  return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`;
}

/** The first `len` bits of eight 16-bit groups, the rest zeroed. */
export function maskIpv6Parts(parts: readonly number[], len: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) {
    const keep = Math.min(16, Math.max(0, len - 16 * i));
    out.push(keep === 0 ? 0 : (parts[i] ?? 0) & ((0xffff << (16 - keep)) & 0xffff));
  }
  return out;
}

/**
 * File extensions that are also valid-looking TLDs. A dotted word ending in one of them is taken
 * for a file name ("report.pdf", "invoice.exe", "config.json") unless it was defanged, starts
 * with "www.", or is the whole input. A few real TLDs are on the list because file names with
 * them dominate incident text (.zip, .mov, .sh, .py, .md, .so); ccTLDs in common use that are
 * rarely file extensions (.pl, .rs, .ps, .pm, .mp) are not. Defanged or lone values are accepted.
 */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'pdf exe dll sys scr bat cmd psm ps1 vbs vbe js jse mjs cjs ts tsx jsx wsf hta lnk msi msp jar apk ipa dmg ' +
    'pkg iso img vhd vhdx zip rar gz tgz bz2 xz tar cab arj zst doc docx docm dotm xls xlsx xlsm xlsb ppt pptx ' +
    'pptm odt ods odp rtf txt csv tsv log md rst json jsonl yaml yml toml ini cfg conf config xml xsl html htm ' +
    'xhtml mht php asp aspx jsp cgi py pyc rb sh bash zsh java class kt cpp hpp swift lua sql db sqlite mdb ' +
    'bak tmp old swp dat bin out so dylib obj lib png jpg jpeg gif bmp svg ico webp tif tiff heic mp3 mp4 m4a ' +
    'wav avi mov mkv webm flv wmv ogg eml msg pst ost ics vcf pem crt cer der key pub csr p7b p12 pfx gpg asc ' +
    'sig map lock css scss less woff ttf otf eot pcap pcapng evtx'
  ).split(' '),
);

const ASCII_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const UNICODE_HOST = /^[\p{L}\p{M}\p{N}_.-]+$/u;

export interface DomainRules {
  /** Apply the prose heuristics (file-extension TLDs, capitalised TLD). Off for defanged or lone values and hosts. */
  prose: boolean;
}

/**
 * A hostname of at least two labels with a plausible TLD (2–63 ASCII letters, or punycode
 * xn--…); Unicode (IDN) names are converted to punycode through the WHATWG URL parser.
 * In prose, a TLD written Capitalised ("Mr.Smith", "end.The") or a file extension is refused.
 */
export function normaliseDomain(candidate: string, rules: DomainRules): string | null {
  const name = candidate.endsWith('.') ? candidate.slice(0, -1) : candidate;
  if (name.length < 4 || name.length > 253 || name.startsWith('.') || name.includes('..')) return null;
  const lastDot = name.lastIndexOf('.');
  if (lastDot < 0) return null;
  const tldAsWritten = name.slice(lastDot + 1);
  if (rules.prose && tldAsWritten !== tldAsWritten.toLowerCase() && tldAsWritten !== tldAsWritten.toUpperCase()) {
    return null;
  }
  let ascii = name.toLowerCase();
  // Punycode labels go through the URL parser too, which rejects invalid ones ("xn--zz").
  if (/[^\x00-\x7f]/.test(name) || ascii.includes('xn--')) {
    if (!UNICODE_HOST.test(name)) return null;
    try {
      ascii = new URL(`http://${name}/`).hostname;
    } catch {
      return null;
    }
  }
  const labels = ascii.split('.');
  const tld = labels.at(-1) ?? '';
  if (labels.length < 2 || !TLD.test(tld) || !labels.every((l) => ASCII_LABEL.test(l))) return null;
  if (rules.prose && labels[0] !== 'www' && FILE_EXTENSIONS.has(tld)) return null;
  return ascii;
}

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;

/**
 * local@domain with an unquoted local part (≤ 64) and a plausible domain; lowercased as a whole
 * (mail systems treat local parts case-insensitively in practice, and one spelling dedupes better).
 */
export function normaliseEmail(candidate: string): string | null {
  const at = candidate.lastIndexOf('@');
  if (at < 1) return null;
  const local = candidate.slice(0, at);
  if (local.length > 64 || !LOCAL_PART.test(local)) return null;
  const domain = normaliseDomain(candidate.slice(at + 1), { prose: false });
  return domain === null ? null : `${local.toLowerCase()}@${domain}`;
}

const URL_HEAD = /^([a-z][a-z0-9+.-]{0,15}):\/\/([^/?#]*)/i;

/**
 * scheme://[userinfo@]host[:port][path?query#fragment]. Scheme and host are normalised
 * (lowercase, IDN → punycode, IPv6 in RFC 5952); userinfo, path, query and fragment are kept as found.
 */
export function normaliseUrl(candidate: string): { value: string; host: string } | null {
  const head = URL_HEAD.exec(candidate);
  if (!head) return null;
  const scheme = (head[1] ?? '').toLowerCase();
  const authority = head[2] ?? '';
  const rest = candidate.slice(head[0].length);
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hostPort = authority.slice(at + 1);
  let host: string | null;
  let port: string;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return null;
    const v6 = normaliseIpv6(hostPort.slice(1, close));
    host = v6 === null ? null : `[${v6}]`;
    port = hostPort.slice(close + 1);
  } else {
    const colon = hostPort.indexOf(':');
    const hostText = colon < 0 ? hostPort : hostPort.slice(0, colon);
    port = colon < 0 ? '' : hostPort.slice(colon);
    host = /^[\d.]+$/.test(hostText) ? normaliseIpv4(hostText) : normaliseDomain(hostText, { prose: false });
  }
  if (host === null || (port !== '' && !/^:\d{1,5}$/.test(port))) return null;
  return { value: `${scheme}://${userinfo}${host}${port}${rest}`, host };
}

/** Hex of exactly 32 (MD5), 40 (SHA-1) or 64 (SHA-256) characters, not all decimal digits; lowercased. */
export function normaliseHash(candidate: string): { type: 'md5' | 'sha1' | 'sha256'; value: string } | null {
  if (!/^[0-9a-f]+$/i.test(candidate) || /^\d+$/.test(candidate)) return null;
  const value = candidate.toLowerCase();
  switch (candidate.length) {
    case 32:
      return { type: 'md5', value };
    case 40:
      return { type: 'sha1', value };
    case 64:
      return { type: 'sha256', value };
    default:
      return null;
  }
}
