import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { nowMs } from "@/server/clock";

export const UNAUTHENTICATED_LIMIT = 100;
export const AUTHENTICATED_LIMIT = 1000;
export const WINDOW_MS = 60_000;

const LIMITS = { ip: UNAUTHENTICATED_LIMIT, token: AUTHENTICATED_LIMIT } as const;

export interface RateLimitSubject {
  kind: "ip" | "token";
  key: string;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the current window ends. */
  resetAt: number;
}

export interface RateLimiter {
  readonly store: "memory" | "redis";
  consume(subject: RateLimitSubject): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Shared counters in Redis (atomic Lua increments); without it, counters live in this process. */
  redis?: Redis;
  /** Namespaces the counters: instances that must share one budget use the same prefix. */
  keyPrefix: string;
  /** Where outage and recovery notices go (tests capture them). */
  log?: (message: string) => void;
}

/**
 * Fixed one-minute windows counted by rate-limiter-flexible. The window index comes from our
 * clock and is part of the key, so every instance agrees on window boundaries and tests move
 * time with testClock instead of sleeping; the store's TTL only cleans up old windows.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const log = options.log ?? ((message: string) => console.warn(message));
  const redis = options.redis;
  const make = (kind: RateLimitSubject["kind"]): RateLimiterAbstract => {
    // A key is first hit inside its window, so a 60 s TTL always outlives the window.
    const base = { points: LIMITS[kind], duration: WINDOW_MS / 1000, keyPrefix: options.keyPrefix };
    return redis
      ? new RateLimiterRedis({ ...base, storeClient: redis, rejectIfRedisNotReady: true })
      : new RateLimiterMemory(base);
  };
  const limiters = { ip: make("ip"), token: make("token") };

  let outage = false;
  let connecting: Promise<void> | undefined;
  redis?.on("ready", () => {
    if (outage) log("[rate-limit] Redis is back: shared rate limits enforced again");
    outage = false;
  });

  async function ensureConnected(client: Redis): Promise<void> {
    // Lazy connect: the first request opens the socket and waits for it once; after that a
    // missing connection fails fast (no offline queue) and ioredis reconnects on its own.
    if (client.status === "wait") connecting = client.connect().catch(() => {});
    if (connecting) {
      await connecting;
      connecting = undefined;
    }
  }

  return {
    store: redis ? "redis" : "memory",
    async consume(subject) {
      const limit = LIMITS[subject.kind];
      const window = Math.floor(nowMs() / WINDOW_MS);
      const resetAt = (window + 1) * WINDOW_MS;
      let consumed: number;
      try {
        if (redis) await ensureConnected(redis);
        const res = await limiters[subject.kind].consume(
          `${subject.kind}:${subject.key}:${window}`,
        );
        consumed = res.consumedPoints;
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          consumed = error.consumedPoints;
        } else {
          // Fail open: a limiter outage must not take the API down. Logged once per outage.
          if (!outage) {
            outage = true;
            const reason = error instanceof Error ? error.message : String(error);
            log(
              `[rate-limit] store unavailable, serving requests unlimited until it returns: ${reason}`,
            );
          }
          // The real count is unknown while the store is away; report the full budget.
          return { allowed: true, limit, remaining: limit, resetAt };
        }
      }
      return {
        allowed: consumed <= limit,
        limit,
        remaining: Math.max(0, limit - consumed),
        resetAt,
      };
    },
    async close() {
      if (redis && redis.status !== "end") {
        await redis.quit().catch(() => redis.disconnect());
      }
    },
  };
}
