import { and, eq, sql } from "drizzle-orm";
import Provider, {
  type Configuration,
  errors,
  interactionPolicy,
  type KoaContextWithOIDC,
} from "oidc-provider";
import { getDb } from "@/db";
import { oauthApps, oauthClientSecrets, oauthGrants, oauthStore } from "@/db/schema";
import { now, nowMs } from "@/lib/clock";
import { SCOPES } from "@/lib/scopes";
import { recordAudit } from "@/server/audit/record-audit";
import { clientIp } from "@/server/core/client-ip";
import { kickEmailOutbox } from "@/server/email/outbox";
import { mailTokenReuse } from "@/server/notifications/mail-token-reuse";
import { forgetGrants } from "@/server/oauth-grants/forget-grants";
import { generateToken, hashToken } from "@/server/tokens/format";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { DrizzleOAuthAdapter, newClientId } from "./adapter";
import { oauthCookieKeys, oauthSigningJwk } from "./keys";
import { consentPath, devicePageSource, renderOAuthError } from "./pages";
import { isLoopbackVariant } from "./redirect-uri";
import { oauthIssuer, oauthResource } from "./resource";

export const OAUTH_TTL = {
  AccessToken: 60 * 60,
  AuthorizationCode: 60,
  RefreshToken: 30 * 24 * 60 * 60,
  DeviceCode: 10 * 60,
  Interaction: 10 * 60,
  // The provider's own sign-in state only bridges an interaction and its resume: who is signed
  // in is the dashboard's session, checked again on each consent page.
  Session: 10 * 60,
  Grant: 365 * 24 * 60 * 60,
  IdToken: 60 * 60,
} as const;

export const OAUTH_BASE_PATH = "/api/oauth";

const store = globalThis as unknown as { __voltasisOAuthProvider?: Provider };

/** One provider per process (it holds caches and keys), surviving Next's dev reloads. */
export function getOAuthProvider(): Provider {
  store.__voltasisOAuthProvider ??= createProvider();
  return store.__voltasisOAuthProvider;
}

