import { and, eq, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import { apiKeys, memberships } from "@/db/schema";
import { now } from "@/lib/clock";
import { seesAllKeys } from "@/server/api-keys/find-api-key";
import type { Viewer } from "@/server/auth/auth-context";

/**
 * Counts for the dashboard's overview cards, of what the viewer can see: a member's key count
 * is their own keys, as on their keys page (`ownKeysOnly` says so, for the card's label). A key
 * in service is one the API lists as active or expiring soon: not revoked (a rotation's grace
 * period still counts) and not expired.
 */
export async function organizationOverview(viewer: Viewer) {
  const { db } = viewer;
  const organizationId = viewer.organization.id;
  const at = now();
  const count = sql<number>`count(*)::int`;
  const ownKeysOnly = !seesAllKeys(viewer);
  const keyConditions: (SQL | undefined)[] = [
    eq(apiKeys.organizationId, organizationId),
    or(isNull(apiKeys.revokedAt), gt(apiKeys.revokedAt, at)),
    or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, at)),
  ];
  if (ownKeysOnly) keyConditions.push(eq(apiKeys.createdBy, viewer.user.id));
  const [[keys], [members]] = await Promise.all([
    db
      .select({ n: count })
      .from(apiKeys)
      .where(and(...keyConditions)),
    db.select({ n: count }).from(memberships).where(eq(memberships.organizationId, organizationId)),
  ]);
  return { activeKeys: keys?.n ?? 0, members: members?.n ?? 0, ownKeysOnly };
}
