import { randomBytes } from "node:crypto";
import { createServer, type Server, Socket } from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as scopesRoute from "@/app/api/v1/scopes/route";
import { nowMs, testClock } from "@/lib/clock";
import { resetEnvForTests } from "@/lib/env";
import { setLogDestinationForTests } from "@/lib/logger";
import { closeRateLimiter, processRateLimiter } from "@/server/rate-limit/consume";
import { createRateLimiter, type RateLimiter, WINDOW_MS } from "@/server/rate-limit/rate-limiter";
import { createRedisClient } from "@/server/rate-limit/redis-client";
import { invoke } from "@/tests/helpers/invoke";

// The Redis store against a real Redis: REDIS_URL, or the CI default. Skipped only when no Redis
// answers, so a laptop without one still runs the rest of the suite.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redisAnswers = await (async () => {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
})();

const RUN = `voltasis:test:${randomBytes(6).toString("hex")}`;
const opened: RateLimiter[] = [];

function limiter(name: string, url = REDIS_URL, log?: (m: string) => void): RateLimiter {
  const made = createRateLimiter({
    redis: createRedisClient(url),
    keyPrefix: `${RUN}:${name}`,
    log,
  });
  opened.push(made);
  return made;
}

function startFreshWindow(): void {
  testClock.advance(WINDOW_MS - (nowMs() % WINDOW_MS) + 10);
}

