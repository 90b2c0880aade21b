import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import { oauthApps, oauthGrants, organizations, users } from "@/db/schema";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import type { ListOAuthGrantsQuery, PublicOAuthGrant } from "./schemas";

/**
 * The grants that are in force, newest first: the caller's own in every organization
 * (Settings > Connected apps), or with `user=all` every grant of the current organization
 * (Settings > Third-party access, owners and admins).
 */
export async function listOAuthGrants(
  ctx: Viewer,
  query: ListOAuthGrantsQuery,
): Promise<Page<PublicOAuthGrant>> {
  const where: (SQL | undefined)[] = [isNull(oauthGrants.revokedAt)];
  if (query.user === "all") {
    requireScope(ctx, "read:oauth-apps");
    where.push(eq(oauthGrants.organizationId, ctx.organization.id));
  } else {
    where.push(eq(oauthGrants.userId, ctx.user.id));
  }
  if (query.cursor) where.push(afterCursor(oauthGrants.createdAt, oauthGrants.id, query.cursor));
  const rows = await ctx.db
    .select({
      id: oauthGrants.id,
      cursorTime: cursorTime(oauthGrants.createdAt),
      scopes: oauthGrants.scopes,
      createdAt: oauthGrants.createdAt,
      lastUsedAt: oauthGrants.lastUsedAt,
      revokedAt: oauthGrants.revokedAt,
      app: {
        id: oauthApps.id,
        name: oauthApps.name,
        homepage_url: oauthApps.homepageUrl,
        registration: oauthApps.registration,
      },
      user: { id: users.id, name: users.name, email: users.email },
      organization: { id: organizations.id, name: organizations.name },
    })
    .from(oauthGrants)
    .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
    .innerJoin(users, eq(users.id, oauthGrants.userId))
    .innerJoin(organizations, eq(organizations.id, oauthGrants.organizationId))
    .where(and(...where))
    .orderBy(desc(oauthGrants.createdAt), desc(oauthGrants.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => ({
    id: row.id,
    app: row.app,
    user: row.user,
    organization: row.organization,
    scopes: row.scopes,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  }));
}
