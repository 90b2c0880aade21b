import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";

// Where a webhook must never go: this host, the private networks behind it, link-local (cloud
// metadata at 169.254.169.254 and fd00:ec2::254) and the ranges that reach them in disguise.
const REFUSED = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  REFUSED.addSubnet(network, prefix, "ipv4");
}
// No ::ffff:0:0/96 rule: BlockList maps IPv4 addresses onto it, so it would refuse every one.
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  REFUSED.addSubnet(network, prefix, "ipv6");
}

export function privateDestinationsAllowed(): boolean {
  return env().WEBHOOKS_ALLOW_PRIVATE === "1";
}

/**
 * True for an address a webhook may be sent to. BlockList judges an IPv4-mapped IPv6 address
 * (::ffff:127.0.0.1, ::ffff:7f00:1) by the IPv4 rules.
 */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !REFUSED.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class RefusedDestinationError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or reserved address: refused`);
    this.name = "RefusedDestinationError";
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that refuses private destinations. It judges the very addresses
 * the socket then connects to, so a name that resolves to a public address when the endpoint is
 * saved and to 127.0.0.1 when it is called (DNS rebinding) is still refused.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback) {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const refused = privateDestinationsAllowed()
      ? undefined
      : list.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new RefusedDestinationError(hostname, refused.address), []);
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first)
      return callback(
        Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }),
        [],
      );
    callback(null, first.address, first.family);
  });
}

/** A literal IP in the URL never goes through lookup: it is judged here. */
export function refusedLiteral(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) === 0 || privateDestinationsAllowed()) return null;
  return isPublicAddress(host) ? null : host;
}
