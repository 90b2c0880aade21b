import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as readyRoute from "@/app/api/v1/health/ready/route";
import * as healthRoute from "@/app/api/v1/health/route";
import { getDb, getDbHandle } from "@/db";
import { rowsOf } from "@/server/core/sql-rows";
import { setDraining } from "@/server/shutdown";
import { invoke } from "@/tests/helpers/invoke";

beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  setDraining(false);
});

const ready = () => invoke(readyRoute.GET, { path: "/health/ready" });

describe("GET /health/ready", () => {
  it("answers 200 naming every check while the instance can serve", async () => {
    const res = await ready();
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    expect(res.body).toEqual({
      status: "ready",
      checks: {
        database: {
          status: "ok",
          detail: process.env.DATABASE_URL ? "postgres" : "pglite",
          latency_ms: expect.any(Number),
        },
        redis: process.env.REDIS_URL
          ? { status: "ok", detail: "redis", latency_ms: expect.any(Number) }
          : { status: "not_configured", detail: "in-memory" },
        auth_bus: process.env.DATABASE_URL
          ? { status: "ok", detail: "listen/notify" }
          : { status: "ok", detail: "in-process" },
        migrations: { status: "ok", detail: expect.stringMatching(/^(\d+) of \1 applied$/) },
        draining: { status: "ok", detail: "serving" },
      },
      time: expect.any(String),
    });
  });

  it("answers 503 while the process drains, and the liveness probe still 200", async () => {
    setDraining(true);
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      details: { checks: { draining: { status: "failing" }, database: { status: "ok" } } },
    });
    expect((await invoke(healthRoute.GET, { path: "/health" })).status).toBe(200);
    setDraining(false);
    expect((await ready()).status).toBe(200);
  });

  it("answers 503 while the database does not answer, and 200 once it does again", async () => {
    const handle = await getDbHandle();
    const ping = handle.ping;
    handle.ping = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    };
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("SERVICE_UNAVAILABLE");
      expect(res.body.error.details.checks.database).toEqual({
        status: "failing",
        detail: "database is not answering",
      });
      // Nothing of the cause (addresses, driver messages) reaches the caller.
      expect(JSON.stringify(res.body)).not.toContain("ECONNREFUSED");
    } finally {
      handle.ping = ping;
    }
    expect((await ready()).status).toBe(200);
  });

  it("answers 503 while a migration of drizzle/ is not applied", async () => {
    const db = await getDb();
    const store = globalThis as { __voltasisMigrationsApplied?: boolean };
    const [newest] = await rowsOf<{ id: number; hash: string; created_at: string }>(
      db,
      sql`select id, hash, created_at::text as created_at from drizzle.__drizzle_migrations
          order by created_at desc limit 1`,
    );
    if (!newest) throw new Error("no applied migrations");
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${newest.id}`);
    store.__voltasisMigrationsApplied = undefined;
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(res.body.error.details.checks.migrations).toEqual({
        status: "failing",
        detail: expect.stringMatching(/^\d+ of \d+ applied: run npm run db:migrate$/),
      });
    } finally {
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at)
            values (${newest.id}, ${newest.hash}, ${newest.created_at}::bigint)`,
      );
    }
    expect((await ready()).status).toBe(200);
  });
});
