import { and, eq } from "drizzle-orm";
import { browserSessions } from "@/db/schema";
import { now } from "@/lib/clock";
import { ApiError } from "@/server/core/api-error";
import type { SessionOwner } from "./list-active-sessions";
import { liveSessionsOf } from "./live-session";

/**
 * Ends one live browser session of the caller's own account. It is refused from its next request
 * on, on every instance: each session read checks `ended_at` fresh (sessionIsValid), as after
 * "Sign out". Another account's session, an ended or an unknown one all answer the same
 * NOT_FOUND, so the answer tells nothing about sessions that are not yours.
 */
export async function revokeSession(ctx: SessionOwner, sessionId: string): Promise<{ id: string }> {
  const [ended] = await ctx.db
    .update(browserSessions)
    .set({ endedAt: now() })
    .where(and(eq(browserSessions.id, sessionId), liveSessionsOf(ctx.user.id)))
    .returning({ id: browserSessions.id });
  if (!ended) throw new ApiError("NOT_FOUND", "No active session of yours has this id");
  return ended;
}
