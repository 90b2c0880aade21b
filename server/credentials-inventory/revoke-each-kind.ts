import { and, asc, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { apiKeys, browserSessions, oauthGrants, tokenFamilies } from "@/db/schema";
import { now } from "@/lib/clock";
import { revokeApiKey } from "@/server/api-keys/revoke-api-key";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { forgetGrants } from "@/server/oauth-grants/forget-grants";
import { revokeSession } from "@/server/sessions/revoke-session";
import { revokeLockedFamily } from "@/server/tokens/revoke-locked-family";
import type { CredentialRow } from "./credential-rows";
import { SESSION_ITEM_PREFIX } from "./schemas";

// Each kind is revoked by the verb or helper that revokes it one at a time, so the audit
// entries, auth-bus notices and webhook events are those of a single revocation. Before that,
// the rows are locked in id order and re-read: of two bulk revocations racing, the second waits
// for the first, then finds those rows revoked and neither counts nor revokes them again.

/** `ctx` acts through the caller's transaction. */
type InTx = AuthContext & { db: Tx };

export async function revokeKeys(ctx: InTx, rows: CredentialRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const locked = await ctx.db
    .select({ id: apiKeys.id, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(
      inArray(
        apiKeys.id,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(apiKeys.id))
    .for("update");
  // Read after the lock: a revocation that committed meanwhile is in the past by now, whereas a
  // rotation's grace period (a future revoked_at) still counts as working.
  const at = now();
  const live = locked.filter((k) => k.revokedAt === null || k.revokedAt > at);
  for (const key of live) await revokeApiKey(ctx, key.id);
  return live.length;
}

export async function revokeSignIns(ctx: InTx, rows: CredentialRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const live = await ctx.db
    .select({ id: tokenFamilies.id, userId: tokenFamilies.userId })
    .from(tokenFamilies)
    .where(
      and(
        inArray(
          tokenFamilies.id,
          rows.map((r) => r.id),
        ),
        isNull(tokenFamilies.revokedAt),
      ),
    )
    .orderBy(asc(tokenFamilies.id))
    .for("update");
  const actor = actorOf(ctx);
  for (const family of live) {
    // revokeLockedFamily audits as whoever presented a token: here the admin and their credential.
    await revokeLockedFamily(ctx.db, {
      familyId: family.id,
      audit: {
        userId: actor.userId,
        organizationId: ctx.organization.id,
        tokenId: actor.credentialId,
        ip: actor.ip,
        reason: "revoked_by_admin",
      },
    });
  }
  return live.length;
}

export async function revokeGrants(ctx: InTx, rows: CredentialRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const locked = await ctx.db
    .select({ id: oauthGrants.id })
    .from(oauthGrants)
    .where(
      and(
        inArray(
          oauthGrants.id,
          rows.map((r) => r.id),
        ),
        isNull(oauthGrants.revokedAt),
      ),
    )
    .orderBy(asc(oauthGrants.id))
    .for("update");
  const revoked = await forgetGrants(
    ctx.db,
    locked.map((g) => g.id),
    { actor: ctx.user.id, reason: "admin" },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of revoked) {
    const row = byId.get(id);
    await recordAudit(ctx.db, actorOf(ctx), {
      action: "oauth_grant.revoked",
      organizationId: ctx.organization.id,
      targetType: "oauth_grant",
      targetId: id,
      metadata: {
        app_id: row?.detail ?? null,
        app_name: row?.name ?? null,
        user_id: row?.holder_id,
      },
    });
  }
  return revoked.length;
}

/**
 * A session belongs to an account, not to an organization: ending it signs its holder out of
 * the dashboard everywhere (they sign in again), and revokeSession writes the entry to the log
 * of each of their organizations, whose admins all lost that door.
 */
export async function endSessions(ctx: InTx, rows: CredentialRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const holders = new Map(rows.map((r) => [r.id.slice(SESSION_ITEM_PREFIX.length), r] as const));
  const locked = await ctx.db
    .select({ id: browserSessions.id })
    .from(browserSessions)
    .where(and(inArray(browserSessions.id, [...holders.keys()]), isNull(browserSessions.endedAt)))
    .orderBy(asc(browserSessions.id))
    .for("update");
  let ended = 0;
  for (const session of locked) {
    const row = holders.get(session.id);
    if (!row) continue;
    const holder = {
      id: row.holder_id,
      email: row.holder_email,
      name: row.holder_name,
      isPlatformAdmin: false,
    };
    try {
      await revokeSession({ user: holder, db: ctx.db }, actorOf(ctx), session.id);
      ended += 1;
    } catch (error) {
      // Its holder signed out everywhere meanwhile: already over, nothing to count.
      if (!(error instanceof ApiError && error.code === "NOT_FOUND")) throw error;
    }
  }
  return ended;
}
