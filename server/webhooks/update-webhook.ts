import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { requireFeature } from "@/server/organizations/governance";
import { runWebhookPass } from "./outbox";
import { findWebhook, toPublicWebhook } from "./public-webhook";
import type { PublicWebhook, UpdateWebhookInput } from "./schemas";

/**
 * Changes an endpoint's URL, events or description, or turns it off and on; audited with the
 * before and after of each field that changed. Enabling it again sends the deliveries that
 * waited while it was off.
 */
export async function updateWebhook(
  ctx: AuthContext,
  id: string,
  input: UpdateWebhookInput,
): Promise<PublicWebhook> {
  requireScope(ctx, "write:webhooks");
  assertMember(ctx, "change webhook endpoints");
  const updated = await ctx.db.transaction(async (tx) => {
    const hook = await findWebhook(tx, ctx, id, { lock: true });
    // Kept read-only on a plan without webhooks (after a downgrade): never deleted.
    await requireFeature(tx, ctx.organization.id, "webhooks");
    const enabled = input.enabled ?? hook.disabledAt === null;
    const next = {
      url: input.url ?? hook.url,
      events: input.events ?? hook.events,
      description: input.description === undefined ? hook.description : input.description || null,
      disabledAt: enabled ? null : (hook.disabledAt ?? now()),
      disabledReason: enabled ? null : (hook.disabledReason ?? ("manual" as const)),
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (next.url !== hook.url) changes.url = { from: hook.url, to: next.url };
    if (next.events.join() !== hook.events.join()) {
      changes.events = { from: hook.events, to: next.events };
    }
    if (next.description !== hook.description) {
      changes.description = { from: hook.description, to: next.description };
    }
    if (enabled !== (hook.disabledAt === null)) {
      changes.enabled = { from: hook.disabledAt === null, to: enabled };
    }
    if (Object.keys(changes).length === 0) return toPublicWebhook(hook);
    const updatedAt = now();
    await tx
      .update(webhookEndpoints)
      .set({ ...next, updatedAt })
      .where(eq(webhookEndpoints.id, hook.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "webhook.updated",
      organizationId: ctx.organization.id,
      targetType: "webhook",
      targetId: hook.id,
      metadata: { url: next.url, changes },
    });
    return toPublicWebhook({ ...hook, ...next, updatedAt });
  });
  // Enabled again: what waited while it was off goes out now.
  if (updated.enabled) runWebhookPass();
  return updated;
}
