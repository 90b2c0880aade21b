import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { ensureAuthListener } from "@/server/auth/auth-bus";
import { authCacheGeneration, getAuthCached, setAuthCached } from "@/server/auth/auth-cache";
import type { Credential } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { hashToken, parseToken } from "./format";

const invalid = (reason?: string) =>
  new ApiError("UNAUTHORIZED", undefined, reason ? { reason } : undefined);

/**
 * Turns a presented secret into a verified credential, or throws 401. Format, checksum and
 * environment are checked before any database work, so junk never reaches the database.
 */
export async function verifyBearer(
  presented: string,
  options: { cachedOnly?: boolean } = {},
): Promise<Credential> {
  const parsed = parseToken(presented);
  if (!parsed) throw invalid();
  if (parsed.kind === "rt") {
    throw new ApiError(
      "UNAUTHORIZED",
      "A refresh token cannot authenticate requests: exchange it at POST /api/v1/auth/refresh",
    );
  }
  if (parsed.kind === "ort") {
    throw new ApiError(
      "UNAUTHORIZED",
      "An OAuth refresh token cannot authenticate requests: exchange it at the token endpoint",
    );
  }
  // A client secret authenticates an app to the token endpoint, never a request to the API.
  if (parsed.kind === "cs") throw invalid();
  const serverEnv = env().VOLTASIS_ENV;
  if ((parsed.kind === "live" || parsed.kind === "test") && parsed.kind !== serverEnv) {
    throw new ApiError(
      "UNAUTHORIZED",
      `This is a ${parsed.kind} API key but this server accepts ${serverEnv} keys: make sure you are using the correct environment (dev/prod)`,
    );
  }

  const hash = hashToken(parsed.token);
  const cacheKey = `credential:${hash}`;
  let credential = getAuthCached<Credential>(cacheKey);
  if (!credential) {
    if (options.cachedOnly) throw invalid();
    void ensureAuthListener();
    const generation = authCacheGeneration();
    credential =
      parsed.kind === "at"
        ? await loadAccessToken(hash)
        : parsed.kind === "oat"
          ? undefined
          : await loadApiKey(hash);
    if (!credential) throw invalid();
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
    throw invalid("expired");
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
    })
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, hash));
  if (!key) return undefined;
  if (key.revokedAt) throw invalid("revoked");
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
  if (token.revokedAt) throw invalid("revoked");
  return {
    type: "access_token",
    id: token.id,
    userId: token.userId,
    organizationId: token.organizationId,
    keyScopes: null,
    expiresAt: token.expiresAt,
  };
}
