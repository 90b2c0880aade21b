import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { requireFeature } from "@/server/organizations/governance";
import { enqueueDelivery } from "./enqueue-delivery";
import { TEST_EVENT_TYPE } from "./events";
import { kickWebhookOutbox } from "./outbox";
import { findWebhook } from "./public-webhook";
import type { PublicDelivery } from "./schemas";

/**
 * Sends a `webhook.test` event to the endpoint now, whatever it subscribes to, signed like any
 * other. It is tried once (its outcome is in the delivery log at once); it is not retried and
 * never disables the endpoint.
 */
export async function sendTestEvent(ctx: AuthContext, id: string): Promise<PublicDelivery> {
  requireScope(ctx, "write:webhooks");
  const delivery = await ctx.db.transaction(async (tx) => {
    const hook = await findWebhook(tx, ctx, id);
    await requireFeature(tx, ctx.organization.id, "webhooks");
    const body = JSON.stringify({
      type: TEST_EVENT_TYPE,
      timestamp: now().toISOString(),
      data: {
        webhook_id: hook.id,
        organization_id: ctx.organization.id,
        message: "A test event from Voltasis: this endpoint receives and verifies deliveries.",
      },
    });
    return enqueueDelivery(tx, hook, ctx.organization.id, {
      messageId: newId("msg"),
      eventType: TEST_EVENT_TYPE,
      body,
    });
  });
  kickWebhookOutbox();
  return delivery;
}
