/**
 * Which connections may tell the API a client's address (TRUST_PROXY). Only the connection's own peer is ever
 * trusted, never an earlier hop of X-Forwarded-For: a proxy appends the address it saw, so the last entry is
 * the one a trusted proxy vouches for; trusting every hop in the list would let a client inside a trusted range
 * (a pod calling the Service directly, a campus network behind the proxy) prepend any address it likes and choose
 * its own per-address limit and audit address.
 */
import { BlockList, isIP } from 'node:net';
import { ADDRESS_RANGES } from '../config-values.ts';

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is matched as IPv4. */
export const unmappedAddress = (address: string): string =>
  address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** Fastify's `trustProxy` for `entries` (addresses, CIDR ranges, named ranges; checked by the settings parser). */
export function trustConnectionPeer(entries: readonly string[]): (address: string, hop: number) => boolean {
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => ADDRESS_RANGES[e] ?? [e])) {
    const [ip = '', bits] = entry.split('/');
    const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
  }
  return (address, hop) => {
    if (hop !== 0) return false;
    const ip = unmappedAddress(address);
    const version = isIP(ip);
    return version !== 0 && list.check(ip, version === 6 ? 'ipv6' : 'ipv4');
  };
}
