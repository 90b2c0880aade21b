import { env } from "@/server/env";

/**
 * The client address. Next.js gives route handlers no socket, so server.mjs copies the socket's
 * address into a header of ours; X-Forwarded-For is trusted only behind a proxy we run
 * (TRUST_PROXY), otherwise any client could pick its own rate-limit bucket.
 */
export function clientIp(headers: Headers): string {
  if (env().TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  // Set from the socket by server.mjs, overwriting anything a client sent under that name.
  return headers.get("x-voltasis-client-ip") ?? "unknown";
}
