// CIDR arithmetic for IPv4, on top of ipaddr.js (parsing and validation) with plain integer math
// for containment, overlap and carving. IPv4 addresses fit exactly in a JS number.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import ipaddr = require('ipaddr.js');

/** A parsed IPv4 CIDR block. */
export interface ParsedCidr {
  /** Network address as an unsigned 32-bit integer. */
  readonly network: number;
  /** Prefix length (0-32). */
  readonly prefix: number;
  /** Number of addresses in the block. */
  readonly size: number;
  /** First (network) address, dotted. */
  readonly first: string;
  /** Last (broadcast) address, dotted. */
  readonly last: string;
}

function toInt(bytes: number[]): number {
  return ((bytes[0] << 24) >>> 0) + (bytes[1] << 16) + (bytes[2] << 8) + bytes[3];
}

function toDotted(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** Parses an IPv4 CIDR, or returns undefined when it is not one. */
export function parseCidrOrUndefined(cidr: string): ParsedCidr | undefined {
  if (typeof cidr !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(cidr)) return undefined;
  let parsed: [ipaddr.IPv4, number];
  try {
    parsed = ipaddr.IPv4.parseCIDR(cidr);
  } catch {
    return undefined;
  }
  const [addr, prefix] = parsed;
  if (!ipaddr.IPv4.isValidFourPartDecimal(addr.toString())) return undefined;
  const size = 2 ** (32 - prefix);
  const network = Math.floor(toInt(addr.toByteArray()) / size) * size;
  return { network, prefix, size, first: toDotted(network), last: toDotted(network + size - 1) };
}

/** Parses an IPv4 CIDR; throws when it is not one. */
export function parseCidr(cidr: string): ParsedCidr {
  const parsed = parseCidrOrUndefined(cidr);
  if (!parsed) throw new Error(`'${cidr}' is not an IPv4 CIDR block`);
  return parsed;
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return i.prefix >= o.prefix && i.network >= o.network && i.network + i.size <= o.network + o.size;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return x.network < y.network + y.size && y.network < x.network + x.size;
}

/** Every overlapping pair in the list, in input order. */
export function findOverlaps(cidrs: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      if (cidrsOverlap(cidrs[i], cidrs[j])) pairs.push([cidrs[i], cidrs[j]]);
    }
  }
  return pairs;
}

/**
 * The first `count` consecutive subnets of prefix `newPrefix` inside `cidr`.
 * Throws when they do not fit.
 */
export function splitCidr(cidr: string, newPrefix: number, count: number): string[] {
  const base = parseCidr(cidr);
  if (!Number.isInteger(newPrefix) || newPrefix < base.prefix || newPrefix > 32) {
    throw new Error(`cannot carve /${newPrefix} subnets out of ${cidr}`);
  }
  const size = 2 ** (32 - newPrefix);
  if (count * size > base.size) {
    throw new Error(`${count} subnets of /${newPrefix} do not fit in ${cidr}`);
  }
  return Array.from(
    { length: count },
    (_, k) => `${toDotted(base.network + k * size)}/${newPrefix}`,
  );
}

/** The smallest prefix length whose block holds at least `n` addresses. */
export function prefixForAddresses(n: number): number {
  if (!(n > 0)) return 32;
  const bits = Math.ceil(Math.log2(n));
  return Math.max(0, 32 - bits);
}
