import type { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { nowMs } from "@/lib/clock";
import { componentLogger } from "@/lib/logger";

export const UNAUTHENTICATED_LIMIT = 100;
export const AUTHENTICATED_LIMIT = 1000;
export const WINDOW_MS = 60_000;
/** Sign-in attempts per account (normalized email) per 15-minute window. */
export const SIGN_IN_LIMIT = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Mails one address or account may cause (reset and verification links) per hour. */
export const EMAIL_LIMIT = 5;
export const EMAIL_WINDOW_MS = 60 * 60_000;
/**
 * Leak reports (POST /credentials/report) per client address per minute, besides the address's
 * 100: each report may revoke, mail and audit, so a script cannot turn it into a mail cannon.
 */
export const LEAK_REPORT_LIMIT = 10;

const LIMITS = {
  ip: { points: UNAUTHENTICATED_LIMIT, windowMs: WINDOW_MS },
  token: { points: AUTHENTICATED_LIMIT, windowMs: WINDOW_MS },
  account: { points: SIGN_IN_LIMIT, windowMs: SIGN_IN_WINDOW_MS },
  email: { points: EMAIL_LIMIT, windowMs: EMAIL_WINDOW_MS },
  report: { points: LEAK_REPORT_LIMIT, windowMs: WINDOW_MS },
} as const;

export interface RateLimitSubject {
  kind: "ip" | "token" | "account" | "email" | "report";
  key: string;
  /** Tokens only: the key's own per-minute limit (at most the limiter's maxTokenLimit). */
  limit?: number;
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
  /** Forgets the subject's count in the current window (a successful sign-in). */
  reset(subject: RateLimitSubject): Promise<void>;
  /** Asks the shared store for a round trip (readiness, the status page); throws if it fails. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Shared counters in Redis (atomic Lua increments); without it, counters live in this process. */
  redis?: Redis;
  /** Namespaces the counters: instances that must share one budget use the same prefix. */
  keyPrefix: string;
  /**
   * The highest per-key limit (RATE_LIMIT_KEY_MAX). Token windows count up to it, and each
   * request is judged against its own key's limit, so keys of any limit share one counter store.
   */
  maxTokenLimit?: number;
  /** Where outage and recovery notices go (tests capture them). */
  log?: (message: string) => void;
}

/**
 * The per-instance fallback while Redis is away (rate-limiter-flexible's insuranceLimiter). It
 * reports each use, so the outage is logged once, from the place that knows it happened.
 */
class InsuranceMemoryLimiter extends RateLimiterMemory {
  constructor(
    options: ConstructorParameters<typeof RateLimiterMemory>[0],
    private readonly onUse: () => void,
  ) {
    super(options);
  }

  override consume(...args: Parameters<RateLimiterMemory["consume"]>) {
    this.onUse();
    return super.consume(...args);
  }

  override delete(...args: Parameters<RateLimiterMemory["delete"]>) {
    this.onUse();
    return super.delete(...args);
  }
}

/**
 * Fixed windows counted by rate-limiter-flexible. The window index comes from our clock and is
 * part of the key, so every instance agrees on window boundaries and tests move time with
 * testClock instead of sleeping; the store's TTL only cleans up old windows.
 *
 * With Redis, a store error never serves a request unlimited: the insurance limiter counts it in
 * this process's memory until Redis answers again (limits per instance, never open).
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const log = options.log ?? ((message: string) => componentLogger("rate-limit").warn(message));
  const redis = options.redis;

  let outage = false;
  const onInsurance = () => {
    if (outage) return;
    outage = true;
    log(
      "[rate-limit] Redis unavailable: enforcing limits from this instance's memory until it returns",
    );
  };

  const maxTokenLimit = Math.max(AUTHENTICATED_LIMIT, options.maxTokenLimit ?? 0);
  const storePoints = (kind: RateLimitSubject["kind"]) =>
    kind === "token" ? maxTokenLimit : LIMITS[kind].points;

  const make = (kind: RateLimitSubject["kind"]): RateLimiterAbstract => {
    // A key is first hit inside its window, so a TTL of one window always outlives the window.
    const base = {
      points: storePoints(kind),
      duration: LIMITS[kind].windowMs / 1000,
      keyPrefix: options.keyPrefix,
    };
    if (!redis) return new RateLimiterMemory(base);
    return new RateLimiterRedis({
      ...base,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new InsuranceMemoryLimiter(base, onInsurance),
    });
  };
  const limiters = {
    ip: make("ip"),
    token: make("token"),
    account: make("account"),
    email: make("email"),
    report: make("report"),
  };

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

  function windowOf(subject: RateLimitSubject) {
    const { windowMs } = LIMITS[subject.kind];
    const window = Math.floor(nowMs() / windowMs);
    return { key: `${subject.kind}:${subject.key}:${window}`, resetAt: (window + 1) * windowMs };
  }

  return {
    store: redis ? "redis" : "memory",
    async consume(subject) {
      const limit =
        subject.kind === "token" && subject.limit !== undefined
          ? Math.min(subject.limit, maxTokenLimit)
          : LIMITS[subject.kind].points;
      const { key, resetAt } = windowOf(subject);
      let consumed: number;
      try {
        if (redis) await ensureConnected(redis);
        consumed = (await limiters[subject.kind].consume(key)).consumedPoints;
      } catch (error) {
        // Over the limit; any other error (both stores failing) is a bug, not a reason to open.
        if (!(error instanceof RateLimiterRes)) throw error;
        consumed = error.consumedPoints;
      }
      return {
        allowed: consumed <= limit,
        limit,
        remaining: Math.max(0, limit - consumed),
        resetAt,
      };
    },
    async reset(subject) {
      if (redis) await ensureConnected(redis);
      await limiters[subject.kind].delete(windowOf(subject).key);
    },
    async ping() {
      if (!redis) return;
      await ensureConnected(redis);
      await redis.ping();
    },
    async close() {
      if (redis && redis.status !== "end") {
        await redis.quit().catch(() => redis.disconnect());
      }
    },
  };
}
