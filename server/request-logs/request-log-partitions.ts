import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/server/core/sql-rows";

const DAY_MS = 86_400_000;
const PARTITION = /^request_logs_p(\d{4})(\d{2})(\d{2})$/;

// The days whose partition this process has seen exist, so a flush issues no DDL after the
// first of the day. On globalThis: Next loads modules once per bundle.
const store = globalThis as unknown as { __voltasisRequestLogDays?: Set<string> };
function knownDays(): Set<string> {
  store.__voltasisRequestLogDays ??= new Set();
  return store.__voltasisRequestLogDays;
}

/** The UTC day (`2026-12-07`) of a moment. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function partitionName(day: string): string {
  return `request_logs_p${day.replaceAll("-", "")}`;
}

/**
 * Makes sure each day has its partition of request_logs, [day 00:00 UTC, next day 00:00 UTC).
 * Instances racing to create the same one are fine: the loser finds it made by the winner.
 */
export async function ensurePartitions(db: Db, days: Iterable<string>): Promise<void> {
  const known = knownDays();
  for (const day of new Set(days)) {
    if (known.has(day)) continue;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
    const next = dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));
    const name = partitionName(day);
    try {
      await db.execute(
        sql.raw(
          `create table if not exists "${name}" partition of request_logs for values from ('${day}T00:00:00Z') to ('${next}T00:00:00Z')`,
        ),
      );
    } catch (error) {
      const [found] = await rowsOf<{ name: string | null }>(
        db,
        sql`select to_regclass(${name})::text as name`,
      );
      if (!found?.name) throw error;
    }
    known.add(day);
  }
}

/** After a partition was dropped elsewhere (another instance's retention): ask again. */
export function forgetKnownPartitions(): void {
  knownDays().clear();
}

/** True when an insert failed because no partition takes its day. */
export function isMissingPartition(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const { message } = current as { message?: unknown };
    if (typeof message === "string" && message.includes("no partition of relation")) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Retention: drops every partition whose whole day is older than `retentionDays` before `at`.
 * Dropping a partition is instant whatever it holds, and leaves no dead rows to vacuum.
 * Answers how many partitions went.
 */
export async function dropExpiredPartitions(
  db: Db,
  at: Date,
  retentionDays: number,
): Promise<number> {
  const cutoff = dayOf(new Date(at.getTime() - retentionDays * DAY_MS));
  const partitions = await rowsOf<{ name: string }>(
    db,
    sql`select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
      where p.relname = 'request_logs'`,
  );
  let dropped = 0;
  for (const { name } of partitions) {
    const match = PARTITION.exec(name);
    if (!match) continue;
    const day = `${match[1]}-${match[2]}-${match[3]}`;
    // The partition of `cutoff` still holds rows inside the retention period.
    if (day >= cutoff) continue;
    await db.execute(sql.raw(`drop table if exists "${name}"`));
    knownDays().delete(day);
    dropped++;
  }
  return dropped;
}
