import { desc } from "drizzle-orm";
import { browserSessions } from "@/db/schema";
import { describeUserAgent } from "@/lib/user-agent";
import type { AuthContext } from "@/server/auth/auth-context";
import { liveSessionsOf } from "./live-session";
import type { ActiveSession } from "./schemas";

// More than anyone signs in within 24 hours by hand; the list stays one short page.
const MAX_LISTED = 100;

/** Who asks: an API context or a dashboard session, for the account's own sessions. */
export type SessionOwner = Pick<AuthContext, "user" | "db">;

/**
 * The live browser sessions of the caller's own account, the current one first, then by last
 * activity (live-session.ts says which are live). No scope: sessions belong to
 * the account, not to an organization, and every role has its own (like its password).
 */
export async function listActiveSessions(
  ctx: SessionOwner,
  currentSessionId: string | null,
): Promise<ActiveSession[]> {
  const rows = await ctx.db
    .select({
      id: browserSessions.id,
      userAgent: browserSessions.userAgent,
      ip: browserSessions.ip,
      createdAt: browserSessions.createdAt,
      lastSeenAt: browserSessions.lastSeenAt,
      expiresAt: browserSessions.expiresAt,
    })
    .from(browserSessions)
    .where(liveSessionsOf(ctx.user.id))
    .orderBy(desc(browserSessions.lastSeenAt), desc(browserSessions.createdAt))
    .limit(MAX_LISTED);
  const sessions = rows.map((row) => ({
    id: row.id,
    device: describeUserAgent(row.userAgent),
    ip: row.ip,
    signedInAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  }));
  return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
}
