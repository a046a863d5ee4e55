import {
  cidrContains,
  cidrsOverlap,
  findOverlaps,
  parseCidr,
  prefixForAddresses,
  splitCidr,
} from '../../lib/core/cidr';

describe('X-10 CIDR parsing, containment, overlap and carving', () => {
  test('parses size and bounds', () => {
    const p = parseCidr('10.20.0.0/20');
    expect(p).toMatchObject({ prefix: 20, size: 4096, first: '10.20.0.0', last: '10.20.15.255' });
  });

  test('rejects what is not an IPv4 CIDR', () => {
    expect(() => parseCidr('10.0.0.0')).toThrow(/not an IPv4 CIDR/);
    expect(() => parseCidr('fd00::/8')).toThrow(/not an IPv4 CIDR/);
    expect(() => parseCidr('10.0.0.256/24')).toThrow(/not an IPv4 CIDR/);
  });

  test('containment', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.4.0/22')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.1.0.0/24')).toBe(false);
    expect(cidrContains('10.0.4.0/22', '10.0.0.0/16')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '255.255.255.0/24')).toBe(true);
  });

  test('overlap', () => {
    expect(cidrsOverlap('10.0.0.0/24', '10.0.0.128/25')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/24', '10.0.1.0/24')).toBe(false);
    expect(findOverlaps(['10.0.0.0/24', '10.0.1.0/24', '10.0.0.0/23'])).toEqual([
      ['10.0.0.0/24', '10.0.0.0/23'],
      ['10.0.1.0/24', '10.0.0.0/23'],
    ]);
  });

  test('carving consecutive subnets', () => {
    expect(splitCidr('10.20.0.0/20', 22, 3)).toEqual([
      '10.20.0.0/22',
      '10.20.4.0/22',
      '10.20.8.0/22',
    ]);
    expect(() => splitCidr('10.20.0.0/20', 22, 5)).toThrow(/do not fit/);
    expect(() => splitCidr('10.20.0.0/20', 18, 1)).toThrow(/cannot carve/);
  });

  test('prefix for a number of addresses', () => {
    expect(prefixForAddresses(511)).toBe(23);
    expect(prefixForAddresses(512)).toBe(23);
    expect(prefixForAddresses(513)).toBe(22);
    expect(prefixForAddresses(1)).toBe(32);
  });
});
