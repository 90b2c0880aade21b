import { webhookEndpoints } from "@/db/schema";
import { newId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { assertRoomFor } from "@/server/organizations/assert-room";
import { requireFeature } from "@/server/organizations/governance";
import { findWebhook, toPublicWebhook } from "./public-webhook";
import type { CreateWebhookInput } from "./schemas";
import { newSigningSecret, sealSigningSecret, signingSecretHash } from "./signing-secret";

export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;

/**
 * Adds an endpoint with a new signing secret, returned this once (stored sealed, and as a hash
 * for leak reports). Audited in the same transaction.
 */
export async function createWebhook(ctx: AuthContext, input: CreateWebhookInput) {
  requireScope(ctx, "write:webhooks");
  assertMember(ctx, "add webhook endpoints");
  return ctx.db.transaction(async (tx) => {
    await requireFeature(tx, ctx.organization.id, "webhooks");
    await assertRoomFor(
      tx,
      ctx.organization.id,
      webhookEndpoints,
      MAX_WEBHOOKS_PER_ORGANIZATION,
      "webhook endpoints",
    );
    const id = newId("we");
    const secret = newSigningSecret();
    await tx.insert(webhookEndpoints).values({
      id,
      organizationId: ctx.organization.id,
      createdBy: ctx.user.id,
      url: input.url,
      description: input.description || null,
      events: input.events,
      secretSealed: sealSigningSecret(secret, id),
      secretHash: signingSecretHash(secret),
    });
    await recordAudit(tx, actorOf(ctx), {
      action: "webhook.created",
      organizationId: ctx.organization.id,
      targetType: "webhook",
      targetId: id,
      metadata: { url: input.url, events: input.events },
    });
    return { ...toPublicWebhook(await findWebhook(tx, ctx, id)), secret };
  });
}
