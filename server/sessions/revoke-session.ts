import { and, eq } from "drizzle-orm";
import { browserSessions, memberships } from "@/db/schema";
import { now } from "@/lib/clock";
import { describeUserAgent } from "@/lib/user-agent";
import { type AuditActor, recordAudit } from "@/server/audit/record-audit";
import { ApiError } from "@/server/core/api-error";
import type { SessionOwner } from "./list-active-sessions";
import { liveSessionsOf } from "./live-session";

/**
 * Ends one live browser session of the caller's own account. It is refused from its next request
 * on, on every instance: each session read checks `ended_at` fresh (sessionIsValid), as after
 * "Sign out". Another account's session, an ended or an unknown one all answer the same
 * NOT_FOUND, so the answer tells nothing about sessions that are not yours. Like a password
 * change, it is written to the audit log of each of the account's organizations.
 */
export async function revokeSession(
  ctx: SessionOwner,
  actor: AuditActor,
  sessionId: string,
): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const [ended] = await tx
      .update(browserSessions)
      .set({ endedAt: now() })
      .where(and(eq(browserSessions.id, sessionId), liveSessionsOf(ctx.user.id)))
      .returning({
        id: browserSessions.id,
        userAgent: browserSessions.userAgent,
        ip: browserSessions.ip,
      });
    if (!ended) throw new ApiError("NOT_FOUND", "No active session of yours has this id");
    const orgs = await tx
      .select({ id: memberships.organizationId })
      .from(memberships)
      .where(eq(memberships.userId, ctx.user.id));
    for (const org of orgs) {
      await recordAudit(tx, actor, {
        action: "user.session_revoked",
        organizationId: org.id,
        targetType: "user",
        targetId: ctx.user.id,
        metadata: { device: describeUserAgent(ended.userAgent), session_ip: ended.ip || null },
      });
    }
    return { id: ended.id };
  });
}
