import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as scopesRoute from "@/app/api/v1/scopes/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { getDb } from "@/db";
import { nowMs, testClock } from "@/lib/clock";
import { closeRateLimiter } from "@/server/rate-limit/consume";
import {
  AUTHENTICATED_LIMIT,
  UNAUTHENTICATED_LIMIT,
  WINDOW_MS,
} from "@/server/rate-limit/rate-limiter";
import { generateToken } from "@/server/tokens/format";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

// Runs against whichever store the environment selects: memory, or Redis when REDIS_URL is set.

/** Moves the clock to the start of the next window, so a real minute boundary cannot interfere. */
function startFreshWindow(): number {
  testClock.advance(WINDOW_MS - (nowMs() % WINDOW_MS) + 10);
  return Math.floor(nowMs() / WINDOW_MS) * WINDOW_MS + WINDOW_MS;
}

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

// Opening the file's database (PGlite: migrate and seed) is slow on a busy machine: do it once here.
beforeAll(async () => {
  await getDb();
});
beforeEach(() => testClock.reset());
afterEach(() => testClock.reset());

describe("rate limits", () => {
  it("answers the 101st unauthenticated request with 429, Retry-After and headers", async () => {
    const resetAt = startFreshWindow();
    const ip = freshIp();
    const first = await invoke(scopesRoute.GET, { path: "/scopes", ip });
    expect(first.status).toBe(401);
    expect(first.headers.get("x-ratelimit-limit")).toBe("100");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("99");
    expect(first.headers.get("x-ratelimit-reset")).toBe(String(resetAt / 1000));
    expect(first.headers.get("ratelimit-policy")).toBe("100;w=60");
    expect(first.headers.get("ratelimit")).toMatch(/^limit=100, remaining=99, reset=\d+$/);
    expect(first.headers.get("retry-after")).toBeNull();

    for (let i = 2; i <= UNAUTHENTICATED_LIMIT; i++) {
      const res = await invoke(scopesRoute.GET, { path: "/scopes", ip });
      expect(res.status).toBe(401);
    }
    const limited = await invoke(scopesRoute.GET, { path: "/scopes", ip });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toMatch(/application\/json/);
    expect(limited.body).toEqual({
      error: { code: "RATE_LIMITED", message: expect.any(String) },
    });
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("ratelimit")).toBe(`limit=100, remaining=0, reset=${retryAfter}`);

    // Another address has its own budget.
    const other = await invoke(scopesRoute.GET, { path: "/scopes", ip: freshIp() });
    expect(other.status).toBe(401);
    expect(other.headers.get("x-ratelimit-remaining")).toBe("99");
  });

  it("restores the budget when the window resets", async () => {
    startFreshWindow();
    const ip = freshIp();
    for (let i = 0; i < UNAUTHENTICATED_LIMIT; i++) {
      await invoke(scopesRoute.GET, { path: "/scopes", ip });
    }
    expect((await invoke(scopesRoute.GET, { path: "/scopes", ip })).status).toBe(429);

    testClock.advance(WINDOW_MS - 1_000);
    const stillLimited = await invoke(scopesRoute.GET, { path: "/scopes", ip });
    expect(stillLimited.status).toBe(429);
    expect(stillLimited.headers.get("retry-after")).toBe("1");

    testClock.advance(1_000);
    const next = await invoke(scopesRoute.GET, { path: "/scopes", ip });
    expect(next.status).toBe(401);
    expect(next.headers.get("x-ratelimit-remaining")).toBe("99");
  });

  it("charges a bad-token flood to the IP, never to the key the tokens name", async () => {
    startFreshWindow();
    const ip = freshIp();
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    // The key is in use from this address before the flood starts (so this instance knows it).
    expect((await invoke(scopesRoute.GET, { path: "/scopes", ip, token: secret })).status).toBe(
      200,
    );
    // Same prefix as the real key: a wrong checksum, a wrong last character, an unknown secret.
    const tampered = [
      `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`,
      generateToken("test"),
      `${secret}x`,
      "not-a-token",
    ];
    for (let i = 0; i < UNAUTHENTICATED_LIMIT; i++) {
      const res = await invoke(scopesRoute.GET, {
        path: "/scopes",
        ip,
        token: tampered[i % tampered.length],
      });
      expect(res.status).toBe(401);
    }
    const limited = await invoke(scopesRoute.GET, { path: "/scopes", ip, token: tampered[0] });
    expect(limited.status).toBe(429);

    // A spent address is served from the cache only (no database work for its floods). With
    // PostgreSQL the cache lapses whenever the change listener's heartbeat is late, as it can be
    // on a busy machine after a hundred lookups: the key is used once more from elsewhere first.
    const elsewhere = await invoke(scopesRoute.GET, {
      path: "/scopes",
      ip: freshIp(),
      token: secret,
    });
    expect(elsewhere.status).toBe(200);
    // The real key, even from the flooding address, still has its full budget.
    const real = await invoke(scopesRoute.GET, { path: "/scopes", ip, token: secret });
    expect(real.status).toBe(200);
    expect(real.headers.get("x-ratelimit-limit")).toBe("1000");
    expect(real.headers.get("x-ratelimit-remaining")).toBe("997");
    expect(real.headers.get("ratelimit-policy")).toBe("1000;w=60");
  }, 120_000);

  it("answers the 1001st authenticated request with 429, then recovers next window", async () => {
    startFreshWindow();
    const ip = freshIp();
    const { secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    for (let i = 1; i <= AUTHENTICATED_LIMIT; i++) {
      const res = await invoke(scopesRoute.GET, { path: "/scopes", ip, token: secret });
      if (res.status !== 200) throw new Error(`request ${i} answered ${res.status}`);
      if (i === AUTHENTICATED_LIMIT) expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    }
    const limited = await invoke(scopesRoute.GET, { path: "/scopes", ip, token: secret });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    // Another key of the same user is a separate budget.
    const { secret: other } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await invoke(scopesRoute.GET, { path: "/scopes", ip, token: other })).status).toBe(200);

    testClock.advance(WINDOW_MS);
    const next = await invoke(scopesRoute.GET, { path: "/scopes", ip, token: secret });
    expect(next.status).toBe(200);
    expect(next.headers.get("x-ratelimit-remaining")).toBe("999");
  }, 120_000);
});

describe("a spent address gets 429 before any token work", () => {
  it("valid-looking random tokens are refused without a lookup once the budget is gone", async () => {
    await closeRateLimiter();
    const ip = "192.0.2.77";
    const { secret: inUse } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await invoke(usersRoute.GET, { path: "/users", ip, token: inUse })).status).toBe(200);
    for (let i = 0; i < 101; i++) {
      const res = await invoke(usersRoute.GET, {
        path: "/users",
        ip,
        token: generateToken("test"),
      });
      expect(res.status).toBe(i < 100 ? 401 : 429);
    }
    // Unknown to this instance: answered 429 from memory, no lookup (a real key fares the same).
    const { secret: cold } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const refused = await invoke(usersRoute.GET, { path: "/users", ip, token: cold });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect(refused.headers.get("x-ratelimit-limit")).toBe("100");
    // The key already in use from behind that address keeps working; other addresses too.
    expect((await invoke(usersRoute.GET, { path: "/users", ip, token: inUse })).status).toBe(200);
    expect((await invoke(usersRoute.GET, { path: "/users", token: cold })).status).toBe(200);
  });
});

afterEach(async () => {
  // Leaves no Redis connection open when the file runs with REDIS_URL.
  await closeRateLimiter();
});
