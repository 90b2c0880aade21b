import type { Db } from "@/db";
import { oauthStore } from "@/db/schema";
import { oauthResource } from "@/server/oauth/resource";
import { generateToken, hashToken } from "@/server/tokens/format";

const DAY_S = 24 * 3600;

/**
 * An OAuth access token of `grant`, written into the store as the authorization server writes
 * one after a code exchange (server/oauth/adapter.ts: the token's hash as id, the provider's
 * payload without the token). For suites that start where the flow ends: benches, several
 * instances. The flow itself is proven by tests/oauth.
 */
export async function insertOAuthAccessToken(
  db: Db,
  grant: { id: string; userId: string; appId: string; scopes: readonly string[] },
): Promise<string> {
  const token = generateToken("oat");
  const exp = Math.floor(Date.now() / 1000) + DAY_S;
  await db.insert(oauthStore).values({
    kind: "AccessToken",
    id: hashToken(token),
    grantId: grant.id,
    expiresAt: new Date(exp * 1000),
    payload: {
      kind: "AccessToken",
      accountId: grant.userId,
      clientId: grant.appId,
      grantId: grant.id,
      scope: grant.scopes.join(" "),
      aud: oauthResource(),
      iat: exp - DAY_S,
      exp,
    },
  });
  return token;
}
