// Which observables are private, reserved, documentation, loopback, link-local or multicast addresses:
// such addresses name no one's network, so they are marked and never matched to a constituent.
import { addressRange } from './ranges';

describe('addressRange', () => {
  it.each([
    ['ipv4', '10.1.2.3', 'private'],
    ['ipv4', '172.16.0.9', 'private'],
    ['ipv4', '192.168.1.1', 'private'],
    ['ipv4', '100.64.0.1', 'private'],
    ['ipv4', '192.0.2.10', 'documentation'],
    ['ipv4', '198.51.100.7', 'documentation'],
    ['ipv4', '203.0.113.5', 'documentation'],
    ['ipv4', '127.0.0.1', 'loopback'],
    ['ipv4', '169.254.10.1', 'link-local'],
    ['ipv4', '224.0.0.251', 'multicast'],
    ['ipv4', '0.0.0.0', 'reserved'],
    ['ipv4', '240.0.0.1', 'reserved'],
    ['ipv4', '255.255.255.255', 'reserved'],
    ['ipv6', 'fd00::1', 'private'],
    ['ipv6', '2001:db8::1', 'documentation'],
    ['ipv6', '::1', 'loopback'],
    ['ipv6', 'fe80::1', 'link-local'],
    ['ipv6', 'ff02::1', 'multicast'],
    ['ipv6', '::ffff:10.0.0.1', 'private'],
    ['cidr', '10.20.0.0/16', 'private'],
    ['cidr', '192.0.2.0/24', 'documentation'],
    ['cidr', '2001:db8:1::/48', 'documentation'],
    ['url', 'http://192.168.0.10:8080/admin', 'private'],
    ['url', 'http://[::1]/x', 'loopback'],
  ] as const)('marks %s %s as %s', (type, value, expected) => {
    expect(addressRange(type, value)).toBe(expected);
  });

  it.each([
    ['ipv4', '8.8.8.8'],
    ['ipv4', '185.220.101.4'],
    ['ipv6', '2a00:1450:4007:80e::200e'],
    ['cidr', '185.220.0.0/16'],
    // A network spanning public and private space is not wholly private.
    ['cidr', '0.0.0.0/0'],
    ['cidr', '8.0.0.0/4'],
    ['url', 'https://example.org/10.0.0.1'],
    ['domain', 'localhost.example.org'],
    ['sha256', 'a'.repeat(64)],
  ] as const)('leaves %s %s unmarked', (type, value) => {
    expect(addressRange(type, value)).toBeNull();
  });
});
