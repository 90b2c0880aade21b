import { and, eq, isNull } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { kickEmailOutbox } from "@/server/email/outbox";
import { findInvitationForUpdate } from "./find-invitation";
import { mayGrant } from "./invitation-authority";
import { mailInvitation, newInvitationLink } from "./invitation-link";
import { findPendingInvitation, lockInvitee } from "./pending-invitation";
import { toPublicInvitation } from "./public-invitation";
import { INVITATION_TTL_MS, type InvitationDelivery, type PublicInvitation } from "./schemas";

/**
 * Sends an invitation again with a new link, valid 7 days from now; the old link stops working
 * (only a link's hash is kept, so there is no old link to show again). A pending or expired
 * invitation can be resent, an accepted or revoked one cannot. The resender becomes its sender:
 * the invitation then stands on the resender's authority, as one they created would.
 */
export async function resendInvitation(
  ctx: AuthContext,
  id: string,
  origin?: string | null,
): Promise<{ invitation: PublicInvitation; delivery: InvitationDelivery; url: string }> {
  requireScope(ctx, "write:users");
  assertMember(ctx, "invite people");
  const link = newInvitationLink(origin);
  const row = await ctx.db.transaction(async (tx) => {
    const current = await findInvitationForUpdate(tx, ctx, id);
    if (!mayGrant(ctx.role, current.role)) {
      throw new ApiError("FORBIDDEN", "Only an owner can resend an owner's invitation");
    }
    await lockInvitee(tx, ctx.organization.id, current.email);
    const pending = await findPendingInvitation(tx, ctx.organization.id, current.email);
    if (pending && pending.id !== id) {
      throw new ApiError(
        "CONFLICT",
        "This address has a newer pending invitation: resend that one",
        [{ field: "id", message: "Superseded", invitation_id: pending.id }],
      );
    }
    const sentAt = now();
    const [resent] = await tx
      .update(invitations)
      .set({
        tokenHash: link.tokenHash,
        invitedBy: ctx.user.id,
        expiresAt: new Date(sentAt.getTime() + INVITATION_TTL_MS),
      })
      // Accepted or revoked meanwhile: nothing to resend.
      .where(
        and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
      )
      .returning();
    if (!resent) {
      throw new ApiError("CONFLICT", "This invitation was already accepted or revoked");
    }
    await recordAudit(tx, actorOf(ctx), {
      action: "invitation.resent",
      organizationId: ctx.organization.id,
      targetType: "invitation",
      targetId: id,
      metadata: { email: resent.email, role: resent.role, delivery: link.delivery },
    });
    await mailInvitation(tx, ctx, resent, link);
    return resent;
  });
  if (link.delivery === "email") kickEmailOutbox();
  return { invitation: toPublicInvitation(row), delivery: link.delivery, url: link.url };
}
