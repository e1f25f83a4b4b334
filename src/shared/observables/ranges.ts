// Special-purpose addresses among observables: private (RFC 1918, RFC 6598, unique-local), documentation
// (RFC 5737, RFC 3849, RFC 9637), loopback, link-local, multicast and other reserved IPv4/IPv6 ranges.
// Why: such an address names no one's network (every organisation uses 10.0.0.0/8 internally), so an
// observable in one is marked for the analyst and never matched to a constituent, whatever assets declare.
import ipaddr from 'ipaddr.js';
import { normaliseUrl } from './normalise';

export const ADDRESS_RANGES = ['private', 'documentation', 'loopback', 'link-local', 'multicast', 'reserved'] as const;
export type AddressRange = (typeof ADDRESS_RANGES)[number];

const DOCUMENTATION_V4 = [
  ipaddr.IPv4.parseCIDR('192.0.2.0/24'),
  ipaddr.IPv4.parseCIDR('198.51.100.0/24'),
  ipaddr.IPv4.parseCIDR('203.0.113.0/24'),
];
const DOCUMENTATION_V6 = [ipaddr.IPv6.parseCIDR('2001:db8::/32'), ipaddr.IPv6.parseCIDR('3fff::/20')];

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** ipaddr.js's range name, with IPv4-mapped IPv6 read as its IPv4 address and the broadcast address as reserved. */
function rangeName(addr: Addr): string {
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return rangeName(v6.toIPv4Address());
    if (DOCUMENTATION_V6.some((r) => v6.match(r))) return 'documentation';
    return v6.range();
  }
  const v4 = addr as ipaddr.IPv4;
  if (DOCUMENTATION_V4.some((r) => v4.match(r))) return 'documentation';
  const name = v4.range();
  return name === 'broadcast' ? 'reserved' : name;
}

function categoryOf(name: string): AddressRange | null {
  switch (name) {
    case 'private':
    case 'carrierGradeNat':
    case 'uniqueLocal':
    case 'deprecatedSiteLocal':
      return 'private';
    case 'documentation':
      return 'documentation';
    case 'loopback':
      return 'loopback';
    case 'linkLocal':
      return 'link-local';
    case 'multicast':
      return 'multicast';
    case 'unspecified':
    case 'reserved':
    case 'discard':
    case 'benchmarking':
      return 'reserved';
    default:
      return null; // unicast and the globally routed special ranges (6to4, Teredo, AS112…)
  }
}

function parseAddress(text: string): Addr | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return null;
  return ipaddr.IPv6.parse(text);
}

function addressCategory(text: string): AddressRange | null {
  const addr = parseAddress(text.replace(/^\[|\]$/g, ''));
  return addr === null ? null : categoryOf(rangeName(addr));
}

/** A network is special only when it lies wholly in one special range: its first and last addresses share it. */
function networkCategory(text: string): AddressRange | null {
  const slash = text.indexOf('/');
  if (slash < 0) return addressCategory(text);
  const first = parseAddress(text.slice(0, slash));
  if (first === null) return null;
  const cidr = `${first.toString()}${text.slice(slash)}`;
  let last: Addr;
  try {
    last = first.kind() === 'ipv4' ? ipaddr.IPv4.broadcastAddressFromCIDR(cidr) : ipaddr.IPv6.broadcastAddressFromCIDR(cidr);
  } catch {
    return null;
  }
  const name = rangeName(first);
  return name === rangeName(last) ? categoryOf(name) : null;
}

/** The special range of an IP, CIDR or URL with an IP host, or null (public, or not an address). */
export function addressRange(type: string, value: string): AddressRange | null {
  switch (type) {
    case 'ipv4':
    case 'ipv6':
      return addressCategory(value.trim());
    case 'cidr':
      return networkCategory(value.trim());
    case 'url': {
      const host = normaliseUrl(value.trim())?.host;
      return host === undefined || !/^[\d.]+$|^\[/.test(host) ? null : addressCategory(host);
    }
    default:
      return null;
  }
}
