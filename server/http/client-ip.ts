import { env } from "@/server/env";

/**
 * The client address. Next.js gives route handlers no socket, so the address comes from the
 * headers the Next server itself sets; X-Forwarded-For is trusted only behind a proxy we run
 * (TRUST_PROXY), otherwise any client could pick its own rate-limit bucket.
 */
export function clientIp(req: Request): string {
  const headers = req.headers;
  if (env().TRUST_PROXY) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get("x-voltasis-client-ip") ?? headers.get("x-real-ip") ?? "unknown";
}
