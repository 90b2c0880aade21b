import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { oauthApps, oauthGrants, oauthStore } from "@/db/schema";
import { now } from "@/lib/clock";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { publishEvent } from "@/server/webhooks/publish-event";

export interface ForgetOptions {
  /** Who revoked: a user id, or null when the system did (an app's own revocation, a reuse). */
  actor?: string | null;
  /** Why, for the `oauth_grant.revoked` event: `user`, `member_removed`, `app_deleted`… */
  reason?: string;
}

/**
 * Ends grants inside the caller's transaction: marks them revoked, deletes every code and token
 * the authorization server keeps under them, and announces it, so that every instance refuses
 * their tokens once this commits. Returns the ids it revoked (already revoked ones are skipped).
 * Every way a grant ends comes through here, so the `oauth_grant.revoked` event is published
 * here, once per grant; callers kick the webhook outbox after their commit.
 */
export async function forgetGrants(
  tx: Tx,
  grantIds: readonly string[],
  options: ForgetOptions = {},
): Promise<string[]> {
  if (grantIds.length === 0) return [];
  const revoked = await tx
    .update(oauthGrants)
    .set({ revokedAt: now() })
    .where(and(inArray(oauthGrants.id, [...grantIds]), isNull(oauthGrants.revokedAt)))
    .returning({
      id: oauthGrants.id,
      appId: oauthGrants.appId,
      userId: oauthGrants.userId,
      organizationId: oauthGrants.organizationId,
      scopes: oauthGrants.scopes,
      revokedAt: oauthGrants.revokedAt,
    });
  await tx.delete(oauthStore).where(inArray(oauthStore.grantId, [...grantIds]));
  const ids = revoked.map((r) => r.id);
  if (ids.length === 0) return ids;
  await publishAuthChange(tx, { credentialIds: ids });
  const apps = await tx
    .select({ id: oauthApps.id, name: oauthApps.name })
    .from(oauthApps)
    .where(inArray(oauthApps.id, [...new Set(revoked.map((r) => r.appId))]));
  const appName = new Map(apps.map((a) => [a.id, a.name]));
  for (const grant of revoked) {
    await publishEvent(tx, grant.organizationId, "oauth_grant.revoked", {
      id: grant.id,
      app_id: grant.appId,
      app_name: appName.get(grant.appId) ?? null,
      user_id: grant.userId,
      scopes: grant.scopes,
      revoked_at: grant.revokedAt?.toISOString() ?? null,
      reason: options.reason ?? null,
      actor: options.actor ?? null,
    });
  }
  return ids;
}

/**
 * Ends every grant a user made, in one organization or everywhere: their removal from it, or
 * the account's end. Apps they authorized stop acting for them, and adding them back does not
 * revive a grant (the user authorizes again).
 */
export async function forgetGrantsOf(
  tx: Tx,
  owner: { userId: string; organizationId?: string },
  options: ForgetOptions = {},
): Promise<string[]> {
  const grants = await tx
    .select({ id: oauthGrants.id })
    .from(oauthGrants)
    .where(
      and(
        eq(oauthGrants.userId, owner.userId),
        owner.organizationId ? eq(oauthGrants.organizationId, owner.organizationId) : undefined,
        isNull(oauthGrants.revokedAt),
      ),
    );
  return forgetGrants(
    tx,
    grants.map((g) => g.id),
    options,
  );
}
