import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { kickEmailOutbox } from "@/server/email/outbox";
import { mailApprovalRequested } from "@/server/notifications/mail-key-approval";
import { lockGovernance } from "@/server/organizations/governance";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { apiKeyEventData } from "./api-key-event";
import { assertMayIssueKey, insertApiKey } from "./issue-key";
import {
  assertBelowKeyCap,
  assertExpiryAllowed,
  assertKeySettingsInPlan,
  assertLiveAllowlist,
  assertMayCreateKeys,
  initialApproval,
} from "./key-governance";
import type { CreateApiKeyInput } from "./schemas";

/**
 * Creates a key and its audit record in one transaction: all of it is written, or none. The
 * organization's plan and policies decide what the key may carry, and whether it waits for an
 * admin's approval before it works (`approval: "pending"`).
 */
export async function createApiKey(ctx: AuthContext, input: CreateApiKeyInput) {
  requireScope(ctx, "write:api-keys");
  // A key authenticates as its creator inside its organization: only members make keys.
  assertMayIssueKey(ctx, input.scopes);
  const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
  const allowedIps = input.allowed_ips ?? [];
  const rateLimitPerMinute = input.rate_limit_per_minute ?? null;
  const result = await ctx.db.transaction(async (tx) => {
    const governance = await lockGovernance(tx, ctx.organization.id);
    assertMayCreateKeys(ctx, governance);
    assertKeySettingsInPlan(governance, {
      allowedIps: allowedIps.length > 0 ? allowedIps : undefined,
      rateLimitPerMinute: rateLimitPerMinute ?? undefined,
    });
    assertExpiryAllowed(governance, expiresAt);
    assertLiveAllowlist(governance, allowedIps);
    await assertBelowKeyCap(tx, governance);
    const created = await insertApiKey(tx, ctx, {
      ownerId: ctx.user.id,
      name: input.name,
      scopes: input.scopes,
      expiresAt,
      allowedIps,
      rateLimitPerMinute,
      approval: initialApproval(ctx, governance),
    });
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.created",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: created.key.id,
      metadata: {
        name: input.name,
        scopes: input.scopes,
        expires_at: input.expires_at ?? null,
        allowed_ips: created.key.allowed_ips,
        rate_limit_per_minute: created.key.rate_limit_per_minute,
        ...(created.key.approval === "pending" ? { approval: "pending" } : {}),
      },
    });
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.created",
      apiKeyEventData(created.key, ctx.user.id),
    );
    // Nobody would know to decide it otherwise.
    if (created.key.approval === "pending") await mailApprovalRequested(tx, created.key, ctx.user);
    return created;
  });
  kickWebhookOutbox();
  if (result.key.approval === "pending") kickEmailOutbox();
  return result;
}
