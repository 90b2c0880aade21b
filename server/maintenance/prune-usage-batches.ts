import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { countOf } from "@/server/core/sql-rows";

/** How long a written usage batch's id is remembered: far longer than any retry of it takes. */
export const USAGE_BATCH_ID_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Forgets the ids of usage batches written before `before` (usage_batches only guards a flush's
 * retry against counting twice, which happens within seconds). One statement: the table holds
 * one row per flush, about one a second per instance.
 */
export async function pruneUsageBatches(db: Db, options: { before: Date }): Promise<number> {
  return countOf(
    db,
    sql`with deleted as (
          delete from usage_batches where written_at < ${options.before.toISOString()}::timestamptz
          returning 1
        )
        select count(*)::int as n from deleted`,
  );
}
