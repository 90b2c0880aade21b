import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { type Db, getDb, type Tx } from "@/db";
import { memberships, organizations, tokenFamilies, users, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { ApiError } from "@/server/core/api-error";
import { generateToken, hashToken, parseToken } from "./format";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_TOKEN_TTL_SECONDS,
  type RevokeTokenInput,
  type TokenPair,
} from "./schemas";

const REFRESH_REQUIRED =
  "A refresh token (vlt_rt_…) is required: access tokens and API keys cannot be refreshed";

const invalid = (reason?: string) =>
  new ApiError("UNAUTHORIZED", undefined, reason ? { reason } : undefined);

/**
 * Inserts an access token and a refresh token of one family and returns their secrets. Only the
 * SHA-256 of each secret is stored; the plain values exist in this response and nowhere else.
 */
export async function issueTokenPair(
  db: Db | Tx,
  grant: { userId: string; organization: { id: string; name: string }; familyId?: string },
): Promise<TokenPair> {
  let familyId = grant.familyId;
  if (!familyId) {
    familyId = newId("fam");
    await db
      .insert(tokenFamilies)
      .values({ id: familyId, userId: grant.userId, organizationId: grant.organization.id });
  }
  const issuedAt = now().getTime();
  const accessToken = generateToken("at");
  const refreshToken = generateToken("rt");
  const accessExpiresAt = new Date(issuedAt + ACCESS_TOKEN_TTL_SECONDS * 1000);
  const refreshExpiresAt = new Date(issuedAt + REFRESH_TOKEN_TTL_SECONDS * 1000);
  const common = { userId: grant.userId, organizationId: grant.organization.id, familyId };
  await db.insert(userTokens).values([
    {
      ...common,
      id: newId("tok"),
      kind: "access",
      secretHash: hashToken(accessToken),
      expiresAt: accessExpiresAt,
    },
    {
      ...common,
      id: newId("tok"),
      kind: "refresh",
      secretHash: hashToken(refreshToken),
      expiresAt: refreshExpiresAt,
    },
  ]);
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: "Bearer",
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_expires_in: REFRESH_TOKEN_TTL_SECONDS,
    access_token_expires_at: accessExpiresAt.toISOString(),
    refresh_token_expires_at: refreshExpiresAt.toISOString(),
    organization: grant.organization,
  };
}

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
  throw invalid(outcome.refused);
}

/**
 * Revokes an access token (that token) or a refresh token (its whole family: every access and
 * refresh token descended from the same login). Idempotent, and an unknown token is not an
 * error (RFC 7009): the caller learns nothing about which tokens exist.
 */
export async function revokeUserToken(
  input: Pick<RevokeTokenInput, "token">,
  request: { ip: string },
): Promise<void> {
  const parsed = parseToken(input.token);
  if (parsed && (parsed.kind === "live" || parsed.kind === "test")) {
    throw new ApiError(
      "VALIDATION_ERROR",
      "API keys cannot be revoked here: revoke them with DELETE /api/v1/api-keys/{id}",
      [{ field: "token", message: "API keys are revoked via DELETE /api/v1/api-keys/{id}" }],
    );
  }
  if (!parsed) return;

  const db = await getDb();
  const [token] = await db
    .select({
      id: userTokens.id,
      kind: userTokens.kind,
      familyId: userTokens.familyId,
      userId: userTokens.userId,
      organizationId: userTokens.organizationId,
    })
    .from(userTokens)
    .where(eq(userTokens.secretHash, hashToken(parsed.token)));
  if (!token) return;
  if (token.kind === "refresh") {
    await db.transaction(async (tx) => {
      await tx
        .select({ id: tokenFamilies.id })
        .from(tokenFamilies)
        .where(eq(tokenFamilies.id, token.familyId))
        .for("update");
      await revokeLockedFamily(tx, {
        familyId: token.familyId,
        audit: {
          userId: token.userId,
          organizationId: token.organizationId,
          tokenId: token.id,
          ip: request.ip,
          reason: "refresh_token_revoked",
        },
      });
    });
    return;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(userTokens)
      .set({ revokedAt: now() })
      .where(and(eq(userTokens.id, token.id), isNull(userTokens.revokedAt)));
    await publishAuthChange(tx, { credentialIds: [token.id] });
  });
}

/**
 * Marks a family revoked and revokes its tokens, audited in the family's organization; every
 * instance forgets them when this commits. The caller holds the family row's lock. Revoking a
 * family already revoked changes nothing and writes no entry.
 */
async function revokeLockedFamily(
  tx: Tx,
  change: {
    familyId: string;
    /** Who the family belonged to, the token presented, from where, and why it was revoked. */
    audit: { userId: string; organizationId: string; tokenId: string; ip: string; reason: string };
  },
): Promise<void> {
  const at = now();
  const family = await tx
    .update(tokenFamilies)
    .set({ revokedAt: at })
    .where(and(eq(tokenFamilies.id, change.familyId), isNull(tokenFamilies.revokedAt)))
    .returning({ id: tokenFamilies.id });
  const revoked = await tx
    .update(userTokens)
    .set({ revokedAt: at })
    .where(and(eq(userTokens.familyId, change.familyId), isNull(userTokens.revokedAt)))
    .returning({ id: userTokens.id });
  await publishTokenRevocations(
    tx,
    revoked.map((t) => t.id),
  );
  if (family.length === 0) return;
  const { audit } = change;
  await recordAudit(
    tx,
    { userId: audit.userId, credentialId: audit.tokenId, ip: audit.ip },
    {
      action: "token_family.revoked",
      organizationId: audit.organizationId,
      targetType: "token_family",
      targetId: change.familyId,
      metadata: { reason: audit.reason, tokens_revoked: revoked.length },
    },
  );
}

/**
 * Revokes every live token of a user, optionally only those of one organization. Runs inside
 * the caller's transaction and locks the families first (in id order, so two revocations never
 * deadlock), like refresh does: a refresh in flight finishes before, or is refused after.
 */
export async function revokeUserTokensOf(
  tx: Tx,
  userId: string,
  organizationId?: string,
): Promise<void> {
  const families = [eq(tokenFamilies.userId, userId)];
  if (organizationId) families.push(eq(tokenFamilies.organizationId, organizationId));
  const locked = await tx
    .select({ id: tokenFamilies.id })
    .from(tokenFamilies)
    .where(and(...families))
    .orderBy(asc(tokenFamilies.id))
    .for("update");
  const at = now();
  if (locked.length > 0) {
    await tx
      .update(tokenFamilies)
      .set({ revokedAt: at })
      .where(
        and(
          inArray(
            tokenFamilies.id,
            locked.map((f) => f.id),
          ),
          isNull(tokenFamilies.revokedAt),
        ),
      );
  }
  const where = [eq(userTokens.userId, userId), isNull(userTokens.revokedAt)];
  if (organizationId) where.push(eq(userTokens.organizationId, organizationId));
  const revoked = await tx
    .update(userTokens)
    .set({ revokedAt: at })
    .where(and(...where))
    .returning({ id: userTokens.id });
  await publishTokenRevocations(
    tx,
    revoked.map((t) => t.id),
  );
}

async function publishTokenRevocations(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length > 0) await publishAuthChange(tx, { credentialIds: ids });
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
