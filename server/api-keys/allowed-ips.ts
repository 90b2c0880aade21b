import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import type { Credential } from "@/server/auth/auth-context";
import { FORBIDDEN_HINTS } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

const fullPrefix = (address: Address) => (address.kind() === "ipv4" ? 32 : 128);

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
    throw new ApiError("FORBIDDEN", IP_NOT_ALLOWED_MESSAGE, {
      reason: "ip_not_allowed",
      ip,
      hint: FORBIDDEN_HINTS.ip_not_allowed,
    });
  }
}