beforeEach(() => testClock.reset());
afterEach(async () => {
  testClock.reset();
  await Promise.all(opened.splice(0).map((l) => l.close()));
});
afterAll(async () => {
  // Removes this run's counters (they would expire within a minute anyway).
  if (!redisAnswers) return;
  const admin = new Redis(REDIS_URL);
  const keys = await admin.keys(`${RUN}*`);
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

describe.skipIf(!redisAnswers)("Redis rate-limit store", () => {
  it("shares one budget between two instances", async () => {
    startFreshWindow();
    const a = limiter("shared");
    const b = limiter("shared");
    expect(a.store).toBe("redis");
    const subject = { kind: "ip" as const, key: "192.0.2.1" };
    for (let i = 0; i < 60; i++) expect((await a.consume(subject)).allowed).toBe(true);
    for (let i = 0; i < 40; i++) expect((await b.consume(subject)).allowed).toBe(true);
    const last = await b.consume(subject);
    expect(last).toMatchObject({ allowed: false, limit: 100, remaining: 0 });
    expect((await a.consume(subject)).allowed).toBe(false);
    // A different key prefix (another deployment) is another budget.
    expect((await limiter("elsewhere").consume(subject)).remaining).toBe(99);
  });

  it("counts atomically under concurrent requests from both instances", async () => {
    startFreshWindow();
    const a = limiter("race");
    const b = limiter("race");
    const subject = { kind: "token" as const, key: "key_concurrent0000001" };
    const decisions = await Promise.all(
      Array.from({ length: 1_200 }, (_, i) => (i % 2 ? a : b).consume(subject)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(1_000);
    expect(new Set(decisions.map((d) => d.remaining)).size).toBe(1_000);
  });

  it("restores the budget when the controllable clock enters the next window", async () => {
    startFreshWindow();
    const a = limiter("window");
    const subject = { kind: "ip" as const, key: "192.0.2.2" };
    for (let i = 0; i < 100; i++) await a.consume(subject);
    const blocked = await a.consume(subject);
    expect(blocked.allowed).toBe(false);
    expect(blocked.resetAt % WINDOW_MS).toBe(0);
    testClock.advance(WINDOW_MS);
    expect(await a.consume(subject)).toMatchObject({ allowed: true, remaining: 99 });
  });

  it("is what the request wrapper uses when REDIS_URL is set", async () => {
    const saved = { url: process.env.REDIS_URL, prefix: process.env.RATE_LIMIT_PREFIX };
    process.env.REDIS_URL = REDIS_URL;
    process.env.RATE_LIMIT_PREFIX = `${RUN}:wrapper`;
    resetEnvForTests();
    await closeRateLimiter();
    try {
      startFreshWindow();
      expect(processRateLimiter().store).toBe("redis");
      const ip = "192.0.2.3";
      // Half the budget spent by "another instance" is visible to this one.
      const other = limiter("wrapper");
      for (let i = 0; i < 50; i++) await other.consume({ kind: "ip", key: ip });
      const res = await invoke(scopesRoute.GET, { path: "/scopes", ip });
      expect(res.status).toBe(401);
      expect(res.headers.get("x-ratelimit-remaining")).toBe("49");
      for (let i = 0; i < 49; i++) await invoke(scopesRoute.GET, { path: "/scopes", ip });
      const limited = await invoke(scopesRoute.GET, { path: "/scopes", ip });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).not.toBeNull();
    } finally {
      process.env.REDIS_URL = saved.url;
      process.env.RATE_LIMIT_PREFIX = saved.prefix;
      if (saved.url === undefined) delete process.env.REDIS_URL;
      if (saved.prefix === undefined) delete process.env.RATE_LIMIT_PREFIX;
      resetEnvForTests();
      await closeRateLimiter();
    }
  });

  it("falls back to per-instance memory limits when Redis is unreachable, logging once", async () => {
    startFreshWindow();
    const logs: string[] = [];
    const down = limiter("down", "redis://127.0.0.1:6390", (m) => logs.push(m));
    const subject = { kind: "ip" as const, key: "192.0.2.4" };
    for (let i = 0; i < 100; i++) expect((await down.consume(subject)).allowed).toBe(true);
    for (let i = 0; i < 50; i++) {
      expect(await down.consume(subject)).toMatchObject({
        allowed: false,
        limit: 100,
        remaining: 0,
      });
    }
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/Redis unavailable.*memory/);
  });

  it("keeps enforcing limits from memory while Redis is stopped mid-run, then returns to Redis", async () => {
    startFreshWindow();
    const proxy = await tcpProxy(new URL(REDIS_URL));
    const logs: string[] = [];
    const flaky = limiter("flaky", `redis://127.0.0.1:${proxy.port}`, (m) => logs.push(m));
    const subject = { kind: "ip" as const, key: "192.0.2.5" };
    expect((await flaky.consume(subject)).remaining).toBe(99);
    expect(logs).toHaveLength(0);

    // Redis goes away: the budget is counted in this instance's memory, and still ends at 100.
    await proxy.stop();
    for (let i = 0; i < 100; i++) expect((await flaky.consume(subject)).allowed).toBe(true);
    const limited = await flaky.consume(subject);
    expect(limited).toMatchObject({ allowed: false, remaining: 0 });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/Redis unavailable/);

    await proxy.start();
    // ioredis reconnects on its own (backoff up to 2 s); counting resumes in Redis where it stopped.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && logs.length < 2) await new Promise((r) => setTimeout(r, 100));
    expect(logs).toHaveLength(2);
    expect(logs[1]).toMatch(/back/);
    expect(await flaky.consume(subject)).toMatchObject({ allowed: true, remaining: 98 });
    // A second instance sees the same (Redis) count: the limits are shared again.
    expect((await limiter("flaky").consume(subject)).remaining).toBe(97);
    await proxy.stop();
  });

  it("falls back to memory for the request wrapper too: 429 while Redis is away", async () => {
    const proxy = await tcpProxy(new URL(REDIS_URL));
    const logs: string[] = [];
    const saved = { url: process.env.REDIS_URL, prefix: process.env.RATE_LIMIT_PREFIX };
    process.env.REDIS_URL = `redis://127.0.0.1:${proxy.port}`;
    process.env.RATE_LIMIT_PREFIX = `${RUN}:wrapper-down`;
    resetEnvForTests();
    await closeRateLimiter();
    setLogDestinationForTests({ write: (line: string) => logs.push(JSON.parse(line).msg) });
    try {
      startFreshWindow();
      const ip = "192.0.2.6";
      expect((await invoke(scopesRoute.GET, { path: "/scopes", ip })).status).toBe(401);
      await proxy.stop();
      // The memory fallback starts its own count: a full budget, then 429.
      for (let i = 0; i < 100; i++) {
        expect((await invoke(scopesRoute.GET, { path: "/scopes", ip })).status).toBe(401);
      }
      const limited = await invoke(scopesRoute.GET, { path: "/scopes", ip });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).not.toBeNull();
      expect(logs.filter((m) => m.includes("Redis unavailable"))).toHaveLength(1);
    } finally {
      setLogDestinationForTests(undefined);
      process.env.REDIS_URL = saved.url;
      process.env.RATE_LIMIT_PREFIX = saved.prefix;
      if (saved.url === undefined) delete process.env.REDIS_URL;
      if (saved.prefix === undefined) delete process.env.RATE_LIMIT_PREFIX;
      resetEnvForTests();
      await closeRateLimiter();
      await proxy.stop();
    }
  });
});

/** A TCP relay to Redis that can be stopped (connections cut) and started on the same port. */
async function tcpProxy(target: URL) {
  let server: Server | undefined;
  let port = 0;
  const sockets = new Set<Socket>();
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(Number(target.port || 6379), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        const address = server?.address();
        if (address && typeof address === "object") port = address.port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (server) server.close(() => resolve());
      else resolve();
    });
  await start();
  return {
    get port() {
      return port;
    },
    start,
    stop,
  };
}
