import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { findWebhook } from "./public-webhook";

/**
 * Deletes an endpoint with its delivery log (cascade): nothing more is sent to it, not even a
 * delivery claimed a moment ago whose attempt is under way (its result finds no row to update).
 */
export async function deleteWebhook(ctx: AuthContext, id: string): Promise<{ id: string }> {
  requireScope(ctx, "write:webhooks");
  return ctx.db.transaction(async (tx) => {
    const hook = await findWebhook(tx, ctx, id, { lock: true });
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, hook.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "webhook.deleted",
      organizationId: ctx.organization.id,
      targetType: "webhook",
      targetId: hook.id,
      metadata: { url: hook.url },
    });
    return { id: hook.id };
  });
}
