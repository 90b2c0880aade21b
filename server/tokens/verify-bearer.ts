import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, oauthGrants, oauthStore, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { ensureAuthListener } from "@/server/auth/auth-bus";
import { authCacheGeneration, getAuthCached, setAuthCached } from "@/server/auth/auth-cache";
import type { Credential } from "@/server/auth/auth-context";
import { CredentialRefused, unauthorized } from "@/server/auth/refusals";
import { oauthResource } from "@/server/oauth/resource";
import { hashToken, inspectToken } from "./format";

// Quotes pasted in with the token (from a .env file or a JSON snippet).
const QUOTED = /^["'`\u2018\u2019\u201c\u201d]|["'`\u2018\u2019\u201c\u201d]$/;

/**
 * Turns a presented secret into a verified credential, or throws 401 naming the reason. Format,
 * checksum, kind and environment are decided from the token's own text, before any database
 * work, so junk never reaches the database.
 */
export async function verifyBearer(
  presented: string,
  options: { cachedOnly?: boolean } = {},
): Promise<Credential> {
  const parsed = inspectToken(presented);
  if ("problem" in parsed) {
    throw unauthorized(
      parsed.problem,
      QUOTED.test(presented) ? "Remove the quotes around the token." : undefined,
    );
  }
  if (parsed.kind === "rt") throw unauthorized("refresh_token_not_accepted");
  if (parsed.kind === "ort") {
    throw unauthorized(
      "refresh_token_not_accepted",
      "An OAuth refresh token cannot authenticate requests: exchange it at the token endpoint.",
    );
  }
  // A client secret authenticates an app to the token endpoint, never a request to the API.
  if (parsed.kind === "cs") {
    throw unauthorized(
      "unknown",
      "A client secret authenticates an app at the token endpoint, never an API request: send an access token.",
    );
  }
  const serverEnv = env().VOLTASIS_ENV;
  if ((parsed.kind === "live" || parsed.kind === "test") && parsed.kind !== serverEnv) {
    throw unauthorized(
      "wrong_environment",
      `This is a ${parsed.kind} API key but this server accepts ${serverEnv} keys: make sure you are using the correct environment (dev/prod).`,
    );
  }

  const hash = hashToken(parsed.token);
  const cacheKey = `credential:${hash}`;
  let credential = getAuthCached<Credential>(cacheKey);
  if (!credential) {
    if (options.cachedOnly) throw unauthorized("unknown");
    void ensureAuthListener();
    const generation = authCacheGeneration();
    credential =
      parsed.kind === "at"
        ? await loadAccessToken(hash)
        : parsed.kind === "oat"
          ? await loadOAuthAccessToken(hash)
          : await loadApiKey(hash);
    if (!credential) throw unauthorized("unknown");
    setAuthCached(
      cacheKey,
      credential,
      {
        credentialId: credential.id,
        userIds: [credential.userId],
        organizationIds: [credential.organizationId],
      },
      generation,
    );
  }
  if (credential.expiresAt && credential.expiresAt.getTime() <= now().getTime()) {
    throw new CredentialRefused("expired", credential);
  }
  return credential;
}

async function loadApiKey(hash: string): Promise<Credential | undefined> {
  const db = await getDb();
  const [key] = await db
    .select({
      id: apiKeys.id,
      userId: apiKeys.createdBy,
      organizationId: apiKeys.organizationId,
      scopes: apiKeys.scopes,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      allowedIps: apiKeys.allowedIps,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      approval: apiKeys.approval,
    })
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, hash));
  if (!key) return undefined;
  const known = {
    type: "api_key",
    id: key.id,
    userId: key.userId,
    organizationId: key.organizationId,
  } as const;
  if (key.revokedAt) throw new CredentialRefused("revoked", known);
  // Never cached: the approval publishes an auth change, and the next request reads the row.
  if (key.approval === "pending") throw new CredentialRefused("pending_approval", known);
  return {
    type: "api_key",
    id: key.id,
    userId: key.userId,
    organizationId: key.organizationId,
    keyScopes: key.scopes,
    expiresAt: key.expiresAt,
    // Cached with the credential and checked on every request (withApi), cached or not; a
    // PATCH of either publishes an auth change, which evicts this entry on every instance.
    allowedIps: key.allowedIps,
    rateLimitPerMinute: key.rateLimitPerMinute,
  };
}

async function loadAccessToken(hash: string): Promise<Credential | undefined> {
  const db = await getDb();
  const [token] = await db
    .select({
      id: userTokens.id,
      kind: userTokens.kind,
      userId: userTokens.userId,
      organizationId: userTokens.organizationId,
      expiresAt: userTokens.expiresAt,
      revokedAt: userTokens.revokedAt,
    })
    .from(userTokens)
    .where(eq(userTokens.secretHash, hash));
  if (token?.kind !== "access") return undefined;
  if (token.revokedAt) {
    throw new CredentialRefused("revoked", {
      type: "access_token",
      id: token.id,
      userId: token.userId,
      organizationId: token.organizationId,
    });
  }
  return {
    type: "access_token",
    id: token.id,
    userId: token.userId,
    organizationId: token.organizationId,
    keyScopes: null,
    expiresAt: token.expiresAt,
  };
}

interface OAuthAccessTokenPayload {
  exp?: number;
  aud?: string | string[];
  scope?: string;
  clientId?: string;
  accountId?: string;
}

/**
 * An app's access token (oidc-provider's record in oauth_store, keyed by the token's hash) and
 * the grant it hangs off: the user, the organization, and the scopes both allow. Cached under the
 * grant's id, so revoking or changing the grant evicts it on every instance.
 */
async function loadOAuthAccessToken(hash: string): Promise<Credential | undefined> {
  const db = await getDb();
  const [row] = await db
    .select({
      payload: oauthStore.payload,
      storedUntil: oauthStore.expiresAt,
      grantId: oauthGrants.id,
      userId: oauthGrants.userId,
      organizationId: oauthGrants.organizationId,
      scopes: oauthGrants.scopes,
      revokedAt: oauthGrants.revokedAt,
    })
    .from(oauthStore)
    .innerJoin(oauthGrants, eq(oauthGrants.id, oauthStore.grantId))
    .where(and(eq(oauthStore.kind, "AccessToken"), eq(oauthStore.id, hash)));
  if (!row) return undefined;
  if (row.revokedAt) {
    throw new CredentialRefused("revoked", {
      type: "oauth",
      id: row.grantId,
      userId: row.userId,
      organizationId: row.organizationId,
    });
  }
  const payload = row.payload as OAuthAccessTokenPayload;
  // RFC 8707: a token for another audience is not a token for this API.
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(oauthResource())) return undefined;
  if (payload.accountId !== row.userId) return undefined;
  const tokenScopes = (payload.scope ?? "").split(" ");
  const exp = payload.exp ? new Date(payload.exp * 1000) : row.storedUntil;
  return {
    type: "oauth",
    id: row.grantId,
    userId: row.userId,
    organizationId: row.organizationId,
    // What the token was issued with, within what the grant still allows; resolveAuthContext
    // caps it again by the user's current role there.
    keyScopes: row.scopes.filter((s) => tokenScopes.includes(s)),
    expiresAt: exp,
    clientId: payload.clientId,
  };
}
