import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * SSRF guard for register addresses set by tenants: they must not reach the instance's own network
 * (loopback, private ranges, link-local and cloud metadata, unique-local IPv6, CGNAT, reserved
 * ranges). Hosts of `allowedHosts` (`LOOKUP_ALLOWED_HOSTS`: on-premise registers, test doubles) are
 * exempt. Checked when the address is saved, and again when it is called, on the address the
 * request actually connects to (after DNS resolution, so a name that later resolves elsewhere is
 * still refused).
 */
export interface AddressPolicy {
  /** Lower-case host names or IP literals exempt from the private-address rule. */
  readonly allowedHosts: readonly string[];
}

/** Why an address may not be reached by a tenant's register; `null`: a public address. */
export type BlockedRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'unique_local'
  | 'shared_cgnat'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'not_an_ip';

type Cidr4 = readonly [number, number, BlockedRange];

/** [network as a 32-bit number, prefix length, range]. */
const ipv4Blocks: readonly Cidr4[] = [
  [ipv4('0.0.0.0'), 8, 'unspecified'],
  [ipv4('10.0.0.0'), 8, 'private'],
  [ipv4('100.64.0.0'), 10, 'shared_cgnat'],
  [ipv4('127.0.0.0'), 8, 'loopback'],
  [ipv4('169.254.0.0'), 16, 'link_local'], // cloud metadata (169.254.169.254) included
  [ipv4('172.16.0.0'), 12, 'private'],
  [ipv4('192.0.0.0'), 24, 'reserved'],
  [ipv4('192.0.2.0'), 24, 'documentation'],
  [ipv4('192.88.99.0'), 24, 'reserved'],
  [ipv4('192.168.0.0'), 16, 'private'],
  [ipv4('198.18.0.0'), 15, 'reserved'],
  [ipv4('198.51.100.0'), 24, 'documentation'],
  [ipv4('203.0.113.0'), 24, 'documentation'],
  [ipv4('224.0.0.0'), 4, 'multicast'],
  [ipv4('240.0.0.0'), 4, 'reserved'], // 255.255.255.255 included
];

function ipv4(text: string): number {
  return text.split('.').reduce((value, part) => value * 256 + Number(part), 0);
}

function classifyIpv4(value: number): BlockedRange | null {
  for (const [network, prefix, range] of ipv4Blocks) {
    const size = 2 ** (32 - prefix);
    if (value >= network && value < network + size) return range;
  }
  return null;
}

/** The eight 16-bit groups of a valid IPv6 literal (an embedded dotted IPv4 tail included). */
function ipv6Groups(text: string): number[] {
  let address = text.toLowerCase();
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  const tail = /(\d+\.\d+\.\d+\.\d+)$/u.exec(address);
  if (tail?.[1] !== undefined) {
    const value = ipv4(tail[1]);
    address = `${address.slice(0, tail.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = address.split('::') as [string, string | undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<number>(rest === undefined ? 0 : missing).fill(0), ...right];
}

function classifyIpv6(text: string): BlockedRange | null {
  const g = ipv6Groups(text);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = (g6 * 65536 + g7) >>> 0;
  const zeroPrefix = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroPrefix && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  if (zeroPrefix && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d): the IPv4 decides.
  if (zeroPrefix && g5 === 0xffff) return classifyIpv4(embedded);
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0xffff && g5 === 0) return classifyIpv4(embedded);
  if (zeroPrefix && g5 === 0) return classifyIpv4(embedded) ?? 'reserved';
  // NAT64 (64:ff9b::/96) reaches the embedded IPv4; 6to4 (2002::/16) the IPv4 in the next 32 bits.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyIpv4(embedded);
  if (g0 === 0x2002) return classifyIpv4((g1 * 65536 + g2) >>> 0);
  if ((g0 & 0xffc0) === 0xfe80) return 'link_local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g0 & 0xfe00) === 0xfc00) return 'unique_local'; // fc00::/7 (AWS metadata fd00:ec2::254 included)
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard-only 100::/64
  return null;
}

/**
 * Why an IP address may not be reached, or `null` when it is public. Takes the literal forms Node's
 * resolver and the WHATWG URL parser produce (dotted IPv4, IPv6 with or without brackets); URL
 * hosts written in decimal, octal or hex (`http://2130706433/`, `http://0177.1/`) reach here
 * already normalized by `new URL()`.
 */
export function blockedRangeOf(address: string): BlockedRange | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return classifyIpv4(ipv4(bare));
  if (isIPv6(bare)) return classifyIpv6(bare);
  return 'not_an_ip';
}

/** The host of a URL as the allow-list and the resolver see it (lower case, IPv6 without brackets). */
export function hostOf(url: URL): string {
  const host = url.hostname.toLowerCase();
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

const isAllowed = (host: string, policy: AddressPolicy): boolean => policy.allowedHosts.includes(host.toLowerCase());

/** Why a tenant's register URL is refused when saved. */
export type UrlRefusal = { readonly reason: 'scheme' } | { readonly reason: 'internal'; readonly range: BlockedRange; readonly address: string };

export type ResolveAll = (host: string) => Promise<readonly string[]>;

/** The resolver's answer, given up after 3 s (a save never hangs on a slow DNS). */
const resolveWithDns: ResolveAll = (host) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${host}: DNS timeout`)), 3_000);
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(addresses.map((entry) => entry.address));
    });
  });

/**
 * Checks a register URL when an administrateur saves it: http(s) only, and a host that is not (and
 * does not resolve to) an internal address, unless allowed. A name that does not resolve now is
 * accepted: it reaches nothing, and every call is checked again.
 */
export async function checkRegisterUrl(url: string, policy: AddressPolicy, resolve: ResolveAll = resolveWithDns): Promise<UrlRefusal | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'scheme' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { reason: 'scheme' };
  const host = hostOf(parsed);
  if (isAllowed(host, policy)) return null;
  if (isIP(host) !== 0) {
    const range = blockedRangeOf(host);
    return range === null ? null : { reason: 'internal', range, address: host };
  }
  let addresses: readonly string[];
  try {
    addresses = await resolve(host);
  } catch {
    return null;
  }
  for (const address of addresses) {
    const range = blockedRangeOf(address);
    if (range !== null) return { reason: 'internal', range, address };
  }
  return null;
}

/** The error a guarded connection fails with (the adapters report it as `unavailable: network`). */
export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(host: string, address: string, range: BlockedRange) {
    super(`${host} resolves to ${address} (${range}): refused for a tenant's register`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `net`/`http` that refuses names resolving to internal addresses. The socket
 * connects to the addresses returned here, so what was checked is what is reached.
 */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      if (!isAllowed(hostname, policy)) {
        for (const entry of addresses) {
          const range = blockedRangeOf(entry.address);
          if (range !== null) return callback(new BlockedAddressError(hostname, entry.address, range), '');
        }
      }
      if (options.all === true) return callback(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), '');
      return callback(null, first.address, first.family);
    });
  };
}

/** The literal-host half of the call-time check (names are checked by `guardedLookup` at connection). */
export function blockedLiteral(url: URL, policy: AddressPolicy): BlockedAddressError | null {
  const host = hostOf(url);
  if (isIP(host) === 0 || isAllowed(host, policy)) return null;
  const range = blockedRangeOf(host);
  return range === null ? null : new BlockedAddressError(host, host, range);
}
