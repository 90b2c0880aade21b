import { and, count, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { revokeInvitationsBeyond } from "@/server/invitations/revoke-invitations-beyond";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { memberOf } from "./list-members";
import { memberEventData } from "./member-event";
import type { Member } from "./schemas";

/**
 * Why the actor may not move a member from `from` to `to`, or null. Admins set member or admin;
 * only owners grant or take away owner. (The last-owner rule needs the database: see below.)
 */
export function roleChangeRefusal(actorRole: Role, from: Role, to: Role): string | null {
  if (actorRole === "member") return "Members cannot change roles";
  if ((from === "owner" || to === "owner") && actorRole !== "owner") {
    return "Only an owner can grant or take away the owner role";
  }
  return null;
}

/**
 * Changes a member's role. Takes effect on the member's next request: the wrapper reads
 * membership every time and caps key scopes by the current role. The membership row is locked
 * and the owners counted in the same transaction, so two owners demoting each other at once
 * cannot leave the organization without one.
 */
export async function changeRole(
  ctx: AuthContext,
  { userId, role }: { userId: string; role: Role },
): Promise<Member> {
  requireScope(ctx, "write:users");
  assertMember(ctx, "change roles");
  const organizationId = ctx.organization.id;
  const changed = await ctx.db.transaction(async (tx) => {
    // Every owner row of the organization is locked: concurrent demotions serialize here.
    const owners = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")))
      .for("update");
    const [membership] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
      .for("update");
    if (!membership)
      throw new ApiError("NOT_FOUND", "This user is not a member of the organization");
    const refusal = roleChangeRefusal(ctx.role, membership.role, role);
    if (refusal) throw new ApiError("FORBIDDEN", refusal);
    if (membership.role === role) return false;
    if (membership.role === "owner" && owners.length <= 1) {
      throw new ApiError(
        "CONFLICT",
        "An organization needs at least one owner: make someone else owner first",
      );
    }
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    // Links they sent that their new role could not make are revoked with the change.
    await revokeInvitationsBeyond(tx, actorOf(ctx), { organizationId, senderId: userId, role });
    await recordAudit(tx, actorOf(ctx), {
      action: "membership.role_changed",
      organizationId,
      targetType: "user",
      targetId: userId,
      metadata: { from: membership.role, to: role },
    });
    await publishEvent(
      tx,
      organizationId,
      "member.role_changed",
      await memberEventData(tx, userId, {
        old_role: membership.role,
        new_role: role,
        role,
        actor: ctx.user.id,
      }),
    );
    // The member's keys and tokens here act with the new role from their next request on.
    await publishAuthChange(tx, { userId, organizationId });
    return true;
  });
  if (changed) kickWebhookOutbox();
  const member = await memberOf(ctx.db, organizationId, userId);
  if (!member) throw new ApiError("NOT_FOUND", "This user is not a member of the organization");
  return member;
}

export async function countOwners(organizationId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}
