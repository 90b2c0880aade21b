import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import type { Credential } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";

/** The most entries a key's allowlist may hold. */
export const MAX_ALLOWED_IPS = 50;

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const fullPrefix = (address: Address) => (address.kind() === "ipv4" ? 32 : 128);

/**
 * One allowlist entry in canonical form, or null when it is not an IPv4/IPv6 address or CIDR
 * range. A single address is stored plain (`203.0.113.7`, `2001:db8::1`), never as /32 or
 * /128; a range as its network address and prefix (`10.1.2.3/8` becomes `10.0.0.0/8`). An
 * IPv4-mapped IPv6 entry (`::ffff:192.0.2.1`, `::ffff:192.0.2.0/120`) becomes the IPv4 it
 * names, since client addresses are compared unwrapped. Addresses are checked with node:net
 * first: ipaddr.js alone also takes shorthands like `127.1` that nobody means in an allowlist.
 */
export function normalizeAllowedIp(entry: string): string | null {
  const [text = "", prefixText, extra] = entry.trim().split("/");
  if (extra !== undefined || text.includes("%") || isIP(text) === 0) return null;
  let address: Address = ipaddr.parse(text);
  let prefix = fullPrefix(address);
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > prefix) return null;
    prefix = Number(prefixText);
  }
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && prefix >= 96) {
    address = address.toIPv4Address();
    prefix -= 96;
  }
  if (prefix === fullPrefix(address)) return address.toString();
  const cidr = `${address.toString()}/${prefix}`;
  const network =
    address.kind() === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(cidr)
      : ipaddr.IPv6.networkAddressFromCIDR(cidr);
  return `${network.toString()}/${prefix}`;
}

/** Parses a stored (canonical) entry as a range: a plain address is a range of one. */
function toRange(entry: string): [Address, number] {
  if (entry.includes("/")) return ipaddr.parseCIDR(entry);
  const address = ipaddr.parse(entry);
  return [address, fullPrefix(address)];
}

/**
 * Whether a client address may use a key with this allowlist. An empty list allows every
 * address; an unknown or unparseable client address never matches a non-empty one (fail closed).
 * Matching is ipaddr.js's, with IPv4-mapped client addresses unwrapped first.
 */
export function isAllowedIp(allowed: readonly string[], ip: string): boolean {
  if (allowed.length === 0) return true;
  if (isIP(ip) === 0) return false;
  const address = ipaddr.process(ip);
  return allowed.some((entry) => {
    const range = toRange(entry);
    return range[0].kind() === address.kind() && address.match(range);
  });
}

export const IP_NOT_ALLOWED_MESSAGE = "This API key cannot be used from this IP address";

/** Refuses a key presented from outside its allowlist (403 naming the address it came from). */
export function assertAllowedAddress(credential: Pick<Credential, "allowedIps">, ip: string): void {
  if (!isAllowedIp(credential.allowedIps ?? [], ip)) {
    throw new ApiError("FORBIDDEN", IP_NOT_ALLOWED_MESSAGE, { ip });
  }
}
