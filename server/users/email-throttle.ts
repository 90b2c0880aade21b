import { createHash } from "node:crypto";
import { nowMs } from "@/lib/clock";
import { ApiError } from "@/server/core/api-error";
import { processRateLimiter } from "@/server/rate-limit/consume";
import { EMAIL_LIMIT } from "@/server/rate-limit/rate-limiter";

export { EMAIL_LIMIT };

/**
 * At most 5 mails an hour for one address or account (`subject`, e.g. "reset:<email>"), from
 * any client address: a reset form cannot be turned into a mail bomb. Counted before any other
 * work, for unknown addresses exactly as for real ones, so a 429 says nothing about accounts.
 * The store (Redis) keeps a hash of the subject, never an address in clear.
 */
export async function throttleEmail(subject: string): Promise<void> {
  const key = createHash("sha256").update(subject).digest("base64url");
  const decision = await processRateLimiter().consume({ kind: "email", key });
  if (!decision.allowed) {
    const retryAfter = Math.max(1, Math.ceil((decision.resetAt - nowMs()) / 1000));
    throw new ApiError(
      "RATE_LIMITED",
      "Too many emails were requested for this address: retry after the time in Retry-After",
      undefined,
      retryAfter,
    );
  }
}
