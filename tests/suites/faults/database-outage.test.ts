import type postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/auth/me/route";
import * as healthRoute from "@/app/api/v1/health/route";
import * as usersRoute from "@/app/api/v1/users/route";
import { setLogDestinationForTests } from "@/lib/logger";
import { authCacheUsable } from "@/server/auth/auth-cache";
import { hashToken } from "@/server/tokens/format";
import { flushUsage, pendingUsageEvents } from "@/server/usage/flush-usage";
import { drainUsage, setUsageAutoFlush } from "@/server/usage/usage-recorder";
import { createKey, DEMO } from "@/tests/helpers/fixtures";
import type { Invoked } from "@/tests/helpers/invoke";
import { invoke } from "@/tests/helpers/invoke";
import { type ProxiedDatabase, proxyAppDatabase, type TcpProxy } from "@/tests/helpers/tcp-proxy";

// The bound: while the database is down, /api/v1 answers 503 within 2 seconds.
const OUTAGE_ANSWER_MS = 2_000;

/** Answers 503 SERVICE_UNAVAILABLE in the JSON error shape, within the bound. */
async function expectUnavailable(request: () => Promise<Invoked>): Promise<void> {
  const started = performance.now();
  const res = await request();
  const elapsed = performance.now() - started;
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toEqual({
    error: { code: "SERVICE_UNAVAILABLE", message: expect.any(String) },
  });
  expect(elapsed, "answered within 2 s").toBeLessThan(OUTAGE_ANSWER_MS);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The outage as this instance learns it: its change listener's connection drops, and from then
 * on warm credentials are checked against the database too (fail closed), so they get 503s.
 */
async function untilCacheOff(): Promise<void> {
  for (let i = 0; i < 100 && authCacheUsable(); i++) await sleep(10);
  expect(authCacheUsable()).toBe(false);
}

describe.runIf(process.env.DATABASE_URL)("PostgreSQL stopped mid-run (PostgreSQL)", () => {
  let db: ProxiedDatabase;
  let proxy: TcpProxy;
  /** Reads usage straight from PostgreSQL, around the proxy. */
  let direct: postgres.Sql;

  beforeAll(async () => {
    db = await proxyAppDatabase();
    ({ proxy, direct } = db);
  });

  afterAll(async () => {
    await proxy.start();
    setUsageAutoFlush(true);
    await drainUsage();
    await db.restore();
  });

  async function usageCount(tokenId: string): Promise<number> {
    const [row] = await direct<{ n: number }[]>`
      select coalesce(sum(count), 0)::int as n from usage_buckets where token_id = ${tokenId}`;
    return row?.n ?? 0;
  }

  it("answers 503 within 2 s while it is down, recovers by itself, and writes the buffered usage", async () => {
    // Flushes are ours to trigger until the outage, so usage from before it is still buffered.
    setUsageAutoFlush(false);
    const used = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const fresh = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const successes = new Map<string, number>([
      [used.key.id, 0],
      [fresh.key.id, 0],
    ]);
    const use = async (key: { key: { id: string }; secret: string }, route = "me") => {
      const res =
        route === "me"
          ? await invoke(meRoute.GET, { path: "/auth/me", token: key.secret })
          : await invoke(usersRoute.GET, { path: "/users", token: key.secret });
      if (res.status < 300) successes.set(key.key.id, (successes.get(key.key.id) ?? 0) + 1);
      return res;
    };

    for (let i = 0; i < 5; i++) expect((await use(used)).status).toBe(200);
    expect((await use(used, "users")).status).toBe(200);
    expect(pendingUsageEvents()).toBe(6);

    await proxy.stop();
    await untilCacheOff();

    // A cached credential (used above) and one never seen (its lookup needs the database).
    await expectUnavailable(() => use(used));
    await expectUnavailable(() => use(used, "users"));
    await expectUnavailable(() => use(fresh));
    await expectUnavailable(() => invoke(healthRoute.GET, { path: "/health" }));
    // Several at once, as a busy server would see them.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => expectUnavailable(() => use(i % 2 ? used : fresh))),
    );

    // A flush during the outage fails and keeps its events for the next one.
    await expect(flushUsage()).rejects.toThrow();
    expect(pendingUsageEvents()).toBe(6);
    // The background flusher retries every second meanwhile.
    setUsageAutoFlush(true);
    await sleep(1_500);
    expect(await usageCount(used.key.id)).toBe(0);

    await proxy.start();

    // No restart: the same process, the same pool.
    const health = await invoke(healthRoute.GET, { path: "/health" });
    expect(health.status, JSON.stringify(health.body)).toBe(200);
    expect(health.body.database).toMatchObject({ status: "ok", mode: "postgres" });
    expect((await use(used)).status).toBe(200);
    expect((await use(fresh)).status).toBe(200);
    expect((await use(fresh, "users")).status).toBe(200);

    // The background flusher writes everything: counts equal the successful responses.
    for (let i = 0; i < 50 && pendingUsageEvents() > 0; i++) await sleep(200);
    await flushUsage();
    expect(pendingUsageEvents()).toBe(0);
    expect(await usageCount(used.key.id)).toBe(successes.get(used.key.id));
    expect(await usageCount(fresh.key.id)).toBe(successes.get(fresh.key.id));
    expect(successes.get(used.key.id)).toBe(7);
    expect(successes.get(fresh.key.id)).toBe(2);
  }, 60_000);

  it("still answers within 2 s deep into a long outage, and recovers after it", async () => {
    const key = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key.secret })).status).toBe(200);
    await proxy.stop();
    await untilCacheOff();
    // Every failed connection attempt makes a client back off longer; the answer must not wait
    // for it.
    for (let i = 0; i < 30; i++) {
      await expectUnavailable(() => invoke(meRoute.GET, { path: "/auth/me", token: key.secret }));
      if (i % 5 === 0) await expectUnavailable(() => invoke(healthRoute.GET, { path: "/health" }));
    }
    await proxy.start();
    expect((await invoke(healthRoute.GET, { path: "/health" })).status).toBe(200);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key.secret })).status).toBe(200);
  }, 120_000);

  it("answers 503 within 2 s when the database accepts connections but never answers", async () => {
    const key = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key.secret })).status).toBe(200);
    await proxy.hang();
    await untilCacheOff();
    for (let i = 0; i < 3; i++) {
      await expectUnavailable(() => invoke(meRoute.GET, { path: "/auth/me", token: key.secret }));
    }
    await expectUnavailable(() => invoke(healthRoute.GET, { path: "/health" }));
    await proxy.start();
    expect((await invoke(healthRoute.GET, { path: "/health" })).status).toBe(200);
    expect((await invoke(meRoute.GET, { path: "/auth/me", token: key.secret })).status).toBe(200);
  }, 60_000);

  it("logs the outage without the values of the failed query (no secret hash)", async () => {
    const key = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const logged: string[] = [];
    setLogDestinationForTests({ write: (line: string) => logged.push(line) });
    try {
      await proxy.stop();
      await untilCacheOff();
      // Never seen before: its lookup by hash is the query that fails.
      await expectUnavailable(() => invoke(meRoute.GET, { path: "/auth/me", token: key.secret }));
    } finally {
      setLogDestinationForTests(undefined);
      await proxy.start();
    }
    expect(logged.join("\n")).toMatch(/database unavailable/);
    expect(logged.join("\n")).not.toContain(hashToken(key.secret));
  });

  it("goes down and comes back more than once", async () => {
    const key = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    for (let round = 0; round < 3; round++) {
      expect((await invoke(meRoute.GET, { path: "/auth/me", token: key.secret })).status).toBe(200);
      await proxy.stop();
      await untilCacheOff();
      await expectUnavailable(() => invoke(meRoute.GET, { path: "/auth/me", token: key.secret }));
      await expectUnavailable(() => invoke(healthRoute.GET, { path: "/health" }));
      await proxy.start();
      expect((await invoke(healthRoute.GET, { path: "/health" })).status).toBe(200);
    }
  }, 60_000);
});

describe.skipIf(process.env.DATABASE_URL)("embedded database (PGlite)", () => {
  it("reports itself healthy, never 503, under concurrent use", async () => {
    const key = await createKey(DEMO.acmeOwner, "acme", ["read:users"]);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? invoke(healthRoute.GET, { path: "/health" })
          : invoke(i % 3 === 1 ? meRoute.GET : usersRoute.GET, {
              path: i % 3 === 1 ? "/auth/me" : "/users",
              token: key.secret,
            }),
      ),
    );
    for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(200);
    const health = await invoke(healthRoute.GET, { path: "/health" });
    expect(health.body.database).toMatchObject({ status: "ok", mode: "pglite" });
  });
});
