import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Adapter, AdapterPayload } from "oidc-provider";
import { getDb } from "@/db";
import { oauthApps, oauthClientSecrets, oauthStore } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { seal, unseal } from "@/server/core/seal";
import { hashToken } from "@/server/tokens/format";

// Within this many seconds of its rotation, a refresh token presented again is a client's
// concurrent retry (two tabs, a lost response), not a theft: it is answered, not punished.
export const REFRESH_REUSE_LEEWAY_SECONDS = 10;

// What every app may use: the code flow with refresh, and the device flow (RFC 8628).
export const APP_GRANT_TYPES = [
  "authorization_code",
  "refresh_token",
  "urn:ietf:params:oauth:grant-type:device_code",
];

/**
 * The authorization server's storage (oidc-provider's adapter interface) in our database: its
 * own records in `oauth_store`, keyed by kind and the SHA-256 of their id (a stolen copy of the
 * table holds no usable code or token: see FOUND_WITHOUT_ID), and its clients in `oauth_apps`.
 */
/**
 * Records the provider also looks up by something else than their id (a session by its uid, a
 * device code by the code a person types), so that what it finds must carry the id: theirs is
 * kept sealed (AES-256-GCM under a key of its own, bound to the row), never in clear.
 */
const FOUND_WITHOUT_ID = new Set(["Session", "DeviceCode"]);
const SEAL = "oauth-store v1";

function sealContext(kind: string, hashedId: string): string {
  return `oauth_store:${kind}:${hashedId}`;
}

export class DrizzleOAuthAdapter implements Adapter {
  constructor(private readonly kind: string) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.kind === "Client") return upsertClient(id, payload);
    const db = await getDb();
    const expiresAt = expiresIn ? new Date(now().getTime() + expiresIn * 1000) : null;
    const grantId = this.kind === "Grant" ? id : (payload.grantId ?? null);
    // The provider puts a record's id in its payload (`jti`): for a token, a code or a session
    // that is the secret itself. Kept out, and put back from the id the lookup was made with;
    // records also found by something else keep it sealed (FOUND_WITHOUT_ID).
    const hashedId = hashToken(id);
    const stored: AdapterPayload = { ...payload };
    if (FOUND_WITHOUT_ID.has(this.kind))
      stored.jti = seal(id, sealContext(this.kind, hashedId), SEAL);
    else delete stored.jti;
    const values = {
      kind: this.kind,
      id: hashedId,
      payload: stored as Record<string, unknown>,
      grantId,
      userCode: payload.userCode ? hashToken(normalizeUserCode(payload.userCode)) : null,
      uid: payload.uid ?? null,
      expiresAt,
      consumedAt: null,
    };
    await db
      .insert(oauthStore)
      .values(values)
      .onConflictDoUpdate({
        target: [oauthStore.kind, oauthStore.id],
        set: {
          payload: values.payload,
          grantId: values.grantId,
          userCode: values.userCode,
          uid: values.uid,
          expiresAt: values.expiresAt,
        },
      });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.kind === "Client") return findClient(id);
    const payload = await this.findWhere(eq(oauthStore.id, hashToken(id)));
    return payload && { ...payload, jti: id };
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oauthStore.userCode, hashToken(normalizeUserCode(userCode))));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere(eq(oauthStore.uid, uid));
  }

  async consume(id: string): Promise<void> {
    const db = await getDb();
    await db
      .update(oauthStore)
      .set({ consumedAt: now() })
      .where(and(eq(oauthStore.kind, this.kind), eq(oauthStore.id, hashToken(id))));
  }

  async destroy(id: string): Promise<void> {
    const db = await getDb();
    if (this.kind === "Client") {
      await db.delete(oauthApps).where(eq(oauthApps.id, id));
      return;
    }
    await db.transaction(async (tx) => {
      const gone = await tx
        .delete(oauthStore)
        .where(and(eq(oauthStore.kind, this.kind), eq(oauthStore.id, hashToken(id))))
        .returning({ grantId: oauthStore.grantId });
      // A revoked access token (RFC 7009) may be cached as a credential on any instance, filed
      // under its grant: evict that grant's entries everywhere (the others simply reload).
      const grantId = gone[0]?.grantId;
      if (this.kind === "AccessToken" && grantId) {
        await publishAuthChange(tx, { credentialIds: [grantId] });
      }
    });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const db = await getDb();
    await db.transaction(async (tx) => {
      await tx
        .delete(oauthStore)
        .where(and(eq(oauthStore.kind, this.kind), eq(oauthStore.grantId, grantId)));
      if (this.kind === "AccessToken") await publishAuthChange(tx, { credentialIds: [grantId] });
    });
  }

  private async findWhere(condition: ReturnType<typeof eq>): Promise<AdapterPayload | undefined> {
    const db = await getDb();
    const [row] = await db
      .select({
        id: oauthStore.id,
        payload: oauthStore.payload,
        consumedAt: oauthStore.consumedAt,
        expiresAt: oauthStore.expiresAt,
      })
      .from(oauthStore)
      .where(
        and(
          eq(oauthStore.kind, this.kind),
          condition,
          // Expiry by our clock (lib/clock.ts), which tests can move; the provider checks `exp`
          // against the real one as well.
          or(isNull(oauthStore.expiresAt), gt(oauthStore.expiresAt, now())),
        ),
      );
    if (!row) return undefined;
    const payload = { ...(row.payload as AdapterPayload) };
    if (FOUND_WITHOUT_ID.has(this.kind) && typeof payload.jti === "string") {
      const jti = unseal(payload.jti, sealContext(this.kind, row.id), SEAL);
      // Sealed under another AUTH_SECRET (rotated) or tampered with: the record is unusable.
      if (jti === null) return undefined;
      payload.jti = jti;
    }
    if (row.consumedAt) {
      const consumedAgoMs = now().getTime() - row.consumedAt.getTime();
      const leeway =
        this.kind === "RefreshToken" && consumedAgoMs < REFRESH_REUSE_LEEWAY_SECONDS * 1000;
      // A refresh token rotated moments ago reads as still valid: the retry gets a fresh pair
      // of its own (an equivalent answer), and only later reuse revokes the grant.
      if (!leeway) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    }
    return payload;
  }
}

