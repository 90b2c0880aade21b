import { and, eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { kickEmailOutbox } from "@/server/email/outbox";
import { mailApprovalDecision } from "@/server/notifications/mail-key-approval";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { apiKeyEventData } from "./api-key-event";
import { assertMayDecideKeys, lockPendingKey } from "./pending-key";
import { toPublicApiKey } from "./public-api-key";
import type { DenyApiKeyInput } from "./schemas";

/**
 * Denies a member's pending key: decided and revoked in one update, so no moment exists where
 * a denied key could be approved or used.
 */
export async function denyApiKey(ctx: AuthContext, id: string, input: DenyApiKeyInput = {}) {
  requireScope(ctx, "write:api-keys");
  assertMayDecideKeys(ctx);
  const reason = input.reason ?? null;
  const key = await ctx.db.transaction(async (tx) => {
    const row = await lockPendingKey(tx, ctx, id);
    const at = now();
    await tx
      .update(apiKeys)
      .set({
        approval: "denied",
        approvalDecidedBy: ctx.user.id,
        approvalDecidedAt: at,
        revokedAt: at,
      })
      .where(and(eq(apiKeys.id, row.id), eq(apiKeys.approval, "pending")));
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.denied",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: row.id,
      metadata: { name: row.name, owner: row.createdBy, reason },
    });
    await publishAuthChange(tx, { credentialIds: [row.id] });
    const denied = toPublicApiKey({
      ...row,
      approval: "denied",
      approvalDecidedAt: at,
      revokedAt: at,
    });
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.denied",
      apiKeyEventData(denied, ctx.user.id, { reason }),
    );
    await mailApprovalDecision(tx, denied, { kind: "denied", decidedBy: ctx.user.name, reason });
    return denied;
  });
  kickWebhookOutbox();
  kickEmailOutbox();
  return key;
}
