import { eq } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { findInvitationForUpdate } from "./find-invitation";
import { mayGrant } from "./invitation-authority";
import { toPublicInvitation } from "./public-invitation";
import type { PublicInvitation } from "./schemas";

/** Revokes a pending invitation of the current organization; another organization's is a 404. */
export async function revokeInvitation(ctx: AuthContext, id: string): Promise<PublicInvitation> {
  requireScope(ctx, "write:users");
  return ctx.db.transaction(async (tx) => {
    const row = await findInvitationForUpdate(tx, ctx, id);
    if (!mayGrant(ctx.role, row.role)) {
      throw new ApiError("FORBIDDEN", "Only an owner can revoke an owner's invitation");
    }
    if (row.acceptedAt || row.revokedAt) return toPublicInvitation(row);
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: now() })
      .where(eq(invitations.id, id))
      .returning();
    await recordAudit(tx, actorOf(ctx), {
      action: "invitation.revoked",
      organizationId: ctx.organization.id,
      targetType: "invitation",
      targetId: id,
      metadata: { email: row.email, role: row.role },
    });
    return toPublicInvitation(revoked ?? row);
  });
}
