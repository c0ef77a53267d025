import { describe, expect, it } from 'vitest';
import { blockedRangeOf, checkRegisterUrl, hostOf, type ResolveAll } from './address-guard';

const noPolicy = { allowedHosts: [] };
const resolving =
  (table: Record<string, string[]>): ResolveAll =>
  async (host) => {
    const addresses = table[host];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };

describe('blockedRangeOf: IPv4', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link_local'],
    ['169.254.0.1', 'link_local'],
    ['100.64.0.1', 'shared_cgnat'],
    ['100.127.255.255', 'shared_cgnat'],
    ['100.100.100.200', 'shared_cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
  ] as const)('refuses %s (%s)', (address, range) => {
    expect(blockedRangeOf(address)).toBe(range);
  });

  it.each(['8.8.8.8', '172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '169.253.255.255', '11.0.0.1', '192.169.0.1', '126.255.255.255', '128.0.0.1', '193.51.24.1'])('lets the public %s through', (address) => {
    expect(blockedRangeOf(address)).toBeNull();
  });
});

describe('blockedRangeOf: IPv6', () => {
  it.each([
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['febf:ffff::1', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd00:ec2::254', 'unique_local'],
    ['fdff:ffff::1', 'unique_local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    // IPv4-mapped and embedded forms decide by their IPv4.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::FFFF:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'link_local'],
    ['::ffff:0:192.168.0.1', 'private'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link_local'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
  ] as const)('refuses %s (%s)', (address, range) => {
    expect(blockedRangeOf(address)).toBe(range);
  });

  it.each(['2001:4860:4860::8888', '::ffff:8.8.8.8', '2a01:e0a:1::1', 'fbff::1', 'fe7f::1', '64:ff9b::808:808', '2002:808:808::1'])('lets the public %s through', (address) => {
    expect(blockedRangeOf(address)).toBeNull();
  });

  it('says a host name is not an address', () => {
    expect(blockedRangeOf('ref.example.fr')).toBe('not_an_ip');
  });
});

describe('URL hosts in decimal, octal and hex reach the classifier normalized', () => {
  it.each(['http://2130706433/', 'http://0177.0.0.1/', 'http://0x7f.1/', 'http://127.1/', 'http://0x7f000001/', 'http://[::ffff:127.0.0.1]/'])('%s is the loopback', (url) => {
    expect(blockedRangeOf(hostOf(new URL(url)))).toBe('loopback');
  });

  it('reads 017700000001 and 0xA9FEA9FE as loopback and metadata addresses', () => {
    expect(blockedRangeOf(hostOf(new URL('http://017700000001/')))).toBe('loopback');
    expect(blockedRangeOf(hostOf(new URL('http://0xA9FEA9FE/latest/meta-data')))).toBe('link_local');
  });
});

describe('checkRegisterUrl (when an administrateur saves an address)', () => {
  const resolve = resolving({ 'ref.example.fr': ['193.51.24.1'], 'interne.example.fr': ['193.51.24.1', '10.0.0.8'], 'meta.example.fr': ['fd00:ec2::254'], 'registre.local': ['192.168.1.20'] });

  it('accepts public addresses and names resolving to them', async () => {
    expect(await checkRegisterUrl('https://ref.example.fr/ecoles/{id}', noPolicy, resolve)).toBeNull();
    expect(await checkRegisterUrl('http://193.51.24.1:8080/', noPolicy, resolve)).toBeNull();
  });

  it('refuses other schemes', async () => {
    for (const url of ['ftp://ref.example.fr/', 'file:///etc/passwd', 'gopher://ref.example.fr/', 'pas une adresse']) expect(await checkRegisterUrl(url, noPolicy, resolve)).toEqual({ reason: 'scheme' });
  });

  it('refuses internal literals and names with any internal address', async () => {
    expect(await checkRegisterUrl('http://127.0.0.1:7878/{id}', noPolicy, resolve)).toEqual({ reason: 'internal', range: 'loopback', address: '127.0.0.1' });
    expect(await checkRegisterUrl('http://[::1]/', noPolicy, resolve)).toMatchObject({ reason: 'internal', range: 'loopback' });
    expect(await checkRegisterUrl('http://169.254.169.254/latest/meta-data/', noPolicy, resolve)).toMatchObject({ reason: 'internal', range: 'link_local' });
    expect(await checkRegisterUrl('http://0x7f000001/', noPolicy, resolve)).toMatchObject({ reason: 'internal', range: 'loopback' });
    expect(await checkRegisterUrl('https://interne.example.fr/{id}', noPolicy, resolve)).toEqual({ reason: 'internal', range: 'private', address: '10.0.0.8' });
    expect(await checkRegisterUrl('https://meta.example.fr/', noPolicy, resolve)).toMatchObject({ reason: 'internal', range: 'unique_local' });
  });

  it('lets allowed hosts through, by name or literal, and only them', async () => {
    const policy = { allowedHosts: ['registre.local', '127.0.0.1', '::1'] };
    expect(await checkRegisterUrl('http://registre.local/{id}', policy, resolve)).toBeNull();
    expect(await checkRegisterUrl('http://REGISTRE.local/{id}', policy, resolve)).toBeNull();
    expect(await checkRegisterUrl('http://127.0.0.1:9/', policy, resolve)).toBeNull();
    expect(await checkRegisterUrl('http://[::1]:9/', policy, resolve)).toBeNull();
    expect(await checkRegisterUrl('http://127.0.0.2/', policy, resolve)).toMatchObject({ reason: 'internal' });
    expect(await checkRegisterUrl('https://interne.example.fr/', policy, resolve)).toMatchObject({ reason: 'internal' });
  });

  it('accepts a name that does not resolve now (every call is checked again)', async () => {
    expect(await checkRegisterUrl('https://inconnu.example.fr/{id}', noPolicy, resolve)).toBeNull();
  });
});
