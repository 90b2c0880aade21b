import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { apiKeys, memberships, users } from "@/db/schema";
import { now } from "@/lib/clock";
import type { Scope } from "@/lib/scopes";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { lockGovernance } from "@/server/organizations/governance";
import { scopesFor } from "@/server/scopes/catalogue";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { apiKeyEventData } from "./api-key-event";
import { findAccessibleKey } from "./find-api-key";
import { assertMayIssueKey, insertApiKey } from "./issue-key";
import { assertExpiryAllowed, latestAllowedExpiry } from "./key-governance";
import { keyStatus, toPublicApiKey } from "./public-api-key";
import type { RotateApiKeyInput } from "./schemas";

/**
 * Issues a new secret with the same name, owner, scopes, IP allowlist and rate limit, and
 * retires the old key: at once when grace_seconds is 0, otherwise by moving its expiry to
 * now + grace. The new key expires when `expires_at` says, else after the old key's lifetime
 * counted from now (newExpiry). The keys link both ways.
 * Whoever rotates is the audit actor; the key still authenticates as its owner, never as them.
 */
export async function rotateApiKey(ctx: AuthContext, id: string, input: RotateApiKeyInput) {
  requireScope(ctx, "write:api-keys");
  const result = await ctx.db.transaction(async (tx) => {
    const old = await findAccessibleKey(tx, ctx, id, { lock: true });
    const status = keyStatus(old);
    if (status === "revoked" || status === "expired") {
      throw new ApiError("CONFLICT", `This key is ${status} and cannot be rotated`);
    }
    if (old.replacedById) throw new ApiError("CONFLICT", "This key has already been rotated");
    if (old.approval === "pending") {
      throw new ApiError(
        "CONFLICT",
        "This key is awaiting an admin's approval and cannot be rotated: revoke it, or wait for the decision",
      );
    }
    // The caller receives the new secret: it must hold every scope that secret carries.
    assertMayIssueKey(ctx, old.scopes);
    const scopes = await ownerScopes(tx, old.createdBy, ctx.organization.id, old.scopes);
    const governance = await lockGovernance(tx, ctx.organization.id);
    const newExpiresAt = newExpiry(old, input.expires_at, latestAllowedExpiry(governance));
    assertExpiryAllowed(governance, newExpiresAt);

    const created = await insertApiKey(tx, ctx, {
      ownerId: old.createdBy,
      name: old.name,
      scopes,
      expiresAt: newExpiresAt,
      // The new secret keeps the old key's policies: a rotation never loosens where or how
      // often the key may be used.
      allowedIps: old.allowedIps,
      rateLimitPerMinute: old.rateLimitPerMinute,
      rotatedFromId: old.id,
    });
    const at = now();
    const retireAt = new Date(at.getTime() + input.grace_seconds * 1000);
    const expiresAt = old.expiresAt && old.expiresAt < retireAt ? old.expiresAt : retireAt;
    const retired =
      input.grace_seconds === 0
        ? { revokedAt: at, replacedById: created.key.id }
        : { expiresAt, replacedById: created.key.id };
    await tx.update(apiKeys).set(retired).where(eq(apiKeys.id, old.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.rotated",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: old.id,
      metadata: { new_key_id: created.key.id, grace_seconds: input.grace_seconds },
    });
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.created",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: created.key.id,
      metadata: { name: old.name, scopes, rotated_from: old.id },
    });
    await publishAuthChange(tx, { credentialIds: [old.id] });
    const previous = toPublicApiKey({ ...old, ...retired });
    // The new key is a key like any other (api_key.created, as in the audit log); `rotated`
    // links the two for receivers that follow a key across its secrets.
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.created",
      apiKeyEventData(created.key, ctx.user.id),
    );
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.rotated",
      apiKeyEventData(created.key, ctx.user.id, {
        old_key_id: old.id,
        new_key_id: created.key.id,
        grace_seconds: input.grace_seconds,
        previous: apiKeyEventData(previous, ctx.user.id),
      }),
    );
    return { ...created, previous };
  });
  kickWebhookOutbox();
  return result;
}

/**
 * The old key's scopes that its owner still holds: a rotation never widens a key, and a key
 * whose owner was demoted comes back capped by the owner's current role.
 */
async function ownerScopes(
  tx: Tx,
  ownerId: string,
  organizationId: string,
  keyScopes: readonly Scope[],
): Promise<Scope[]> {
  const [owner] = await tx
    .select({ role: memberships.role, isPlatformAdmin: users.isPlatformAdmin })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, ownerId), eq(memberships.organizationId, organizationId)));
  if (!owner) {
    throw new ApiError(
      "CONFLICT",
      "This key's owner is no longer a member of the organization: revoke it instead",
    );
  }
  const held = scopesFor(owner.role, owner.isPlatformAdmin);
  const scopes = keyScopes.filter((s) => held.includes(s));
  if (scopes.length === 0) {
    throw new ApiError(
      "CONFLICT",
      "This key's owner no longer holds any of its scopes: revoke it instead",
    );
  }
  return scopes;
}

/**
 * The new key's expiry: the one asked for (null: never), else the old key's lifetime (from its
 * creation to its expiry) counted from now, so rotating an expiring key renews it. A key that
 * never expired yields one that never expires. Unasked, a maximum lifetime (`latest`) caps it:
 * a leaked key can always be rotated without choosing a date.
 */
function newExpiry(
  old: { createdAt: Date; expiresAt: Date | null },
  asked: string | null | undefined,
  latest: Date | null,
): Date | null {
  if (asked !== undefined) return asked === null ? null : new Date(asked);
  const renewed = old.expiresAt
    ? new Date(now().getTime() + (old.expiresAt.getTime() - old.createdAt.getTime()))
    : null;
  if (latest && (!renewed || renewed > latest)) return latest;
  return renewed;
}
