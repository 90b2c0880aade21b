import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as keysRoute from "@/app/api/v1/api-keys/route";
import * as meRoute from "@/app/api/v1/auth/me/route";
import { getDb } from "@/db";
import { nowMs, testClock } from "@/lib/clock";
import { WINDOW_MS } from "@/server/rate-limit/rate-limiter";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";
import { login } from "@/tests/helpers/tokens";

// Runs against whichever store the environment selects: memory, or Redis when REDIS_URL is set.

beforeAll(async () => {
  await getDb();
});
afterAll(() => testClock.reset());
beforeEach(() => testClock.advance(WINDOW_MS - (nowMs() % WINDOW_MS) + 10));

const me = (secret: string) => invoke(meRoute.GET, { path: "/auth/me", token: secret });

async function patch(id: string, body: unknown) {
  const owner = await login(DEMO.acmeOwner);
  return invoke(keyRoute.PATCH, {
    method: "PATCH",
    path: `/api-keys/${id}`,
    token: owner.access_token,
    params: { id },
    body,
  });
}

describe("a key's own rate limit", () => {
  it("answers the first request over the key's limit with 429; headers show its limit", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      rate_limit_per_minute: 3,
    });
    expect(key.rate_limit_per_minute).toBe(3);
    for (let i = 1; i <= 3; i++) {
      const res = await me(secret);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toBe("3");
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(3 - i));
      expect(res.headers.get("ratelimit-policy")).toBe("3;w=60");
      expect(res.headers.get("ratelimit")).toMatch(new RegExp(`^limit=3, remaining=${3 - i}, `));
    }
    const limited = await me(secret);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("x-ratelimit-limit")).toBe("3");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");

    // Another key keeps the default.
    const { secret: other } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const res = await me(other);
    expect(res.headers.get("x-ratelimit-limit")).toBe("1000");
    expect(res.headers.get("ratelimit-policy")).toBe("1000;w=60");
  });

  it("takes a new limit from the next request on, and null restores the default", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:users"], {
      rate_limit_per_minute: 2,
    });
    expect((await me(secret)).status).toBe(200);
    expect((await me(secret)).status).toBe(200);
    expect((await me(secret)).status).toBe(429);

    const raised = await patch(key.id, { rate_limit_per_minute: 5 });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body.data.rate_limit_per_minute).toBe(5);
    // Three counted so far in this window (the refused one too): two more fit under 5.
    const next = await me(secret);
    expect(next.status).toBe(200);
    expect(next.headers.get("x-ratelimit-limit")).toBe("5");
    expect(next.headers.get("x-ratelimit-remaining")).toBe("1");

    const lowered = await patch(key.id, { rate_limit_per_minute: 1 });
    expect(lowered.status).toBe(200);
    const refused = await me(secret);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-ratelimit-limit")).toBe("1");

    const reset = await patch(key.id, { rate_limit_per_minute: null });
    expect(reset.body.data.rate_limit_per_minute).toBeNull();
    const back = await me(secret);
    expect(back.status).toBe(200);
    expect(back.headers.get("x-ratelimit-limit")).toBe("1000");
  });

  it.each([
    [0, "rate_limit_per_minute must be at least 1"],
    [-5, "rate_limit_per_minute must be at least 1"],
    [1.5, "rate_limit_per_minute must be a whole number"],
    [10_001, "rate_limit_per_minute must be at most 10000, this server's maximum"],
    ["100", "rate_limit_per_minute must be a number of requests"],
  ])("refuses %j at create and PATCH", async (value, message) => {
    const owner = await login(DEMO.acmeOwner);
    const created = await invoke(keysRoute.POST, {
      method: "POST",
      path: "/api-keys",
      token: owner.access_token,
      body: { name: "limited", scopes: ["read:users"], rate_limit_per_minute: value },
    });
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([{ field: "rate_limit_per_minute", message }]);

    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const patched = await patch(key.id, { rate_limit_per_minute: value });
    expect(patched.status).toBe(400);
    expect(patched.body.error.details).toEqual([{ field: "rate_limit_per_minute", message }]);
  });

  it("accepts 1 and the platform maximum", async () => {
    const owner = await login(DEMO.acmeOwner);
    for (const value of [1, 10_000]) {
      const created = await invoke(keysRoute.POST, {
        method: "POST",
        path: "/api-keys",
        token: owner.access_token,
        body: { name: "limited", scopes: ["read:users"], rate_limit_per_minute: value },
      });
      expect(created.status).toBe(201);
      expect(created.body.data.rate_limit_per_minute).toBe(value);
      const res = await me(created.body.data.key);
      expect(res.headers.get("x-ratelimit-limit")).toBe(String(value));
    }
  });
});
