import { and, eq } from "drizzle-orm";
import { type Db, getDb, type Tx } from "@/db";
import { memberships, organizations, tokenFamilies, users, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { ApiError } from "@/server/core/api-error";
import { kickEmailOutbox } from "@/server/email/outbox";
import { mailTokenReuse } from "@/server/notifications/mail-token-reuse";
import { hashToken, parseToken } from "./format";
import { issueTokenPair } from "./issue-token-pair";
import { revokeLockedFamily } from "./revoke-locked-family";
import type { TokenPair } from "./schemas";

const REFRESH_REQUIRED =
  "A refresh token (vlt_rt_…) is required: access tokens and API keys cannot be refreshed";

const invalid = (reason?: string) =>
  new ApiError("UNAUTHORIZED", undefined, reason ? { reason } : undefined);

/**
 * Exchanges a refresh token for a new pair of the same family; the presented token is spent.
 * A token that was already spent is being replayed, by a thief or by the client it was stolen
 * from: the whole family is revoked, so both lose access and the user logs in again. There is
 * no grace window: a concurrent duplicate cannot be told apart from a replay (RFC 9700 4.14.2).
 *
 * The family row is locked (SELECT … FOR UPDATE) for the whole exchange, as in every revoke
 * path: a refresh and a revocation of one family run one after the other, so a refresh that
 * has not committed yet cannot escape a revocation, and none succeeds in a revoked family.
 */
export async function refreshTokenPair(
  presented: string,
  request: { ip: string },
): Promise<TokenPair> {
  const parsed = parseToken(presented);
  if (parsed && parsed.kind !== "rt") throw new ApiError("UNAUTHORIZED", REFRESH_REQUIRED);
  if (!parsed) throw invalid();

  const db = await getDb();
  const [found] = await db
    .select({ id: userTokens.id, kind: userTokens.kind, familyId: userTokens.familyId })
    .from(userTokens)
    .where(eq(userTokens.secretHash, hashToken(parsed.token)));
  if (found?.kind !== "refresh") throw invalid();

  const outcome = await db.transaction(
    async (tx): Promise<{ pair: TokenPair } | { refused: string; revoked?: string[] }> => {
      const [family] = await tx
        .select({ revokedAt: tokenFamilies.revokedAt })
        .from(tokenFamilies)
        .where(eq(tokenFamilies.id, found.familyId))
        .for("update");
      // Read after the lock: what a concurrent exchange or revocation committed is seen here.
      const [token] = await tx
        .select({
          userId: userTokens.userId,
          organizationId: userTokens.organizationId,
          expiresAt: userTokens.expiresAt,
          spentAt: userTokens.spentAt,
          revokedAt: userTokens.revokedAt,
        })
        .from(userTokens)
        .where(eq(userTokens.id, found.id));
      if (!family || family.revokedAt || !token || token.revokedAt) return { refused: "revoked" };
      if (token.spentAt) {
        // Reuse means theft: the whole family dies, on every instance, when this commits.
        await revokeLockedFamily(tx, {
          familyId: found.familyId,
          audit: {
            userId: token.userId,
            organizationId: token.organizationId,
            tokenId: found.id,
            ip: request.ip,
            reason: "refresh_token_reused",
          },
        });
        await mailTokenReuse(tx, {
          userId: token.userId,
          organizationId: token.organizationId,
          credential: { kind: "sign_in" },
        });
        return { refused: "reused" };
      }
      const at = now();
      if (token.expiresAt.getTime() <= at.getTime()) return { refused: "expired" };
      const organization = await activeMembership(tx, token.userId, token.organizationId);
      if (!organization) return { refused: "membership" };
      await tx.update(userTokens).set({ spentAt: at }).where(eq(userTokens.id, found.id));
      const pair = await issueTokenPair(tx, {
        userId: token.userId,
        organization,
        familyId: found.familyId,
      });
      return { pair };
    },
  );
  if ("pair" in outcome) return outcome.pair;
  if (outcome.refused === "reused") kickEmailOutbox();
  throw invalid(outcome.refused);
}

/**
 * The organization a refresh may issue tokens for: the user must still be enabled and a member
 * (a platform admin's home organization needs no membership, as in resolveAuthContext).
 */
async function activeMembership(
  db: Db | Tx,
  userId: string,
  organizationId: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      disabledAt: users.disabledAt,
      isPlatformAdmin: users.isPlatformAdmin,
      role: memberships.role,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, organizationId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, users.id), eq(memberships.organizationId, organizations.id)),
    )
    .where(eq(users.id, userId));
  if (!row || row.disabledAt || (!row.role && !row.isPlatformAdmin)) return null;
  return { id: row.id, name: row.name };
}
