import { type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { countOf } from "@/server/core/sql-rows";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Minute buckets older than this become hour buckets. */
export const HOURLY_AFTER_DAYS = 7;
/** Hour (and minute) buckets older than this become day buckets. */
export const DAILY_AFTER_DAYS = 90;

// Buckets are aligned in UTC epoch time, as the usage report bins them. The expressions are
// written exactly as in the partial indexes' predicates (db/schema/usage.ts), so the planner
// uses those indexes to find the rows still to roll up.
const ALIGNED: Record<"hour" | "day", SQL> = {
  hour: sql.raw(`date_bin('1 hour', bucket_start, '1970-01-01T00:00:00Z')`),
  day: sql.raw(`date_bin('1 day', bucket_start, '1970-01-01T00:00:00Z')`),
};

/**
 * Moves one batch of buckets older than `before` that are finer than `unit` into the `unit`
 * bucket they fall in, and returns how many rows moved. One statement: the rows are deleted and
 * their counts added to the coarser row together, so the totals never change, not even for a
 * moment, and a crash leaves either the old rows or the new sums. A row is moved only by the
 * statement that deleted it; SKIP LOCKED makes concurrent runs share the work, and a second run
 * finds nothing left to move (idempotent).
 */
async function rollUpBatch(
  db: Db,
  unit: "hour" | "day",
  before: Date,
  batchSize: number,
): Promise<number> {
  const aligned = ALIGNED[unit];
  return countOf(
    db,
    sql`with picked as (
          select token_id, bucket_start, route, method, status_class from usage_buckets
          where bucket_start < ${before.toISOString()}::timestamptz and bucket_start <> ${aligned}
          order by bucket_start limit ${batchSize} for update skip locked
        ), moved as (
          delete from usage_buckets u using picked p
          where u.token_id = p.token_id and u.bucket_start = p.bucket_start and u.route = p.route
            and u.method = p.method and u.status_class = p.status_class
          returning u.*
        ), summed as (
          insert into usage_buckets (token_id, organization_id, bucket_start, route, method,
            status_class, count, rate_limited, unauthorized, forbidden, not_found, total_latency_ms)
          select token_id, min(organization_id), ${aligned}, route, method, status_class,
            sum(count), sum(rate_limited), sum(unauthorized), sum(forbidden), sum(not_found),
            sum(total_latency_ms)
          from moved
          group by token_id, ${aligned}, route, method, status_class
          on conflict (token_id, bucket_start, route, method, status_class) do update set
            count = usage_buckets.count + excluded.count,
            rate_limited = usage_buckets.rate_limited + excluded.rate_limited,
            unauthorized = usage_buckets.unauthorized + excluded.unauthorized,
            forbidden = usage_buckets.forbidden + excluded.forbidden,
            not_found = usage_buckets.not_found + excluded.not_found,
            total_latency_ms = usage_buckets.total_latency_ms + excluded.total_latency_ms
          returning 1
        )
        select count(*)::int as n from moved`,
  );
}

const MAX_DEADLOCK_RETRIES = 5;

function isDeadlock(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as { code?: string }).code === "40P01") return true;
  }
  return false;
}

function floorTo(ms: number, step: number): Date {
  return new Date(Math.floor(ms / step) * step);
}

async function rollUp(
  db: Db,
  unit: "hour" | "day",
  before: Date,
  options: { batchSize: number; signal?: AbortSignal },
) {
  let total = 0;
  let deadlocks = 0;
  for (;;) {
    let moved: number;
    try {
      moved = await rollUpBatch(db, unit, before, options.batchSize);
    } catch (error) {
      // Two runs summing into the same coarser buckets in different orders: PostgreSQL aborts one
      // statement (it is its own transaction, so nothing of it is kept) and this run tries again.
      if (!isDeadlock(error) || ++deadlocks > MAX_DEADLOCK_RETRIES) throw error;
      continue;
    }
    total += moved;
    if (moved < options.batchSize || options.signal?.aborted) return total;
  }
}

/**
 * Bounded usage storage: minute buckets older than 7 days become hour buckets, and buckets older
 * than 90 days become day buckets. Every count (requests, 429s, 401s, 403s, 404s, latency) is
 * summed into the coarser bucket, so any range's totals stay exactly what they were.
 */
export async function rollUpUsage(
  db: Db,
  options: { now: Date; batchSize: number; signal?: AbortSignal },
): Promise<{ hourly: number; daily: number }> {
  // Cut-offs on whole hours and days: a bucket is rolled up only once all of it is old enough.
  const at = options.now.getTime();
  const hourCutoff = floorTo(at - HOURLY_AFTER_DAYS * DAY_MS, HOUR_MS);
  const dayCutoff = floorTo(at - DAILY_AFTER_DAYS * DAY_MS, DAY_MS);
  const hourly = await rollUp(db, "hour", hourCutoff, options);
  const daily = options.signal?.aborted ? 0 : await rollUp(db, "day", dayCutoff, options);
  return { hourly, daily };
}
