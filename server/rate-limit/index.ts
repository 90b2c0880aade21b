import { randomBytes } from "node:crypto";
import { nowMs } from "@/server/clock";
import { env } from "@/server/env";
import { onShutdown } from "@/server/shutdown";
import {
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitSubject,
  WINDOW_MS,
} from "./rate-limiter";
import { createRedisClient } from "./redis-client";

export {
  AUTHENTICATED_LIMIT,
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitSubject,
  UNAUTHENTICATED_LIMIT,
  WINDOW_MS,
} from "./rate-limiter";

// One limiter (and one Redis connection) per process, surviving Next's dev module reloads.
const store = globalThis as unknown as { __voltasisRateLimiter?: RateLimiter };

/** Counts one request against its subject's budget: the IP (100/min) or the token (1000/min). */
export function consumeRateLimit(subject: RateLimitSubject): Promise<RateLimitDecision> {
  return processRateLimiter().consume(subject);
}

export function processRateLimiter(): RateLimiter {
  if (!store.__voltasisRateLimiter) {
    const { REDIS_URL: url } = env();
    const keyPrefix = rateLimitKeyPrefix();
    store.__voltasisRateLimiter = url
      ? createRateLimiter({ redis: createRedisClient(url), keyPrefix })
      : createRateLimiter({ keyPrefix });
    onShutdown(closeRateLimiter);
  }
  return store.__voltasisRateLimiter;
}

/** Closes the Redis connection (shutdown, tests); the next request opens a fresh limiter. */
export async function closeRateLimiter(): Promise<void> {
  const limiter = store.__voltasisRateLimiter;
  store.__voltasisRateLimiter = undefined;
  await limiter?.close();
}

function rateLimitKeyPrefix(): string {
  const { RATE_LIMIT_PREFIX, NODE_ENV } = env();
  if (RATE_LIMIT_PREFIX) return RATE_LIMIT_PREFIX;
  // Test files run in parallel processes against one Redis: like their databases, each gets a
  // budget of its own, or one file's floods would throttle another's requests.
  if (NODE_ENV === "test") return `voltasis:test:${randomBytes(6).toString("hex")}:rl`;
  return "voltasis:rl";
}

/** GitHub/Stripe-style X-RateLimit-* headers plus the IETF draft's RateLimit and RateLimit-Policy. */
export function rateLimitHeaders(d: RateLimitDecision): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((d.resetAt - nowMs()) / 1000));
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(d.limit),
    "X-RateLimit-Remaining": String(d.remaining),
    "X-RateLimit-Reset": String(Math.ceil(d.resetAt / 1000)),
    "RateLimit-Policy": `${d.limit};w=${WINDOW_MS / 1000}`,
    RateLimit: `limit=${d.limit}, remaining=${d.remaining}, reset=${resetSeconds}`,
  };
  if (!d.allowed) headers["Retry-After"] = String(Math.max(1, resetSeconds));
  return headers;
}
