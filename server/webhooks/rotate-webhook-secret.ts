import { eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { requireFeature } from "@/server/organizations/governance";
import { findWebhook, toPublicWebhook } from "./public-webhook";
import { ROTATION_GRACE_DEFAULT_SECONDS, type RotateWebhookSecretInput } from "./schemas";
import { newSigningSecret, sealSigningSecret, signingSecretHash } from "./signing-secret";

/**
 * A new signing secret, returned this once. The one it replaces keeps signing beside it for the
 * grace (each delivery then carries both signatures), so receivers switch with no failed
 * delivery; a secret rotated out before that grace ended stops at once.
 */
export async function rotateWebhookSecret(
  ctx: AuthContext,
  id: string,
  input: RotateWebhookSecretInput,
) {
  requireScope(ctx, "write:webhooks");
  assertMember(ctx, "rotate webhook secrets");
  const graceSeconds = input.grace_seconds ?? ROTATION_GRACE_DEFAULT_SECONDS;
  return ctx.db.transaction(async (tx) => {
    const hook = await findWebhook(tx, ctx, id, { lock: true });
    // Kept read-only on a plan without webhooks (after a downgrade): never deleted.
    await requireFeature(tx, ctx.organization.id, "webhooks");
    const [current] = await tx
      .select({ sealed: webhookEndpoints.secretSealed })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, hook.id));
    const secret = newSigningSecret();
    const at = now();
    const previousSecretExpiresAt =
      graceSeconds > 0 ? new Date(at.getTime() + graceSeconds * 1000) : null;
    await tx
      .update(webhookEndpoints)
      .set({
        secretSealed: sealSigningSecret(secret, hook.id),
        secretHash: signingSecretHash(secret),
        previousSecretSealed: previousSecretExpiresAt ? (current?.sealed ?? null) : null,
        previousSecretExpiresAt,
        updatedAt: at,
      })
      .where(eq(webhookEndpoints.id, hook.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "webhook.secret_rotated",
      organizationId: ctx.organization.id,
      targetType: "webhook",
      targetId: hook.id,
      metadata: { url: hook.url, grace_seconds: graceSeconds },
    });
    return {
      ...toPublicWebhook({ ...hook, previousSecretExpiresAt, updatedAt: at }),
      secret,
    };
  });
}
