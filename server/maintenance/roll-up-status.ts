import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { countOf } from "@/server/core/sql-rows";
import { UPTIME_DAYS } from "@/server/status/schemas";

const DAY_MS = 86_400_000;

/**
 * Moves one batch of status samples from before `before` into their component's UTC day in
 * status_daily, in one statement (deleted and counted together, as the usage roll-up does), and
 * returns how many samples moved. SKIP LOCKED lets instances share the work.
 */
async function rollUpBatch(db: Db, before: Date, batchSize: number): Promise<number> {
  return countOf(
    db,
    sql`with picked as (
          select instance, component, at from status_samples
          where at < ${before.toISOString()}::timestamptz
          order by at limit ${batchSize} for update skip locked
        ), moved as (
          delete from status_samples s using picked p
          where s.instance = p.instance and s.component = p.component and s.at = p.at
          returning s.component, s.at, s.ok
        ), summed as (
          insert into status_daily (component, day, ok_count, total)
          select component, (at at time zone 'UTC')::date, count(*) filter (where ok), count(*)
          from moved
          group by component, (at at time zone 'UTC')::date
          on conflict (component, day) do update set
            ok_count = status_daily.ok_count + excluded.ok_count,
            total = status_daily.total + excluded.total
          returning 1
        )
        select count(*)::int as n from moved`,
  );
}

/**
 * The status page's storage stays small: samples of finished UTC days become one row per
 * component and day (the uptime of a day never changes once it is over), and days the page no
 * longer shows are forgotten.
 */
export async function rollUpStatusSamples(
  db: Db,
  options: { now: Date; batchSize: number; signal?: AbortSignal },
): Promise<{ samplesRolledUp: number; daysPruned: number }> {
  const today = new Date(Math.floor(options.now.getTime() / DAY_MS) * DAY_MS);
  let samplesRolledUp = 0;
  for (;;) {
    const moved = await rollUpBatch(db, today, options.batchSize);
    samplesRolledUp += moved;
    if (moved < options.batchSize || options.signal?.aborted) break;
  }
  const oldest = new Date(today.getTime() - (UPTIME_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const daysPruned = await countOf(
    db,
    sql`with gone as (delete from status_daily where day < ${oldest}::date returning 1)
        select count(*)::int as n from gone`,
  );
  return { samplesRolledUp, daysPruned };
}
