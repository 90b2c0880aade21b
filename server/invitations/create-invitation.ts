import { and, eq } from "drizzle-orm";
import { invitations, memberships, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { kickEmailOutbox } from "@/server/email/outbox";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { mayGrant } from "./invitation-authority";
import { mailInvitation, newInvitationLink } from "./invitation-link";
import { findPendingInvitation, lockInvitee } from "./pending-invitation";
import { toPublicInvitation } from "./public-invitation";
import {
  type CreateInvitationInput,
  INVITATION_TTL_MS,
  type InvitationDelivery,
  type PublicInvitation,
} from "./schemas";

/**
 * Creates an invitation; its token exists only in its link, stored as its SHA-256. With email
 * delivery configured the link is mailed to the invited address, from the outbox written in the
 * same transaction, and never answered: holding it then proves control of the address.
 * Without it the link is answered, to be shared by its sender (`delivery: "link"`).
 * `origin` (the request's) names a shown link's host when PUBLIC_URL is unset; a mailed link
 * always uses PUBLIC_URL, never a header.
 */
export async function createInvitation(
  ctx: AuthContext,
  input: CreateInvitationInput,
  origin?: string | null,
): Promise<{ invitation: PublicInvitation; delivery: InvitationDelivery; url: string }> {
  requireScope(ctx, "write:users");
  assertMember(ctx, "invite people");
  if (!mayGrant(ctx.role, input.role)) {
    throw new ApiError(
      "FORBIDDEN",
      input.role === "owner"
        ? "Only an owner can invite an owner"
        : "Only owners and admins can invite",
    );
  }
  const email = input.email.trim().toLowerCase();
  const [member] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, email), eq(memberships.organizationId, ctx.organization.id)));
  if (member) throw new ApiError("CONFLICT", "This person is already a member of the organization");
  const link = newInvitationLink(origin);
  const createdAt = now();
  const row = await ctx.db.transaction(async (tx) => {
    await lockInvitee(tx, ctx.organization.id, email);
    const pending = await findPendingInvitation(tx, ctx.organization.id, email);
    if (pending) {
      // One live link per address: a second would leave two ways in, each to be revoked.
      throw new ApiError(
        "CONFLICT",
        "This address is already invited: resend or revoke the pending invitation",
        [{ field: "email", message: "Already invited", invitation_id: pending.id }],
      );
    }
    const [inserted] = await tx
      .insert(invitations)
      .values({
        id: newId("inv"),
        organizationId: ctx.organization.id,
        email,
        role: input.role,
        tokenHash: link.tokenHash,
        invitedBy: ctx.user.id,
        expiresAt: new Date(createdAt.getTime() + INVITATION_TTL_MS),
        createdAt,
      })
      .returning();
    if (!inserted) throw new Error("invitation insert returned nothing");
    await recordAudit(tx, actorOf(ctx), {
      action: "invitation.created",
      organizationId: ctx.organization.id,
      targetType: "invitation",
      targetId: inserted.id,
      metadata: { email, role: input.role, delivery: link.delivery },
    });
    // Never the link or its token: the receiver learns who was invited, not how to join.
    await publishEvent(tx, ctx.organization.id, "invitation.created", {
      id: inserted.id,
      email,
      role: input.role,
      invited_by: ctx.user.id,
      inviter: { id: ctx.user.id, name: ctx.user.name },
      delivery: link.delivery,
      expires_at: inserted.expiresAt.toISOString(),
      created_at: inserted.createdAt.toISOString(),
      actor: ctx.user.id,
    });
    await mailInvitation(tx, ctx, inserted, link);
    return inserted;
  });
  if (link.delivery === "email") kickEmailOutbox();
  kickWebhookOutbox();
  return { invitation: toPublicInvitation(row), delivery: link.delivery, url: link.url };
}
