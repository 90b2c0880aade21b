import { randomBytes } from "node:crypto";
import { nowMs } from "@/lib/clock";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";
import { addressBudgetKey } from "@/server/core/client-ip";
import { onShutdown } from "@/server/shutdown";
import {
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  type RateLimitSubject,
  WINDOW_MS,
} from "./rate-limiter";
import { createRedisClient } from "./redis-client";

// One limiter (and one Redis connection) per process, surviving Next's dev module reloads.
const store = globalThis as unknown as {
  __voltasisRateLimiter?: RateLimiter;
  __voltasisBlockedAddresses?: Map<string, RateLimitDecision>;
};
const MAX_REMEMBERED_BLOCKS = 10_000;

/**
 * Counts one request against its subject's budget: the IP (100/min) or the token (1000/min, or
 * the key's own `limit`).
 */
export async function consumeRateLimit(subject: RateLimitSubject): Promise<RateLimitDecision> {
  if (subject.kind !== "ip")
    return counted(subject.kind, await processRateLimiter().consume(subject));
  const key = addressBudgetKey(subject.key);
  const decision = await processRateLimiter().consume({ kind: "ip", key });
  if (!decision.allowed) rememberBlocked(key, decision);
  return counted("ip", decision);
}

function counted(kind: string, decision: RateLimitDecision): RateLimitDecision {
  metrics().rateLimitDecisions.inc({ kind, decision: decision.allowed ? "allowed" : "limited" });
  return decision;
}

/**
 * The refusal an address already earned in this window, if any: known in process memory, so a
 * flood of bad tokens from a spent address is answered 429 before any hashing, cache or
 * database work. Each instance learns it from its own first refusal.
 */
export function blockedAddress(ip: string): RateLimitDecision | undefined {
  const blocked = blockedAddresses();
  const key = addressBudgetKey(ip);
  const decision = blocked.get(key);
  if (decision && decision.resetAt <= nowMs()) blocked.delete(key);
  else if (decision) return decision;
  return undefined;
}

function rememberBlocked(key: string, decision: RateLimitDecision): void {
  const blocked = blockedAddresses();
  if (blocked.size >= MAX_REMEMBERED_BLOCKS) {
    const at = nowMs();
    for (const [k, d] of blocked) if (d.resetAt <= at) blocked.delete(k);
    // Still full of live blocks: forget the oldest; the store itself still refuses them.
    if (blocked.size >= MAX_REMEMBERED_BLOCKS) blocked.delete(blocked.keys().next().value ?? "");
  }
  blocked.set(key, decision);
}

function blockedAddresses(): Map<string, RateLimitDecision> {
  store.__voltasisBlockedAddresses ??= new Map();
  return store.__voltasisBlockedAddresses;
}

export function processRateLimiter(): RateLimiter {
  if (!store.__voltasisRateLimiter) {
    const { REDIS_URL: url, RATE_LIMIT_KEY_MAX: maxTokenLimit } = env();
    const keyPrefix = rateLimitKeyPrefix();
    store.__voltasisRateLimiter = url
      ? createRateLimiter({ redis: createRedisClient(url), keyPrefix, maxTokenLimit })
      : createRateLimiter({ keyPrefix, maxTokenLimit });
    onShutdown(closeRateLimiter);
  }
  return store.__voltasisRateLimiter;
}

/** Closes the Redis connection (shutdown, tests); the next request opens a fresh limiter. */
export async function closeRateLimiter(): Promise<void> {
  const limiter = store.__voltasisRateLimiter;
  store.__voltasisRateLimiter = undefined;
  store.__voltasisBlockedAddresses = undefined;
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
