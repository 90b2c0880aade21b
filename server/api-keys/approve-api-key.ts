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

/** Approves a member's pending key: it works from its next request, on every instance. */
export async function approveApiKey(ctx: AuthContext, id: string) {
  requireScope(ctx, "write:api-keys");
  assertMayDecideKeys(ctx);
  const key = await ctx.db.transaction(async (tx) => {
    const row = await lockPendingKey(tx, ctx, id);
    const decidedAt = now();
    await tx
      .update(apiKeys)
      .set({ approval: "approved", approvalDecidedBy: ctx.user.id, approvalDecidedAt: decidedAt })
      .where(and(eq(apiKeys.id, row.id), eq(apiKeys.approval, "pending")));
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.approved",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: row.id,
      metadata: { name: row.name, owner: row.createdBy },
    });
    // An instance that refused the key as pending reads its row again.
    await publishAuthChange(tx, { credentialIds: [row.id] });
    const approved = toPublicApiKey({
      ...row,
      approval: "approved",
      approvalDecidedAt: decidedAt,
    });
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.approved",
      apiKeyEventData(approved, ctx.user.id),
    );
    await mailApprovalDecision(tx, approved, {
      kind: "approved",
      decidedBy: ctx.user.name,
      reason: null,
    });
    return approved;
  });
  kickWebhookOutbox();
  kickEmailOutbox();
  return key;
}
