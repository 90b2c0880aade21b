import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { invitations } from "@/db/schema";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/roles";
import { type AuditActor, recordAudit } from "@/server/audit/record-audit";
import { mayGrant } from "./invitation-authority";

/**
 * Revokes the pending invitations `senderId` sent in the organization that a sender of
 * `role` could not make (every one when `role` is null: the sender left), in the caller's
 * transaction, each audited with why. Removing or demoting a member calls it.
 */
export async function revokeInvitationsBeyond(
  tx: Tx,
  actor: AuditActor,
  {
    organizationId,
    senderId,
    role,
  }: { organizationId: string; senderId: string; role: Role | null },
): Promise<void> {
  const pending = await tx
    .select({ id: invitations.id, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        eq(invitations.invitedBy, senderId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
      ),
    )
    .for("update");
  const beyond = pending.filter((inv) => role === null || !mayGrant(role, inv.role));
  if (beyond.length === 0) return;
  await tx
    .update(invitations)
    .set({ revokedAt: now() })
    .where(
      inArray(
        invitations.id,
        beyond.map((inv) => inv.id),
      ),
    );
  for (const inv of beyond) {
    await recordAudit(tx, actor, {
      action: "invitation.revoked",
      organizationId,
      targetType: "invitation",
      targetId: inv.id,
      metadata: {
        email: inv.email,
        role: inv.role,
        reason: role === null ? "sender_removed" : "sender_role_changed",
      },
    });
  }
}
