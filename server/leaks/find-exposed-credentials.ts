import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import {
  apiKeys,
  oauthApps,
  oauthClientSecrets,
  oauthGrants,
  oauthStore,
  tokenFamilies,
  userTokens,
  webhookEndpoints,
} from "@/db/schema";
import { now } from "@/lib/clock";
import type { RecognisedSecret, SecretKind } from "./recognise-secret";

/** Hashes per `where … in (…)`: one statement per credential table per batch. */
export const LOOKUP_BATCH = 500;

/** What a found secret is, and what revoking it needs. */
export interface ExposedCredential {
  hash: string;
  kind: SecretKind;
  /** The id the audit entry and the webhook event name (key, token family, grant, app, endpoint). */
  id: string;
  organizationId: string;
  /** Whose it is: the key's creator, the token's or grant's user, the secret's creator. */
  ownerUserId: string | null;
  name: string | null;
  /** It still authenticates: revoke it (a webhook secret: notify only). */
  live: boolean;
  /** Token family, grant or client secret to revoke. */
  revokes: string;
}

/**
 * Looks every recognised secret up by its hash, a batch at a time, with one query per table
 * that can hold its kind. Returns what exists (live, revoked or expired), keyed by hash.
 */
export async function findExposedCredentials(
  db: Db,
  secrets: readonly RecognisedSecret[],
): Promise<Map<string, ExposedCredential>> {
  const found = new Map<string, ExposedCredential>();
  for (let i = 0; i < secrets.length; i += LOOKUP_BATCH) {
    const batch = secrets.slice(i, i + LOOKUP_BATCH);
    const of = (...kinds: SecretKind[]) => [
      ...new Set(batch.filter((s) => kinds.includes(s.kind)).map((s) => s.hash)),
    ];
    const rows = await Promise.all([
      findApiKeys(db, of("api_key")),
      findUserTokens(db, of("access_token", "refresh_token")),
      findOAuthTokens(db, of("oauth_access_token", "oauth_refresh_token")),
      findClientSecrets(db, of("client_secret")),
      findWebhookSecrets(db, of("webhook_secret")),
    ]);
    for (const credential of rows.flat()) found.set(credential.hash, credential);
  }
  return found;
}

function notPast(at: Date | null): boolean {
  return at === null || at.getTime() > now().getTime();
}

async function findApiKeys(db: Db, hashes: string[]): Promise<ExposedCredential[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .select({
      hash: apiKeys.secretHash,
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      createdBy: apiKeys.createdBy,
      name: apiKeys.name,
      revokedAt: apiKeys.revokedAt,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    .where(inArray(apiKeys.secretHash, hashes));
  return rows.map((r) => ({
    hash: r.hash,
    kind: "api_key",
    id: r.id,
    organizationId: r.organizationId,
    ownerUserId: r.createdBy,
    name: r.name,
    live: r.revokedAt === null && notPast(r.expiresAt),
    revokes: r.id,
  }));
}

async function findUserTokens(db: Db, hashes: string[]): Promise<ExposedCredential[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .select({
      hash: userTokens.secretHash,
      id: userTokens.id,
      kind: userTokens.kind,
      userId: userTokens.userId,
      organizationId: userTokens.organizationId,
      familyId: userTokens.familyId,
      expiresAt: userTokens.expiresAt,
      spentAt: userTokens.spentAt,
      revokedAt: userTokens.revokedAt,
      familyRevokedAt: tokenFamilies.revokedAt,
    })
    .from(userTokens)
    .innerJoin(tokenFamilies, eq(tokenFamilies.id, userTokens.familyId))
    .where(inArray(userTokens.secretHash, hashes));
  return rows.map((r) => ({
    hash: r.hash,
    kind: r.kind === "access" ? "access_token" : "refresh_token",
    id: r.familyId,
    organizationId: r.organizationId,
    ownerUserId: r.userId,
    name: null,
    // A spent refresh token no longer refreshes (presented again, it revokes its family).
    live:
      r.revokedAt === null &&
      r.familyRevokedAt === null &&
      r.spentAt === null &&
      notPast(r.expiresAt),
    revokes: r.familyId,
  }));
}

async function findOAuthTokens(db: Db, hashes: string[]): Promise<ExposedCredential[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .select({
      hash: oauthStore.id,
      kind: oauthStore.kind,
      expiresAt: oauthStore.expiresAt,
      consumedAt: oauthStore.consumedAt,
      grantId: oauthGrants.id,
      userId: oauthGrants.userId,
      organizationId: oauthGrants.organizationId,
      revokedAt: oauthGrants.revokedAt,
      appName: oauthApps.name,
    })
    .from(oauthStore)
    .innerJoin(oauthGrants, eq(oauthGrants.id, oauthStore.grantId))
    .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
    .where(
      and(
        inArray(oauthStore.kind, ["AccessToken", "RefreshToken"]),
        inArray(oauthStore.id, hashes),
      ),
    );
  return rows.map((r) => {
    const access = r.kind === "AccessToken";
    return {
      hash: r.hash,
      kind: access ? "oauth_access_token" : "oauth_refresh_token",
      id: r.grantId,
      organizationId: r.organizationId,
      ownerUserId: r.userId,
      name: r.appName,
      live: r.revokedAt === null && r.consumedAt === null && notPast(r.expiresAt),
      revokes: r.grantId,
    };
  });
}

async function findClientSecrets(db: Db, hashes: string[]): Promise<ExposedCredential[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .select({
      hash: oauthClientSecrets.secretHash,
      id: oauthClientSecrets.id,
      createdBy: oauthClientSecrets.createdBy,
      appId: oauthApps.id,
      appName: oauthApps.name,
      appCreatedBy: oauthApps.createdBy,
      organizationId: oauthApps.organizationId,
    })
    .from(oauthClientSecrets)
    .innerJoin(oauthApps, eq(oauthApps.id, oauthClientSecrets.appId))
    .where(inArray(oauthClientSecrets.secretHash, hashes));
  // Apps registered dynamically have no secret and no organization; a secret always has both.
  return rows.flatMap((r) =>
    r.organizationId
      ? [
          {
            hash: r.hash,
            kind: "client_secret" as const,
            id: r.appId,
            organizationId: r.organizationId,
            ownerUserId: r.createdBy ?? r.appCreatedBy,
            name: r.appName,
            // Deleting is revoking: a deleted secret is not found at all.
            live: true,
            revokes: r.id,
          },
        ]
      : [],
  );
}

async function findWebhookSecrets(db: Db, hashes: string[]): Promise<ExposedCredential[]> {
  if (hashes.length === 0) return [];
  const rows = await db
    .select({
      hash: webhookEndpoints.secretHash,
      id: webhookEndpoints.id,
      organizationId: webhookEndpoints.organizationId,
      createdBy: webhookEndpoints.createdBy,
      url: webhookEndpoints.url,
    })
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.secretHash, hashes));
  return rows.map((r) => ({
    hash: r.hash,
    kind: "webhook_secret",
    id: r.id,
    organizationId: r.organizationId,
    ownerUserId: r.createdBy,
    name: r.url,
    live: true,
    revokes: r.id,
  }));
}
