import type { Tx } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { ApiError } from "@/server/core/api-error";
import { noteWebhookPublished } from "./outbox";
import { toPublicDelivery } from "./public-delivery";
import type { WebhookRow } from "./public-webhook";

/**
 * One delivery to one endpoint, due now: a test message, or a resend (which keeps the event's
 * message id and body, so the receiver deduplicates it). A disabled endpoint is sent nothing.
 */
export async function enqueueDelivery(
  tx: Tx,
  hook: WebhookRow,
  organizationId: string,
  message: { messageId: string; eventType: string; body: string },
) {
  if (hook.disabledAt) {
    throw new ApiError(
      "CONFLICT",
      "This endpoint is disabled: enable it (PATCH enabled: true) before sending to it",
    );
  }
  const at = now();
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({
      id: newId("whd"),
      endpointId: hook.id,
      organizationId,
      ...message,
      nextAttemptAt: at,
      createdAt: at,
    })
    .returning();
  if (!row) throw new Error("delivery insert returned nothing");
  noteWebhookPublished();
  return toPublicDelivery(row);
}
