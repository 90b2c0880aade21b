import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as keyRoute from "@/app/api/v1/api-keys/[id]/route";
import * as usageRoute from "@/app/api/v1/api-keys/[id]/usage/route";
import * as scopesRoute from "@/app/api/v1/scopes/route";
import { getDb } from "@/db";
import { apiKeys, usageBuckets } from "@/db/schema";
import { testClock } from "@/lib/clock";
import { flushUsage, pendingUsageEvents } from "@/server/usage/flush-usage";
import { keyUsageReportSchema } from "@/server/usage/schemas";
import { recordUsage, setUsageAutoFlush } from "@/server/usage/usage-recorder";
import { createKey, DEMO, orgId } from "@/tests/helpers/fixtures";
import { invoke } from "@/tests/helpers/invoke";

const HOUR = 3_600_000;

// This file decides when flushes happen; the once-a-second timer is covered by the SIGTERM test.
beforeAll(async () => {
  setUsageAutoFlush(false);
  // Opening the file's database (PGlite: migrate and seed) is slow on a busy machine.
  await getDb();
});
afterAll(() => setUsageAutoFlush(true));
afterEach(async () => {
  vi.restoreAllMocks();
  testClock.reset();
  await flushUsage();
});

async function countsFor(tokenId: string) {
  const db = await getDb();
  const rows = await db
    .select({
      route: usageBuckets.route,
      method: usageBuckets.method,
      statusClass: usageBuckets.statusClass,
      count: sql<number>`sum(${usageBuckets.count})`.mapWith(Number),
      rateLimited: sql<number>`sum(${usageBuckets.rateLimited})`.mapWith(Number),
    })
    .from(usageBuckets)
    .where(eq(usageBuckets.tokenId, tokenId))
    .groupBy(usageBuckets.route, usageBuckets.method, usageBuckets.statusClass);
  return Object.fromEntries(
    rows.map((r) => [`${r.method} ${r.route} ${r.statusClass}`, r.count]),
  ) as Record<string, number>;
}

