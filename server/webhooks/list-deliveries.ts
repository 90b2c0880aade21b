import { and, desc, eq, gte, type SQL } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { now } from "@/lib/clock";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import { DELIVERY_RETENTION_MS } from "./outbox";
import { toPublicDelivery } from "./public-delivery";
import { findWebhook } from "./public-webhook";
import type { ListDeliveriesQuery, PublicDelivery } from "./schemas";

/** One page of an endpoint's deliveries of the last 30 days, newest first. */
export async function listDeliveries(
  ctx: Viewer,
  webhookId: string,
  query: ListDeliveriesQuery,
): Promise<Page<PublicDelivery>> {
  requireScope(ctx, "read:webhooks");
  const hook = await findWebhook(ctx.db, ctx, webhookId);
  const where: SQL[] = [
    eq(webhookDeliveries.endpointId, hook.id),
    gte(webhookDeliveries.createdAt, new Date(now().getTime() - DELIVERY_RETENTION_MS)),
  ];
  if (query.cursor) {
    where.push(afterCursor(webhookDeliveries.createdAt, webhookDeliveries.id, query.cursor));
  }
  const rows = await ctx.db
    .select({
      row: webhookDeliveries,
      id: webhookDeliveries.id,
      cursorTime: cursorTime(webhookDeliveries.createdAt),
    })
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => toPublicDelivery(r.row));
}
