import { count, eq } from "drizzle-orm";
import { organizations, webhookEndpoints } from "@/db/schema";
import { newId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
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
    // Locked first, so that two concurrent additions cannot both see room for one more.
    await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, ctx.organization.id))
      .for("no key update");
    const [existing] = await tx
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.organizationId, ctx.organization.id));
    if ((existing?.n ?? 0) >= MAX_WEBHOOKS_PER_ORGANIZATION) {
      throw new ApiError(
        "CONFLICT",
        `This organization already has ${MAX_WEBHOOKS_PER_ORGANIZATION} webhook endpoints, the most it can have: delete one first`,
        { limit: MAX_WEBHOOKS_PER_ORGANIZATION },
      );
    }
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