async function lastUsedAt(keyId: string): Promise<Date | null> {
  const db = await getDb();
  const [row] = await db
    .select({ at: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(eq(apiKeys.id, keyId));
  return row?.at ?? null;
}

function event(tokenId: string, organizationId: string, status: number, at: Date, route = "/x") {
  return { tokenId, organizationId, route, method: "GET", status, latencyMs: 12, at };
}

describe("usage metering", () => {
  it("writes one count per request made, by route and status class, and last_used_at", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const { key: other } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect(await lastUsedAt(key.id)).toBeNull();

    for (let i = 0; i < 7; i++) {
      expect((await invoke(scopesRoute.GET, { path: "/scopes", token: secret })).status).toBe(200);
    }
    for (let i = 0; i < 3; i++) {
      const res = await invoke(keyRoute.GET, {
        path: `/api-keys/${other.id}`,
        token: secret,
        params: { id: other.id },
      });
      expect(res.status).toBe(200);
    }
    for (let i = 0; i < 2; i++) {
      const res = await invoke(keyRoute.GET, {
        path: "/api-keys/key_doesnotexist000001",
        token: secret,
        params: { id: "key_doesnotexist000001" },
      });
      expect(res.status).toBe(404);
    }
    // Failed authentication has no token to charge: it is not metered.
    await invoke(scopesRoute.GET, { path: "/scopes", token: `${secret}x` });

    expect(pendingUsageEvents()).toBe(12);
    await flushUsage();
    expect(pendingUsageEvents()).toBe(0);
    expect(await countsFor(key.id)).toEqual({
      "GET /scopes 2xx": 7,
      "GET /api-keys/{id} 2xx": 3,
      "GET /api-keys/{id} 4xx": 2,
    });
    const used = await lastUsedAt(key.id);
    expect(used).not.toBeNull();
    expect(Date.now() - (used as Date).getTime()).toBeLessThan(60_000);
    expect(await lastUsedAt(other.id)).toBeNull();

    // A second flush adds to the same minute's rows instead of replacing them.
    await invoke(scopesRoute.GET, { path: "/scopes", token: secret });
    await flushUsage();
    expect((await countsFor(key.id))["GET /scopes 2xx"]).toBe(8);
  });

  it("serves a zero-filled series, totals and top routes", async () => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const acme = await orgId("acme");
    const to = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const from = new Date(to.getTime() - 6 * HOUR);
    // Five minutes into the hour-long point `slot` of the six requested.
    const at = (slot: number) => new Date(from.getTime() + slot * HOUR + 5 * 60_000);
    for (let i = 0; i < 4; i++) recordUsage(event(key.id, acme, 200, at(0), "/scopes"));
    recordUsage(event(key.id, acme, 404, at(0), "/api-keys/{id}"));
    for (let i = 0; i < 3; i++) recordUsage(event(key.id, acme, 429, at(3), "/scopes"));
    recordUsage(event(key.id, acme, 503, at(4), "/scopes"));
    // Outside the range, and another key: neither may show.
    recordUsage(event(key.id, acme, 200, at(-2), "/scopes"));
    recordUsage(event("key_someotherkey00001", acme, 200, at(3), "/scopes"));
    await flushUsage();

    const res = await invoke(usageRoute.GET, {
      path: `/api-keys/${key.id}/usage?from=${from.toISOString()}&to=${to.toISOString()}&interval=hour`,
      token: secret,
      params: { id: key.id },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ratelimit-limit")).toBe("1000");
    const data = res.body.data;
    expect(data).toMatchObject({
      key_id: key.id,
      from: from.toISOString(),
      to: to.toISOString(),
      interval: "hour",
      totals: { requests: 9, "2xx": 4, "4xx": 4, "5xx": 1, rate_limited: 3 },
    });
    expect(data.series).toHaveLength(6);
    expect(data.series.map((p: { start: string }) => p.start)).toEqual(
      Array.from({ length: 6 }, (_, i) => new Date(from.getTime() + i * HOUR).toISOString()),
    );
    expect(data.series[0]).toMatchObject({ "2xx": 4, "4xx": 1, "5xx": 0, rate_limited: 0 });
    expect(data.series[1]).toMatchObject({ "2xx": 0, "4xx": 0, "5xx": 0, rate_limited: 0 });
    expect(data.series[3]).toMatchObject({ "2xx": 0, "4xx": 3, "5xx": 0, rate_limited: 3 });
    expect(data.series[4]).toMatchObject({ "2xx": 0, "4xx": 0, "5xx": 1, rate_limited: 0 });
    expect(data.series[5]).toMatchObject({ "2xx": 0, "4xx": 0, "5xx": 0, rate_limited: 0 });
    expect(data.routes).toEqual([
      { route: "/scopes", method: "GET", requests: 8, errors: 4, avg_latency_ms: 12 },
      { route: "/api-keys/{id}", method: "GET", requests: 1, errors: 1, avg_latency_ms: 12 },
    ]);
    expect(typeof data.last_used_at).toBe("string");
    // The documented response schema (the OpenAPI source) describes what is served.
    expect(keyUsageReportSchema.safeParse(data).success).toBe(true);

    // Defaults: the last 24 hours by hour.
    const byDefault = await invoke(usageRoute.GET, {
      path: `/api-keys/${key.id}/usage`,
      token: secret,
      params: { id: key.id },
    });
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.data.interval).toBe("hour");
    expect(byDefault.body.data.series.length).toBeGreaterThanOrEqual(24);
    expect(byDefault.body.data.series.length).toBeLessThanOrEqual(25);
    // The last 24 hours include the call made before the six-hour range above.
    expect(byDefault.body.data.totals.requests).toBe(10);

    const daily = await invoke(usageRoute.GET, {
      path: `/api-keys/${key.id}/usage?interval=day&from=${new Date(to.getTime() - 30 * 24 * HOUR).toISOString()}`,
      token: secret,
      params: { id: key.id },
    });
    expect(daily.status).toBe(200);
    expect(daily.body.data.totals.requests).toBe(10);
  });

  it.each([
    ["interval=week", "interval"],
    ["from=yesterday", "from"],
    ["from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to"],
    ["from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z&interval=minute", "interval"],
  ])("refuses the query %s with 400 naming %s", async (query, field) => {
    const { key, secret } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const res = await invoke(usageRoute.GET, {
      path: `/api-keys/${key.id}/usage?${query}`,
      token: secret,
      params: { id: key.id },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details).toEqual([expect.objectContaining({ field })]);
  });

  it("keeps the usage of a key inside its organization and to its holders", async () => {
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:api-keys"]);
    const { secret: globex } = await createKey(DEMO.globexOwner, "globex", ["read:api-keys"]);
    const { secret: member } = await createKey(DEMO.acmeMember, "acme", ["read:api-keys"]);
    const { secret: noScope } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const call = (token: string, id = key.id) =>
      invoke(usageRoute.GET, { path: `/api-keys/${id}/usage`, token, params: { id } });
    expect((await call(globex)).status).toBe(403);
    expect((await call(member)).status).toBe(403);
    expect((await call(noScope)).status).toBe(403);
    expect((await call(globex, "key_doesnotexist000001")).status).toBe(404);
    const post = await invoke(usageRoute.POST, {
      method: "POST",
      path: `/api-keys/${key.id}/usage`,
    });
    expect(post.status).toBe(405);
  });

  it("merges a failed flush back without counting anything twice", async () => {
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const acme = await orgId("acme");
    const db = await getDb();
    const at = new Date();
    for (let i = 0; i < 5; i++) recordUsage(event(key.id, acme, 200, at));

    // The connection drops after the rows were sent: the transaction rolls back, nothing lands.
    const realTransaction = db.transaction.bind(db);
    vi.spyOn(db, "transaction").mockImplementationOnce((work) =>
      realTransaction(async (tx) => {
        await work(tx);
        throw new Error("connection lost");
      }),
    );
    await expect(flushUsage()).rejects.toThrow("connection lost");
    expect(await countsFor(key.id)).toEqual({});
    expect(await lastUsedAt(key.id)).toBeNull();
    expect(pendingUsageEvents()).toBe(5);

    // Events arriving meanwhile join the merged batch; the next flush writes each exactly once.
    for (let i = 0; i < 3; i++) recordUsage(event(key.id, acme, 200, at));
    recordUsage(event(key.id, acme, 500, at));
    await flushUsage();
    expect(await countsFor(key.id)).toEqual({ "GET /x 2xx": 8, "GET /x 5xx": 1 });
    expect((await lastUsedAt(key.id))?.getTime()).toBe(at.getTime());
    await flushUsage();
    expect(await countsFor(key.id)).toEqual({ "GET /x 2xx": 8, "GET /x 5xx": 1 });
  });

  it("never moves last_used_at backwards and runs concurrent flushes one at a time", async () => {
    const { key } = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const acme = await orgId("acme");
    const later = new Date();
    recordUsage(event(key.id, acme, 200, later));
    await flushUsage();
    recordUsage(event(key.id, acme, 200, new Date(later.getTime() - HOUR)));
    const flushes = [flushUsage(), flushUsage(), flushUsage()];
    recordUsage(event(key.id, acme, 200, later));
    await Promise.all(flushes);
    await flushUsage();
    expect(await countsFor(key.id)).toEqual({ "GET /x 2xx": 3 });
    expect((await lastUsedAt(key.id))?.getTime()).toBe(later.getTime());
  });
});
