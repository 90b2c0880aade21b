import type { Db, Tx } from "@/db";
import { tokenFamilies, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { generateToken, hashToken } from "./format";
import { ACCESS_TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, type TokenPair } from "./schemas";

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