/** User codes are typed by people: compared without case, dashes or spaces. */
function normalizeUserCode(userCode: string): string {
  return userCode.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
}

/** An app as the provider sees it: its metadata, with the secret kept out (compared by hash). */
async function findClient(id: string): Promise<AdapterPayload | undefined> {
  const db = await getDb();
  const [app] = await db
    .select({
      id: oauthApps.id,
      name: oauthApps.name,
      homepageUrl: oauthApps.homepageUrl,
      redirectUris: oauthApps.redirectUris,
      clientType: oauthApps.clientType,
      hasSecret: sql<boolean>`exists (select 1 from ${oauthClientSecrets} where ${oauthClientSecrets.appId} = ${oauthApps.id})`,
    })
    .from(oauthApps)
    .where(eq(oauthApps.id, id));
  if (!app) return undefined;
  const confidential = app.clientType === "confidential";
  return {
    client_id: app.id,
    client_name: app.name,
    ...(app.homepageUrl ? { client_uri: app.homepageUrl } : {}),
    redirect_uris: app.redirectUris,
    grant_types: APP_GRANT_TYPES,
    response_types: ["code"],
    token_endpoint_auth_method: confidential ? "client_secret_basic" : "none",
    // The provider insists on a secret for these methods; ours are compared by hash
    // (provider.ts: compareClientSecret), so this value is never compared with anything. An app
    // with no live secret cannot authenticate at all.
    ...(confidential ? { client_secret: app.hasSecret ? "stored-as-sha256" : "none-live" } : {}),
  };
}

/** Dynamic registration (RFC 7591): public clients only, owned by no organization. */
async function upsertClient(id: string, metadata: AdapterPayload): Promise<void> {
  const db = await getDb();
  const name = typeof metadata.client_name === "string" ? metadata.client_name : "Unnamed app";
  await db
    .insert(oauthApps)
    .values({
      id,
      organizationId: null,
      createdBy: null,
      name,
      homepageUrl: typeof metadata.client_uri === "string" ? metadata.client_uri : null,
      redirectUris: (metadata.redirect_uris as string[] | undefined) ?? [],
      clientType: "public",
      registration: "dynamic",
    })
    .onConflictDoNothing();
}

export function newClientId(): string {
  return newId("app");
}
