import { eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { SCOPES, type Scope } from "@/lib/scopes";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { lockGovernance } from "@/server/organizations/governance";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { apiKeyEventData } from "./api-key-event";
import { findAccessibleKey } from "./find-api-key";
import {
  assertExpiryAllowed,
  assertKeySettingsInPlan,
  assertLiveAllowlist,
} from "./key-governance";
import { type ApiKeyRow, toPublicApiKey } from "./public-api-key";
import type { UpdateApiKeyInput } from "./schemas";

type Change = { from: unknown; to: unknown };

const sameItems = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/**
 * Scopes a key may be given in place: a subset of the ones it has. Widening a key would hand new
 * powers to a secret already out in the world, so it needs a new key (400 naming the scopes).
 */
function shrunkScopes(current: readonly string[], wanted: readonly Scope[]): Scope[] {
  const widening = wanted.filter((s) => !current.includes(s));
  if (widening.length > 0) {
    throw new ApiError(
      "VALIDATION_ERROR",
      `Invalid scopes: ${widening.join(", ")} would widen this key; scopes can only be removed, create a new key for more`,
      [
        {
          field: "scopes",
          message: `${widening.join(", ")} would widen this key; scopes can only be removed`,
        },
      ],
    );
  }
  return SCOPES.filter((s) => wanted.includes(s));
}

/**
 * A key's expiry may be brought forward in place (to meet a maximum lifetime, or to retire a key
 * on a date), never pushed back: a later end would extend a secret already out in the world.
 */
function shortenedExpiry(current: Date | null, wanted: string): Date {
  const expiresAt = new Date(wanted);
  if (current && expiresAt > current) {
    const message = `the key already expires at ${current.toISOString()}; an expiry can only be brought forward, rotate the key for a later one`;
    throw new ApiError("VALIDATION_ERROR", `Invalid expires_at: ${message}`, [
      { field: "expires_at", message },
    ]);
  }
  return expiresAt;
}

/**
 * PATCH /api-keys/{id}: rename, allowlist, own rate limit, scopes (shrink only) and expiry
 * (earlier only). Written with
 * one audit entry naming each changed field's before and after; a change of what the key may do
 * or from where is announced on the auth bus, so every instance's next request sees it.
 */
export async function updateApiKey(ctx: AuthContext, id: string, input: UpdateApiKeyInput) {
  requireScope(ctx, "write:api-keys");
  const { key, changed } = await ctx.db.transaction(async (tx) => {
    const row = await findAccessibleKey(tx, ctx, id, { lock: true });
    const next: Partial<
      Pick<ApiKeyRow, "name" | "allowedIps" | "rateLimitPerMinute" | "scopes" | "expiresAt">
    > = {};
    const changes: Record<string, Change> = {};

    if (input.name !== undefined && input.name !== row.name) {
      next.name = input.name;
      changes.name = { from: row.name, to: input.name };
    }
    if (input.allowed_ips !== undefined && !sameItems(input.allowed_ips, row.allowedIps)) {
      next.allowedIps = input.allowed_ips;
      changes.allowed_ips = { from: row.allowedIps, to: input.allowed_ips };
    }
    if (
      input.rate_limit_per_minute !== undefined &&
      input.rate_limit_per_minute !== row.rateLimitPerMinute
    ) {
      next.rateLimitPerMinute = input.rate_limit_per_minute;
      changes.rate_limit_per_minute = {
        from: row.rateLimitPerMinute,
        to: input.rate_limit_per_minute,
      };
    }
    if (input.scopes !== undefined) {
      const scopes = shrunkScopes(row.scopes, input.scopes);
      if (!sameItems(scopes, row.scopes)) {
        next.scopes = scopes;
        changes.scopes = { from: row.scopes, to: scopes };
      }
    }
    if (input.expires_at !== undefined) {
      const expiresAt = shortenedExpiry(row.expiresAt, input.expires_at);
      if (expiresAt.getTime() !== row.expiresAt?.getTime()) {
        next.expiresAt = expiresAt;
        changes.expires_at = {
          from: row.expiresAt?.toISOString() ?? null,
          to: expiresAt.toISOString(),
        };
      }
    }
    if (Object.keys(changes).length === 0) return { key: toPublicApiKey(row), changed: false };
    // A plan without allowlists or own limits leaves the ones set before a downgrade enforced,
    // and read-only; the organization's policies hold for what changes.
    const governance = await lockGovernance(tx, ctx.organization.id);
    assertKeySettingsInPlan(governance, {
      allowedIps: next.allowedIps,
      rateLimitPerMinute: next.rateLimitPerMinute,
    });
    if (next.allowedIps) assertLiveAllowlist(governance, next.allowedIps);
    if (next.expiresAt) assertExpiryAllowed(governance, next.expiresAt);

    await tx.update(apiKeys).set(next).where(eq(apiKeys.id, row.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.updated",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: row.id,
      metadata: { changes },
    });
    if (next.allowedIps || next.rateLimitPerMinute !== undefined || next.scopes || next.expiresAt) {
      await publishAuthChange(tx, { credentialIds: [row.id] });
    }
    const updated = toPublicApiKey({ ...row, ...next });
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.updated",
      apiKeyEventData(updated, ctx.user.id, { changes }),
    );
    return { key: updated, changed: true };
  });
  if (changed) kickWebhookOutbox();
  return key;
}
