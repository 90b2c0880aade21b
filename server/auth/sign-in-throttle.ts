import { createHash } from "node:crypto";
import { nowMs } from "@/lib/clock";
import { ApiError } from "@/server/core/api-error";
import { processRateLimiter } from "@/server/rate-limit/consume";
import {
  type RateLimitSubject,
  SIGN_IN_LIMIT,
  SIGN_IN_WINDOW_MS,
} from "@/server/rate-limit/rate-limiter";

export { SIGN_IN_LIMIT, SIGN_IN_WINDOW_MS };

/** The account is locked for the rest of the window. */
export class SignInThrottled extends ApiError {
  declare readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      "RATE_LIMITED",
      "Too many failed sign-ins for this account, retry after the time in Retry-After",
      undefined,
      retryAfterSeconds,
    );
  }
}

/**
 * Per-account throttle for anything that checks a password (login form, Auth.js callback,
 * POST /auth/token, invitation acceptance): 10 attempts per account per 15-minute window, from
 * any address; a success resets the count. The attempt is counted before the password is
 * checked, so parallel guesses cannot all slip in before the first failure is recorded.
 *
 * Unknown emails are counted exactly like existing accounts: a lock that only real accounts
 * could get would tell an attacker which emails have one. The key is a hash of the normalized
 * email, so the store (Redis) never holds addresses in clear.
 *
 * `attempt` answers null for a failed sign-in; its result is returned unchanged.
 */
export async function throttleSignIn<T>(
  email: string,
  attempt: () => Promise<T | null>,
): Promise<T | null> {
  const limiter = processRateLimiter();
  const subject = accountSubject(email);
  const decision = await limiter.consume(subject);
  if (!decision.allowed) {
    throw new SignInThrottled(Math.max(1, Math.ceil((decision.resetAt - nowMs()) / 1000)));
  }
  const result = await attempt();
  if (result !== null) await limiter.reset(subject);
  return result;
}

function accountSubject(email: string): RateLimitSubject {
  const normalized = email.trim().toLowerCase();
  return { kind: "account", key: createHash("sha256").update(normalized).digest("base64url") };
}
