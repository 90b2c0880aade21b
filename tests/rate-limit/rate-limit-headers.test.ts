import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { testClock } from "@/lib/clock";
import { rateLimitHeaders } from "@/server/rate-limit/consume";

const NOW = Date.parse("2026-06-01T12:00:00.000Z");
const NOW_SECONDS = NOW / 1000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
  testClock.reset();
});

describe("rateLimitHeaders: what a client reads off every response", () => {
  it.each([
    {
      case: "an allowed request, 30 s left in the window",
      decision: { allowed: true, limit: 1000, remaining: 999, resetAt: NOW + 30_000 },
      headers: {
        "X-RateLimit-Limit": "1000",
        "X-RateLimit-Remaining": "999",
        "X-RateLimit-Reset": String(NOW_SECONDS + 30),
        "RateLimit-Policy": "1000;w=60",
        RateLimit: "limit=1000, remaining=999, reset=30",
      },
    },
    {
      case: "the last allowed request, reset rounded up to whole seconds",
      decision: { allowed: true, limit: 100, remaining: 0, resetAt: NOW + 1_001 },
      headers: {
        "X-RateLimit-Limit": "100",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(NOW_SECONDS + 2),
        "RateLimit-Policy": "100;w=60",
        RateLimit: "limit=100, remaining=0, reset=2",
      },
    },
    {
      case: "a refused request: Retry-After is the seconds until the reset",
      decision: { allowed: false, limit: 100, remaining: 0, resetAt: NOW + 42_500 },
      headers: {
        "X-RateLimit-Limit": "100",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(NOW_SECONDS + 43),
        "RateLimit-Policy": "100;w=60",
        RateLimit: "limit=100, remaining=0, reset=43",
        "Retry-After": "43",
      },
    },
    {
      case: "a refused request whose window just ended: wait at least one second",
      decision: { allowed: false, limit: 100, remaining: 0, resetAt: NOW - 500 },
      headers: {
        "X-RateLimit-Limit": "100",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(NOW_SECONDS),
        "RateLimit-Policy": "100;w=60",
        RateLimit: "limit=100, remaining=0, reset=0",
        "Retry-After": "1",
      },
    },
  ])("$case", ({ decision, headers }) => {
    expect(rateLimitHeaders(decision)).toEqual(headers);
  });

  it("counts the reset from the server's clock (testClock), not the caller's", () => {
    testClock.advance(10_000);
    const headers = rateLimitHeaders({
      allowed: false,
      limit: 100,
      remaining: 0,
      resetAt: NOW + 60_000,
    });
    expect(headers.RateLimit).toBe("limit=100, remaining=0, reset=50");
    expect(headers["Retry-After"]).toBe("50");
  });

  it("every value is a valid HTTP header value", () => {
    const headers = rateLimitHeaders({ allowed: false, limit: 1000, remaining: 0, resetAt: NOW });
    expect(() => new Headers(headers)).not.toThrow();
    for (const value of Object.values(headers)) expect(value).toMatch(/^[\x20-\x7e]+$/);
  });
});
