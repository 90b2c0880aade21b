import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

/**
 * The client address. Next.js gives route handlers no socket, so server.mjs copies the socket's
 * address into a header of ours. X-Forwarded-For is read only behind proxies we run
 * (TRUST_PROXY=N), and then its Nth entry from the right: each proxy appends the address it saw,
 * so the entries left of that are whatever the client wrote.
 */
export function clientIp(headers: Headers): string {
  const hops = env().TRUST_PROXY;
  if (hops > 0) {
    const entries = headers.get("x-forwarded-for")?.split(",") ?? [];
    const forwarded = normalizeIp(entries[entries.length - hops]);
    if (forwarded) return forwarded;
  }
  // Set from the socket by server.mjs, overwriting anything a client sent under that name.
  return normalizeIp(headers.get("x-voltasis-client-ip")) ?? "unknown";
}

/** A syntactically valid IPv4 or IPv6 address in canonical form (mapped IPv4 unwrapped), or null. */
export function normalizeIp(value: string | null | undefined): string | null {
  const candidate = value?.trim() ?? "";
  if (isIP(candidate) === 0) return null;
  const parsed = ipaddr.process(candidate);
  return parsed.toString();
}

/**
 * The budget an address draws on: itself for IPv4, its /64 for IPv6, since one subscriber
 * usually holds a whole /64 and could otherwise rotate through 2^64 budgets.
 */
export function addressBudgetKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const parts = ipaddr.IPv6.parse(ip).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}
