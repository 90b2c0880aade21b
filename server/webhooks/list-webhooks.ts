import { and, desc, eq, type SQL } from "drizzle-orm";
import { users, webhookEndpoints } from "@/db/schema";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import { toPublicWebhook, webhookColumns } from "./public-webhook";
import type { ListWebhooksQuery, PublicWebhook } from "./schemas";

/** One page of the organization's endpoints, newest first. */
export async function listWebhooks(
  ctx: Viewer,
  query: ListWebhooksQuery,
): Promise<Page<PublicWebhook>> {
  requireScope(ctx, "read:webhooks");
  const where: SQL[] = [eq(webhookEndpoints.organizationId, ctx.organization.id)];
  if (query.cursor) {
    where.push(afterCursor(webhookEndpoints.createdAt, webhookEndpoints.id, query.cursor));
  }
  const rows = await ctx.db
    .select({ ...webhookColumns, cursorTime: cursorTime(webhookEndpoints.createdAt) })
    .from(webhookEndpoints)
    .leftJoin(users, eq(users.id, webhookEndpoints.createdBy))
    .where(and(...where))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toPublicWebhook);
}
