import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { browserSessions, users } from "@/db/schema";
import { now } from "@/lib/clock";

/**
 * The `where` of a user's live sessions: not ended, younger than 24 hours, and signed in after
 * the last "sign out everywhere" or password change. The rule sessionIsValid applies per
 * request, stated once for the rows that list and revoke read.
 */
export function liveSessionsOf(userId: string) {
  return and(
    eq(browserSessions.userId, userId),
    isNull(browserSessions.endedAt),
    gt(browserSessions.expiresAt, now()),
    sql`${browserSessions.createdAt} > coalesce((select ${users.sessionsValidAfter} from ${users} where ${users.id} = ${userId}), '-infinity'::timestamptz)`,
  );
}
