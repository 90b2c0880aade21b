import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { countOf } from "@/server/core/sql-rows";

/**
 * Deletes audit entries created before `before`, `batchSize` at a time, oldest first; returns how
 * many went. Each batch is one short statement, so a large backlog never holds locks for long;
 * SKIP LOCKED lets several instances prune at once without waiting on or repeating each other.
 */
export async function pruneAuditLogs(
  db: Db,
  options: { before: Date; batchSize: number; signal?: AbortSignal },
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await countOf(
      db,
      sql`with doomed as (
            select id from audit_logs where created_at < ${options.before.toISOString()}::timestamptz
            order by created_at limit ${options.batchSize} for update skip locked
          ), deleted as (
            delete from audit_logs where id in (select id from doomed) returning 1
          )
          select count(*)::int as n from deleted`,
    );
    total += deleted;
    if (deleted < options.batchSize || options.signal?.aborted) return total;
  }
}