function createProvider(): Provider {
  const resource = oauthResource();
  const policy = interactionPolicy.base();
  // Who is signed in is the dashboard's session, which the provider cannot see: every
  // authorization goes through the consent page, which checks it (a browser shared after a
  // sign-out never authorizes as its previous user) and skips the screen itself when it may.
  policy
    .get("login")
    ?.checks.add(
      new interactionPolicy.Check(
        "dashboard_session",
        "the dashboard decides who is signed in",
        "login_required",
        (ctx) =>
          ctx.oidc.result
            ? interactionPolicy.Check.NO_NEED_TO_PROMPT
            : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );
  // Dynamically registered apps are nobody's: their user always sees the consent screen.
  policy.get("consent")?.checks.add(
    new interactionPolicy.Check(
      "unverified_app",
      "unverified apps always ask for consent",
      async (ctx) => {
        if (ctx.oidc.result?.consent) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        return (await appRegistration(ctx.oidc.client?.clientId)) === "dynamic"
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT;
      },
    ),
  );

  const configuration: Configuration = {
    adapter: DrizzleOAuthAdapter,
    clients: [],
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    cookies: { keys: oauthCookieKeys() },
    jwks: { keys: [oauthSigningJwk()] },
    clientDefaults: {
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      id_token_signed_response_alg: "ES256",
    },
    responseTypes: ["code"],
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    // Our scopes belong to the resource (resourceIndicators below), not to OpenID Connect.
    scopes: ["openid"],
    claims: { openid: ["sub"] },
    // PKCE (S256, the only method oidc-provider supports) for every client, public or not.
    pkce: { required: () => true },
    routes: {
      authorization: `${OAUTH_BASE_PATH}/authorize`,
      token: `${OAUTH_BASE_PATH}/token`,
      revocation: `${OAUTH_BASE_PATH}/revoke`,
      introspection: `${OAUTH_BASE_PATH}/introspect`,
      registration: `${OAUTH_BASE_PATH}/register`,
      device_authorization: `${OAUTH_BASE_PATH}/device_authorization`,
      // People type the device's code here: a short address on the dashboard's host.
      code_verification: "/device",
      jwks: `${OAUTH_BASE_PATH}/jwks`,
      userinfo: `${OAUTH_BASE_PATH}/userinfo`,
      end_session: `${OAUTH_BASE_PATH}/session/end`,
      pushed_authorization_request: `${OAUTH_BASE_PATH}/par`,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      revocation: { enabled: true },
      introspection: {
        enabled: true,
        // RFC 7662: an authenticated client learns about its own tokens only.
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      deviceFlow: {
        enabled: true,
        charset: "base-20",
        mask: "****-****",
        userCodeInputSource: devicePageSource.input,
        userCodeConfirmSource: devicePageSource.confirm,
        successSource: devicePageSource.success,
      },
      registration: {
        enabled: true,
        initialAccessToken: false,
        issueRegistrationAccessToken: false,
        idFactory: () => newClientId(),
        // Asked for only when the metadata needs a secret: dynamic apps are public clients.
        secretFactory: () => {
          throw new errors.InvalidClientMetadata(
            "only public clients (token_endpoint_auth_method none) may register dynamically",
          );
        },
        policies: undefined,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return {
            scope: SCOPES.join(" "),
            audience: resource,
            accessTokenTTL: OAUTH_TTL.AccessToken,
            accessTokenFormat: "opaque",
          };
        },
      },
    },
    ttl: {
      AccessToken: OAUTH_TTL.AccessToken,
      AuthorizationCode: OAUTH_TTL.AuthorizationCode,
      RefreshToken: OAUTH_TTL.RefreshToken,
      DeviceCode: OAUTH_TTL.DeviceCode,
      Interaction: OAUTH_TTL.Interaction,
      Session: OAUTH_TTL.Session,
      Grant: OAUTH_TTL.Grant,
      IdToken: OAUTH_TTL.IdToken,
    },
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    loadExistingGrant: async (ctx) => {
      const grantId =
        ctx.oidc.result?.consent?.grantId ??
        (ctx.oidc.client ? ctx.oidc.session?.grantIdFor(ctx.oidc.client.clientId) : undefined);
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => consentPath(interaction.uid),
    },
    // Browsers may call the token, revocation and introspection endpoints from any origin: the
    // app's own client authentication (or PKCE) is what protects them.
    clientBasedCORS: () => true,
    renderError: async (ctx, out) => renderOAuthError(ctx, out),
    enabledJWA: { idTokenSigningAlgValues: ["ES256"] },
  };

  const provider = new Provider(oauthIssuer(), configuration);
  // Behind our own handler (handle-request.ts), which sets the forwarded host and protocol from
  // PUBLIC_URL, never from the client's headers.
  provider.proxy = true;

  // Our token format (vlt_oat_/vlt_ort_ with a checksum), so scanners and the API recognise them.
  // (generateTokenId is the models' documented override point, missing from @types/oidc-provider.)
  type WithTokenId = { generateTokenId: (this: { format?: string }) => string };
  (provider.AccessToken.prototype as unknown as WithTokenId).generateTokenId = function () {
    this.format = "opaque";
    return generateToken("oat");
  };
  (provider.RefreshToken.prototype as unknown as WithTokenId).generateTokenId = () =>
    generateToken("ort");

  // Secrets live as SHA-256 hashes (oauth_client_secrets), up to two at once while rotating.
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(
    this: { clientId: string },
    actual: string,
  ) {
    const db = await getDb();
    const [row] = await db
      .select({ id: oauthClientSecrets.id })
      .from(oauthClientSecrets)
      .where(
        and(
          eq(oauthClientSecrets.appId, this.clientId),
          eq(oauthClientSecrets.secretHash, hashToken(actual)),
        ),
      );
    if (!row) return false;
    // Off the request's path; a lost update only leaves "last used" a little stale.
    void db
      .update(oauthClientSecrets)
      .set({ lastUsedAt: now() })
      .where(eq(oauthClientSecrets.id, row.id))
      .catch(() => {});
    return true;
  };

  // Exact redirect URIs, but any port on a loopback address (RFC 8252 §7.3): native apps and
  // CLIs listen on whatever port is free.
  const exactRedirect = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value: string) {
    if (exactRedirect.call(this, value)) return true;
    return this.redirectUris?.some((allowed) => isLoopbackVariant(allowed, value)) ?? false;
  };

  // RFC 8628 §3.5: a device polling faster than its interval is told to slow down (the provider
  // itself only ever answers authorization_pending).
  provider.use(async (ctx, next) => {
    await next();
    const params = ctx.oidc?.params as Record<string, unknown> | undefined;
    if (ctx.oidc?.route !== "token" || params?.grant_type !== DEVICE_CODE_GRANT) return;
    const body = ctx.body as { error?: string } | undefined;
    if (body?.error !== "authorization_pending" || typeof params.device_code !== "string") return;
    if (await polledTooSoon(params.device_code)) {
      ctx.body = {
        error: "slow_down",
        error_description: "polling too quickly: wait 5 seconds more between requests",
      };
    }
  });

  // What the provider revokes itself (a reused refresh token or code, a revoked refresh token)
  // ends our grant too, on every instance.
  provider.on("grant.revoked", (ctx: KoaContextWithOIDC, grantId: string) => {
    // At the token endpoint, only a spent code or refresh token presented again ends a grant.
    const reused = ctx.oidc?.route === "token";
    const headers = new Headers();
    for (const [name, value] of Object.entries(ctx.req.headers)) {
      if (typeof value === "string") headers.set(name, value);
    }
    void markGrantRevoked(grantId, reused, clientIp(headers)).catch(() => {});
  });

  return provider;
}

