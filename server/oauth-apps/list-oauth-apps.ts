import { and, desc, eq, type SQL } from "drizzle-orm";
import { oauthApps, users } from "@/db/schema";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import { oauthAppColumns, toPublicOAuthApps } from "./public-oauth-app";
import type { ListOAuthAppsQuery, PublicOAuthApp } from "./schemas";

/** One page of the apps the organization registered, newest first. */
export async function listOAuthApps(
  ctx: Viewer,
  query: ListOAuthAppsQuery,
): Promise<Page<PublicOAuthApp>> {
  requireScope(ctx, "read:oauth-apps");
  const where: SQL[] = [eq(oauthApps.organizationId, ctx.organization.id)];
  if (query.cursor) where.push(afterCursor(oauthApps.createdAt, oauthApps.id, query.cursor));
  const rows = await ctx.db
    .select({ ...oauthAppColumns, cursorTime: cursorTime(oauthApps.createdAt) })
    .from(oauthApps)
    .leftJoin(users, eq(users.id, oauthApps.createdBy))
    .where(and(...where))
    .orderBy(desc(oauthApps.createdAt), desc(oauthApps.id))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (row) => row);
  return { data: await toPublicOAuthApps(ctx.db, page.data), next_cursor: page.next_cursor };
}
