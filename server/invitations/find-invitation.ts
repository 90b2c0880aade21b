import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { invitations } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { AuthContext } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";

/**
 * An invitation of the caller's organization, locked for the transaction. Another
 * organization's invitation exists, but not for the caller: 403, and nothing of it; no such
 * invitation at all: 404.
 */
export async function findInvitationForUpdate(tx: Tx, ctx: AuthContext, id: string) {
  if (!isId("inv", id)) throw new ApiError("NOT_FOUND", "No invitation with this id");
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.organizationId, ctx.organization.id)))
    .for("update");
  if (row) return row;
  const [elsewhere] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(eq(invitations.id, id));
  if (elsewhere) throw organizationNotAllowed();
  throw new ApiError("NOT_FOUND", "No invitation with this id");
}