/**
 * Ends a grant the provider revoked (forget-grants.ts: every instance drops its tokens) and
 * audits it: a reuse detected at the token endpoint (theft or a broken client), or the app
 * revoking its own token (RFC 7009).
 */
export async function markGrantRevoked(
  grantId: string,
  reused: boolean,
  ip = "unknown",
): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [grant] = await tx
      .select({
        userId: oauthGrants.userId,
        organizationId: oauthGrants.organizationId,
        appId: oauthGrants.appId,
        appName: oauthApps.name,
      })
      .from(oauthGrants)
      .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
      .where(eq(oauthGrants.id, grantId));
    if (!grant) return;
    const revoked = await forgetGrants(tx, [grantId], {
      actor: null,
      reason: reused ? "reuse_detected" : "app_revoked",
    });
    if (revoked.length === 0) return;
    await recordAudit(
      tx,
      { userId: grant.userId, credentialId: grantId, ip },
      {
        action: reused ? "oauth_grant.reuse_detected" : "oauth_grant.revoked",
        organizationId: grant.organizationId,
        targetType: "oauth_grant",
        targetId: grantId,
        metadata: {
          app_id: grant.appId,
          reason: reused
            ? "a spent code or refresh token was presented again"
            : "revoked by the app",
        },
      },
    );
    if (reused) {
      await mailTokenReuse(tx, {
        userId: grant.userId,
        organizationId: grant.organizationId,
        credential: { kind: "app", appName: grant.appName },
      });
    }
  });
  kickWebhookOutbox();
  if (reused) kickEmailOutbox();
}

const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
export const DEVICE_POLL_INTERVAL_SECONDS = 5;

/**
 * Records this poll of a pending device code and says whether it came sooner than the device's
 * interval, which then grows by 5 seconds for every later poll (RFC 8628 §3.5). Kept in the
 * record itself, so every instance sees the same polls.
 */
async function polledTooSoon(deviceCode: string): Promise<boolean> {
  const db = await getDb();
  const id = hashToken(deviceCode);
  const where = and(eq(oauthStore.kind, "DeviceCode"), eq(oauthStore.id, id));
  const [row] = await db.select({ payload: oauthStore.payload }).from(oauthStore).where(where);
  if (!row) return false;
  const state = row.payload as { lastPolledAt?: number; pollInterval?: number };
  const at = nowMs();
  let interval = state.pollInterval ?? DEVICE_POLL_INTERVAL_SECONDS;
  const tooSoon = state.lastPolledAt !== undefined && at - state.lastPolledAt < interval * 1000;
  if (tooSoon) interval += 5;
  await db
    .update(oauthStore)
    .set({
      payload: sql`${oauthStore.payload} || ${JSON.stringify({ lastPolledAt: at, pollInterval: interval })}::jsonb`,
    })
    .where(where);
  return tooSoon;
}

async function appRegistration(clientId: string | undefined): Promise<string | undefined> {
  if (!clientId) return undefined;
  const db = await getDb();
  const [app] = await db
    .select({ registration: oauthApps.registration })
    .from(oauthApps)
    .where(eq(oauthApps.id, clientId));
  return app?.registration;
}
