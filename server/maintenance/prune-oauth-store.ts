import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { countOf } from "@/server/core/sql-rows";

/**
 * Forgets the authorization server's expired records (codes, tokens, device codes, interactions,
 * its sessions): past expires_at each is refused by its age alone (server/oauth/adapter.ts). A
 * rotated refresh token stays until its own expiry, so reuse is caught for as long as it could
 * have been used. One statement.
 */
export async function pruneOAuthStore(db: Db, options: { before: Date }): Promise<number> {
  return countOf(
    db,
    sql`with deleted as (
          delete from oauth_store where expires_at < ${options.before.toISOString()}::timestamptz
          returning 1
        )
        select count(*)::int as n from deleted`,
  );
}
