import { and, eq } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { requireFeature } from "@/server/organizations/governance";
import { enqueueDelivery } from "./enqueue-delivery";
import { kickWebhookOutbox } from "./outbox";
import { findWebhook } from "./public-webhook";
import type { PublicDelivery } from "./schemas";

/**
 * Sends a past delivery again, now, as a new delivery in the log with the same `webhook-id` and
 * body: a receiver that already processed it recognises it. The original entry stays as it was.
 */
export async function resendDelivery(
  ctx: AuthContext,
  webhookId: string,
  deliveryId: string,
): Promise<PublicDelivery> {
  requireScope(ctx, "write:webhooks");
  const delivery = await ctx.db.transaction(async (tx) => {
    const hook = await findWebhook(tx, ctx, webhookId);
    await requireFeature(tx, ctx.organization.id, "webhooks");
    const [original] = isId("whd", deliveryId)
      ? await tx
          .select()
          .from(webhookDeliveries)
          .where(
            and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, hook.id)),
          )
      : [];
    if (!original) throw new ApiError("NOT_FOUND", "No delivery with this id for this endpoint");
    return enqueueDelivery(tx, hook, ctx.organization.id, {
      messageId: original.messageId,
      eventType: original.eventType,
      body: original.body,
    });
  });
  kickWebhookOutbox();
  return delivery;
}
