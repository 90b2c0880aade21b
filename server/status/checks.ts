import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDbHandle } from "@/db";
import { env } from "@/lib/env";
import { componentLogger } from "@/lib/logger";
import { ensureAuthListener } from "@/server/auth/auth-bus";
import { authCacheUsable } from "@/server/auth/auth-cache";
import { rowsOf } from "@/server/core/sql-rows";
import { describeError } from "@/server/core/to-api-error";
import { processRateLimiter } from "@/server/rate-limit/consume";
import { isDraining } from "@/server/shutdown";

/** What one check found: `not_configured` is a dependency this deployment does without. */
export const checkSchema = z
  .object({
    status: z.enum(["ok", "failing", "not_configured"]),
    detail: z.string(),
    latency_ms: z.number().optional(),
  })
  .meta({ id: "HealthCheck" });
export type Check = z.infer<typeof checkSchema>;

// A probe that hangs answers "failing" after this, well inside a load balancer's timeout.
const CHECK_TIMEOUT_MS = 2_000;
const JOURNAL = path.join(process.cwd(), "drizzle", "meta", "_journal.json");

async function timed(name: string, run: () => Promise<string>): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      run(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", detail, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    const detail = describeError(error);
    componentLogger("health").error(`${name} check failed: ${detail}`);
    return { status: "failing", detail: `${name} is not answering` };
  } finally {
    clearTimeout(timer);
  }
}

/** A round trip to the database; the detail names its mode (postgres, pglite). */
export function checkDatabase(): Promise<Check> {
  return timed("database", async () => {
    const handle = await getDbHandle();
    await handle.ping();
    return handle.mode;
  });
}

/** A round trip to the rate limiter's Redis; without REDIS_URL, limits live in memory. */
export async function checkRedis(): Promise<Check> {
  if (!env().REDIS_URL) return { status: "not_configured", detail: "in-memory" };
  return timed("redis", async () => {
    await processRateLimiter().ping();
    return "redis";
  });
}

/**
 * The auth invalidation bus: with PostgreSQL, whether this instance's LISTEN connection still
 * hears its own heartbeats (auth-bus.ts); embedded PGlite is one process and evicts directly.
 */
export async function checkAuthBus(): Promise<Check> {
  if (!env().DATABASE_URL) return { status: "ok", detail: "in-process" };
  const listening = await timed("auth bus", async () => {
    await ensureAuthListener();
    return "listen/notify";
  });
  if (listening.status !== "ok") return listening;
  return authCacheUsable()
    ? { status: "ok", detail: "listen/notify" }
    : { status: "failing", detail: "no heartbeat heard in the last 2 seconds" };
}

const migrations = globalThis as unknown as { __voltasisMigrationsApplied?: boolean };

/**
 * Every migration in drizzle/meta/_journal.json is applied: drizzle's migrator records each in
 * drizzle.__drizzle_migrations with the journal entry's `when`, and applies those newer than the
 * newest recorded. Once true it stays true in this process (migrations are never undone).
 */
export async function checkMigrations(): Promise<Check> {
  const journal = JSON.parse(readFileSync(JOURNAL, "utf8")) as { entries: { when: number }[] };
  const expected = journal.entries.length;
  const last = Math.max(...journal.entries.map((e) => e.when));
  if (migrations.__voltasisMigrationsApplied) {
    return { status: "ok", detail: `${expected} of ${expected} applied` };
  }
  let applied = 0;
  const reached = await timed("migrations", async () => {
    const { db } = await getDbHandle();
    const [row] = await rowsOf<{ applied: number | string; newest: string | null }>(
      db,
      sql`select count(*)::int as applied, max(created_at)::text as newest
          from drizzle.__drizzle_migrations`,
    );
    applied = Number(row?.applied ?? 0);
    return Number(row?.newest ?? 0) >= last ? "applied" : "pending";
  });
  if (reached.status !== "ok") return reached;
  if (reached.detail === "pending") {
    return {
      status: "failing",
      detail: `${applied} of ${expected} applied: run npm run db:migrate`,
    };
  }
  migrations.__voltasisMigrationsApplied = true;
  return { status: "ok", detail: `${expected} of ${expected} applied` };
}

/** SIGTERM received: the process finishes what it has and takes no new work. */
export function checkDraining(): Check {
  return isDraining()
    ? { status: "failing", detail: "draining: shutting down" }
    : { status: "ok", detail: "serving" };
}
