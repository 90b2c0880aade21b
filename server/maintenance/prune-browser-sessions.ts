import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { countOf } from "@/server/core/sql-rows";

/**
 * Forgets browser sessions past their 24 hours: expired, each is refused on its age alone, so
 * neither its listing nor its "ended" mark is needed any more. One statement: at most one row
 * per sign-in per day.
 */
export async function pruneBrowserSessions(db: Db, options: { before: Date }): Promise<number> {
  return countOf(
    db,
    sql`with deleted as (
          delete from browser_sessions where expires_at < ${options.before.toISOString()}::timestamptz
          returning 1
        )
        select count(*)::int as n from deleted`,
  );
}
