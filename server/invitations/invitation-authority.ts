import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, users } from "@/db/schema";
import type { Role } from "@/lib/roles";
import type { InvitationRow } from "./public-invitation";

/** Owners invite anyone; admins invite admins and members; members hold no write:users. */
export function mayGrant(actorRole: Role, role: Role): boolean {
  if (actorRole === "owner") return true;
  if (actorRole === "admin") return role !== "owner";
  return false;
}

/** True while the invitation's sender is an enabled member who may grant its role today. */
export async function senderMayStillGrant(
  tx: Tx,
  row: Pick<InvitationRow, "invitedBy" | "organizationId" | "role">,
): Promise<boolean> {
  const [sender] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, row.invitedBy),
        eq(memberships.organizationId, row.organizationId),
        isNull(users.disabledAt),
      ),
    )
    .for("share", { of: memberships });
  return sender !== undefined && mayGrant(sender.role, row.role);
}
