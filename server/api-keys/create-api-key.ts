import { and, count, eq, gt, isNull, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { apiKeys, organizations } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { apiKeyEventData } from "./api-key-event";
import { assertMayIssueKey, insertApiKey } from "./issue-key";
import type { CreateApiKeyInput } from "./schemas";

/**
 * At most this many keys in service per organization. A key in service is neither revoked nor
 * expired, and not already replaced by a rotation: an old key in its grace period is on its way
 * out, so rotating swaps one key in service for another and is never refused by the cap (a
 * leaked key can always be rotated). Creating is refused past the cap.
 */
export const MAX_ACTIVE_KEYS_PER_ORGANIZATION = 1000;

/**
 * Refuses a new key when the organization already has the maximum in service. The organization
 * row is locked first (FOR NO KEY UPDATE, which still lets other tables reference it), so two
 * concurrent creations cannot both see room for one more.
 */
export async function assertBelowKeyCap(tx: Tx, organizationId: string): Promise<void> {
  await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .for("no key update");
  const at = now();
  const [row] = await tx
    .select({ inService: count() })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        or(isNull(apiKeys.revokedAt), gt(apiKeys.revokedAt, at)),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, at)),
        isNull(apiKeys.replacedById),
      ),
    );
  if ((row?.inService ?? 0) >= MAX_ACTIVE_KEYS_PER_ORGANIZATION) {
    throw new ApiError(
      "CONFLICT",
      `This organization already has ${MAX_ACTIVE_KEYS_PER_ORGANIZATION} active API keys, the most it can have. Revoke keys you no longer use, then create this one.`,
      { limit: MAX_ACTIVE_KEYS_PER_ORGANIZATION },
    );
  }
}

/** Creates a key and its audit record in one transaction: all of it is written, or none. */
export async function createApiKey(ctx: AuthContext, input: CreateApiKeyInput) {
  requireScope(ctx, "write:api-keys");
  // A key authenticates as its creator inside its organization: only members make keys.
  assertMayIssueKey(ctx, input.scopes);
  const result = await ctx.db.transaction(async (tx) => {
    await assertBelowKeyCap(tx, ctx.organization.id);
    const created = await insertApiKey(tx, ctx, {
      ownerId: ctx.user.id,
      name: input.name,
      scopes: input.scopes,
      expiresAt: input.expires_at ? new Date(input.expires_at) : null,
      allowedIps: input.allowed_ips ?? [],
      rateLimitPerMinute: input.rate_limit_per_minute ?? null,
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
      },
    });
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.created",
      apiKeyEventData(created.key, ctx.user.id),
    );
    return created;
  });
  kickWebhookOutbox();
  return result;
}
