import { and, count, eq, gt, isNull, or } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { apiKeys } from "@/db/schema";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { requiredPlan } from "@/lib/plans";
import type { AuthContext } from "@/server/auth/auth-context";
import { notInPlan } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import { assertFeature, type Governance } from "@/server/organizations/governance";

// What an organization's plan and credential policies ask of a key being created, changed or
// rotated. Read under the organization's row lock (lockGovernance), so that a plan or policy
// change and a key write are ordered.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The settings of a key that plans gate: an allowlist and an own rate limit. */
export interface GatedKeySettings {
  allowedIps?: readonly string[];
  rateLimitPerMinute?: number | null;
}

/**
 * Refuses (403 `plan`) an allowlist or an own limit on a plan without them. Only what is being
 * set counts: after a downgrade the ones already set stay enforced, and read-only.
 */
export function assertKeySettingsInPlan(governance: Governance, settings: GatedKeySettings): void {
  if (settings.allowedIps !== undefined) assertFeature(governance, "ip_allowlists");
  if (settings.rateLimitPerMinute !== undefined) assertFeature(governance, "per_key_rate_limits");
}

/** Policy `key_creators: "admins"`: members may not create keys (rotating their own still works). */
export function assertMayCreateKeys(ctx: Pick<AuthContext, "role">, governance: Governance): void {
  if (governance.policies.key_creators === "admins" && ctx.role === "member") {
    throw new ApiError(
      "FORBIDDEN",
      "In this organization only owners and admins create API keys: ask one of them for a key",
      { policy: "key_creators" },
    );
  }
}

/** A 400 on `expires_at` that names the policy. */
function expiryRefused(message: string): ApiError {
  return new ApiError("VALIDATION_ERROR", `Invalid expires_at: ${message}`, [
    { field: "expires_at", message },
  ]);
}

/** The latest expiry the organization's maximum lifetime allows from now; null: no maximum. */
export function latestAllowedExpiry(governance: Governance): Date | null {
  const days = governance.policies.max_key_lifetime_days;
  return days === null ? null : new Date(now().getTime() + days * DAY_MS);
}

/** Policy `max_key_lifetime_days`: a new key expires, and within the maximum. */
export function assertExpiryAllowed(governance: Governance, expiresAt: Date | null): void {
  const latest = latestAllowedExpiry(governance);
  if (!latest) return;
  const days = governance.policies.max_key_lifetime_days;
  if (!expiresAt) {
    throw expiryRefused(
      `this organization requires keys to expire within ${days} days: set expires_at`,
    );
  }
  if (expiresAt > latest) {
    throw expiryRefused(
      `this organization requires keys to expire within ${days} days (by ${latest.toISOString()})`,
    );
  }
}

/** Policy `require_allowlist_for_live_keys`: a live key names where it may be used from. */
export function assertLiveAllowlist(governance: Governance, allowedIps: readonly string[]): void {
  if (!governance.policies.require_allowlist_for_live_keys) return;
  if (env().VOLTASIS_ENV !== "live" || allowedIps.length > 0) return;
  const message =
    "this organization requires an IP allowlist on live keys: list the addresses the key is used from";
  throw new ApiError("VALIDATION_ERROR", `Invalid allowed_ips: ${message}`, [
    { field: "allowed_ips", message },
  ]);
}

/** Policy `require_key_approval`: a member's new key waits for an owner or admin. */
export function initialApproval(
  ctx: Pick<AuthContext, "role">,
  governance: Governance,
): "pending" | null {
  return governance.policies.require_key_approval && ctx.role === "member" ? "pending" : null;
}

/** The organization's keys in service: what its plan's `active_keys` caps. */
export async function countKeysInService(db: Tx | Db, organizationId: string): Promise<number> {
  const at = now();
  const [row] = await db
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
  return row?.inService ?? 0;
}

/**
 * Refuses a new key when the organization already has its plan's number in service. A key in
 * service is neither revoked nor expired, and not already replaced by a rotation: an old key in
 * its grace period is on its way out, so rotating swaps one key in service for another and is
 * never refused (a leaked key can always be rotated). Keys over a lowered cap keep working.
 * The caller holds the organization's row lock (lockGovernance), so two concurrent creations
 * cannot both see room for one more.
 */
export async function assertBelowKeyCap(tx: Tx, governance: Governance): Promise<void> {
  const limit = governance.entitlements.active_keys;
  const inService = await countKeysInService(tx, governance.organizationId);
  if (inService < limit) return;
  const next = requiredPlan("active_keys", inService);
  if (next) throw notInPlan("active_keys", next, { limit });
  throw new ApiError(
    "CONFLICT",
    `This organization already has ${limit} active API keys, the most it can have. Revoke keys you no longer use, then create this one.`,
    { limit },
  );
}
