import { and, asc, count, eq, isNull } from "drizzle-orm";
import { apiKeys, memberships } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { revokeInvitationsBeyond } from "@/server/invitations/revoke-invitations-beyond";
import { forgetGrantsOf } from "@/server/oauth-grants/forget-grants";
import { revokeUserTokensOf } from "@/server/tokens/revoke-all-user-tokens";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { memberEventData } from "./member-event";

/**
 * Removes a user from an organization. Their API keys there stop working on the next request
 * (the wrapper re-reads membership every time) and stay revocable by admins; their user tokens
 * for the organization are revoked outright, and so are the grants they gave third-party apps
 * there, so that adding them back does not revive a login or an app's access.
 */
export async function removeMembership(
  ctx: AuthContext,
  { userId }: { userId: string },
): Promise<void> {
  requireScope(ctx, "write:users");
  assertMember(ctx, "remove members");
  const organizationId = ctx.organization.id;
  await ctx.db.transaction(async (tx) => {
    // Lock every owner membership of the organization first, always in the same order: two
    // owners removing each other then run one after the other (the second sees one owner and
    // gets 409), and neither can deadlock on the other's row.
    await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")))
      .orderBy(asc(memberships.userId))
      .for("update");
    const [membership] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
      .for("update");
    if (!membership)
      throw new ApiError("NOT_FOUND", "This user is not a member of the organization");
    // Only an owner may remove an owner; admins manage members and admins.
    if (membership.role === "owner" && ctx.role !== "owner") {
      throw new ApiError("FORBIDDEN", "Only an owner can remove an owner");
    }
    if (membership.role === "owner") {
      // Read after the locks: owners can only have been added since, never removed.
      const [owners] = await tx
        .select({ n: count() })
        .from(memberships)
        .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")));
      // An organization without an owner could never be administered again.
      if ((owners?.n ?? 0) <= 1) {
        throw new ApiError("CONFLICT", "The last owner of an organization cannot be removed");
      }
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    await revokeUserTokensOf(tx, userId, organizationId);
    // So do the apps they authorized to act here.
    await forgetGrantsOf(
      tx,
      { userId, organizationId },
      { actor: ctx.user.id, reason: "member_removed" },
    );
    // Links they sent stop with their authority: none of them could be made now.
    await revokeInvitationsBeyond(tx, actorOf(ctx), {
      organizationId,
      senderId: userId,
      role: null,
    });
    // Their keys here die with the membership: re-adding the member never revives them.
    await tx
      .update(apiKeys)
      .set({ revokedAt: now() })
      .where(
        and(
          eq(apiKeys.organizationId, organizationId),
          eq(apiKeys.createdBy, userId),
          isNull(apiKeys.revokedAt),
        ),
      );
    // Keys and contexts of this user in this organization, on every instance, at commit.
    await publishAuthChange(tx, { userId, organizationId });
    await recordAudit(tx, actorOf(ctx), {
      action: "membership.removed",
      organizationId,
      targetType: "user",
      targetId: userId,
      metadata: { role: membership.role },
    });
    await publishEvent(
      tx,
      organizationId,
      "member.removed",
      await memberEventData(tx, userId, { role: membership.role, actor: ctx.user.id }),
    );
  });
  kickWebhookOutbox();
}
