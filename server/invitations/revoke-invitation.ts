import { and, eq } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { now } from "@/lib/clock";
import { isId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { mayGrant } from "./invitation-authority";
import { toPublicInvitation } from "./public-invitation";
import type { PublicInvitation } from "./schemas";

/** Revokes a pending invitation of the current organization; another organization's is a 404. */
export async function revokeInvitation(ctx: AuthContext, id: string): Promise<PublicInvitation> {
  requireScope(ctx, "write:users");
  if (!isId("inv", id)) throw new ApiError("NOT_FOUND", "No invitation with this id");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, id), eq(invitations.organizationId, ctx.organization.id)))
      .for("update");
    if (!row) {
      // Another organization's invitation exists, but not for you: 403, and nothing of it.
      const [elsewhere] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(eq(invitations.id, id));
      if (elsewhere) throw new ApiError("FORBIDDEN");
      throw new ApiError("NOT_FOUND", "No invitation with this id");
    }
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
