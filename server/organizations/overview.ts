import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, memberships, timeEntries } from "@/db/schema";
import { now } from "@/lib/clock";

/** Counts for the dashboard's overview cards. */
export async function organizationOverview(organizationId: string) {
  const db = await getDb();
  const count = sql<number>`count(*)::int`;
  const [[keys], [members], [entries]] = await Promise.all([
    db
      .select({ n: count })
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.organizationId, organizationId),
          isNull(apiKeys.revokedAt),
          or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now())),
        ),
      ),
    db.select({ n: count }).from(memberships).where(eq(memberships.organizationId, organizationId)),
    db.select({ n: count }).from(timeEntries).where(eq(timeEntries.organizationId, organizationId)),
  ]);
  return {
    activeKeys: keys?.n ?? 0,
    members: members?.n ?? 0,
    timeEntries: entries?.n ?? 0,
  };
}
