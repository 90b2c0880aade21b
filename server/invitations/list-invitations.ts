import { and, desc, eq, getTableColumns, gt, isNull } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { now } from "@/lib/clock";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type PageQuery, toPage } from "@/server/core/pagination";
import { toPublicInvitation } from "./public-invitation";

/**
 * Pending invitations of the current organization, newest first, for GET /invitations and the
 * Members page. Never a token or a link.
 */
export async function listInvitations(viewer: Viewer, query: PageQuery) {
  requireScope(viewer, "read:users");
  const rows = await viewer.db
    .select({ ...getTableColumns(invitations), cursorTime: cursorTime(invitations.createdAt) })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, viewer.organization.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
        query.cursor ? afterCursor(invitations.createdAt, invitations.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toPublicInvitation);
}
