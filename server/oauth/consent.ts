import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Interaction } from "oidc-provider";
import { getDb } from "@/db";
import { memberships, oauthApps, oauthGrants, organizations, users } from "@/db/schema";
import { newId } from "@/lib/ids";
import type { Role } from "@/lib/roles";
import { SCOPES, type Scope } from "@/lib/scopes";
import { recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { ApiError } from "@/server/core/api-error";
import { kickEmailOutbox } from "@/server/email/outbox";
import { mailAppAuthorized } from "@/server/notifications/mail-app-authorized";
import { scopesFor } from "@/server/scopes/catalogue";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { consentCsrfKey } from "./keys";
import { consentPath } from "./pages";
import { getOAuthProvider } from "./provider";
import { oauthIssuer, oauthResource } from "./resource";

export interface ConsentOrganization {
  id: string;
  name: string;
  role: Role;
  /** Scopes of the request the user holds there (what would be granted). */
  grantable: Scope[];
  /** Why this organization cannot authorize the app, if it cannot. */
  refusal: string | null;
}

export interface ConsentRequest {
  uid: string;
  /** "login" when the provider has no sign-in yet, else "consent". */
  prompt: string;
  app: {
    id: string;
    name: string;
    homepageUrl: string | null;
    registration: "dashboard" | "dynamic";
    /** The organization that registered it; null for dynamically registered apps. */
    organizationId: string | null;
    organizationName: string | null;
  };
  /** Host of the redirect URI (code flow) or null (device flow). */
  redirectHost: string | null;
  requestedScopes: Scope[];
  /** Scopes asked for that are not in our catalogue (ignored, shown as unknown). */
  unknownScopes: string[];
  organizations: ConsentOrganization[];
  /** prompt=consent was asked for: never skip the screen. */
  forceConsent: boolean;
  device: boolean;
}

const store = () => getOAuthProvider();

/**
 * The interaction the browser's own `_interaction` cookie names, which must be `uid`: a person
 * can only answer an authorization request their browser started (otherwise an attacker could
 * start one, send its consent link to a victim, and resume it with the victim's approval).
 */
export async function findBrowserInteraction(
  uid: string,
  cookieHeader: string | null,
): Promise<Interaction> {
  const provider = store();
  const issuer = new URL(oauthIssuer());
  // oidc-provider reads (and verifies the signature of) its cookies through a Koa context.
  const req = {
    headers: {
      cookie: cookieHeader ?? "",
      host: issuer.host,
      "x-forwarded-proto": issuer.protocol.slice(0, -1),
    },
    url: consentPath(uid),
    method: "GET",
    socket: {},
  } as unknown as IncomingMessage;
  const res = {
    getHeader: () => undefined,
    setHeader: () => {},
    removeHeader: () => {},
  } as unknown as ServerResponse;
  let interaction: Interaction;
  try {
    interaction = await provider.interactionDetails(req, res);
  } catch {
    throw new ApiError("NOT_FOUND", "This authorization request has expired or is not yours");
  }
  if (interaction.uid !== uid) {
    throw new ApiError("NOT_FOUND", "This authorization request has expired or is not yours");
  }
  return interaction;
}

/** Everything the consent screen shows, for the signed-in user. */
export async function describeConsent(
  interaction: Interaction,
  userId: string,
): Promise<ConsentRequest> {
  const db = await getDb();
  const clientId = String(interaction.params.client_id ?? "");
  const [app] = await db
    .select({
      id: oauthApps.id,
      name: oauthApps.name,
      homepageUrl: oauthApps.homepageUrl,
      registration: oauthApps.registration,
      organizationId: oauthApps.organizationId,
      organizationName: organizations.name,
    })
    .from(oauthApps)
    .leftJoin(organizations, eq(organizations.id, oauthApps.organizationId))
    .where(eq(oauthApps.id, clientId));
  if (!app) throw new ApiError("NOT_FOUND", "This app no longer exists");

  const asked = String(interaction.params.scope ?? "")
    .split(" ")
    .filter(Boolean);
  const requestedScopes = SCOPES.filter((s) => asked.includes(s));
  const unknownScopes = asked.filter((s) => !(SCOPES as readonly string[]).includes(s));

  const [user] = await db
    .select({ isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!user) throw new ApiError("UNAUTHORIZED");
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      role: memberships.role,
      thirdPartyAccess: organizations.thirdPartyAccess,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name);

  const redirectUri =
    typeof interaction.params.redirect_uri === "string" ? interaction.params.redirect_uri : null;
  return {
    uid: interaction.uid,
    prompt: interaction.prompt.name,
    app: {
      id: app.id,
      name: app.name,
      homepageUrl: app.homepageUrl,
      registration: app.registration,
      organizationId: app.organizationId,
      organizationName: app.organizationName,
    },
    redirectHost: redirectUri && URL.canParse(redirectUri) ? new URL(redirectUri).host : null,
    requestedScopes,
    unknownScopes,
    organizations: rows.map((row) => {
      // Scopes are capped by the role there, the way a key's are by its creator's.
      const held = scopesFor(row.role, user.isPlatformAdmin);
      const refused =
        row.thirdPartyAccess === "own_apps" && app.organizationId !== row.id
          ? "This organization only allows apps it registered itself."
          : null;
      return {
        id: row.id,
        name: row.name,
        role: row.role,
        grantable: requestedScopes.filter((s) => held.includes(s)),
        refusal: refused,
      };
    }),
    forceConsent: String(interaction.params.prompt ?? "")
      .split(" ")
      .includes("consent"),
    device: Boolean(interaction.deviceCode),
  };
}

/** The consent form's CSRF token: bound to the interaction and the signed-in user. */
export function consentCsrfToken(uid: string, userId: string): string {
  return createHmac("sha256", consentCsrfKey()).update(`${uid}\n${userId}`).digest("base64url");
}

export function checkConsentCsrf(uid: string, userId: string, presented: unknown): void {
  const expected = Buffer.from(consentCsrfToken(uid, userId));
  const given = Buffer.from(typeof presented === "string" ? presented : "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError("FORBIDDEN", "The consent form expired or did not come from this site");
  }
}

/**
 * The user's active grant to this app in this organization with at least these scopes: a
 * repeat authorization that may skip the screen (never for dynamic apps or prompt=consent).
 */
export async function findReusableGrant(
  request: ConsentRequest,
  userId: string,
): Promise<{ organizationId: string } | null> {
  if (request.forceConsent || request.app.registration === "dynamic") return null;
  const db = await getDb();
  const rows = await db
    .select({ organizationId: oauthGrants.organizationId, scopes: oauthGrants.scopes })
    .from(oauthGrants)
    .where(
      and(
        eq(oauthGrants.appId, request.app.id),
        eq(oauthGrants.userId, userId),
        isNull(oauthGrants.revokedAt),
      ),
    )
    .orderBy(desc(oauthGrants.createdAt));
  for (const row of rows) {
    const org = request.organizations.find((o) => o.id === row.organizationId);
    if (!org || org.refusal) continue;
    const wanted = org.grantable;
    if (wanted.length > 0 && wanted.every((s) => row.scopes.includes(s))) {
      return { organizationId: row.organizationId };
    }
  }
  return null;
}

/**
 * Authorize: records the user's grant (one per app, user and organization, its scopes replaced),
 * gives the provider the same grant under the same id, and finishes the interaction. Returns
 * where the browser goes next (the provider's resume address).
 */
export async function approveConsent(
  interaction: Interaction,
  userId: string,
  organizationId: string,
  ip = "unknown",
): Promise<string> {
  const request = await describeConsent(interaction, userId);
  const organization = request.organizations.find((o) => o.id === organizationId);
  if (!organization) throw new ApiError("FORBIDDEN", "You are not a member of this organization");
  if (organization.refusal) throw new ApiError("FORBIDDEN", organization.refusal);
  const granted = organization.grantable;
  if (granted.length === 0) {
    return finish(interaction, {
      error: "invalid_scope",
      error_description: "none of the requested scopes can be granted",
    });
  }
  const rejected = request.requestedScopes.filter((s) => !granted.includes(s));

  const db = await getDb();
  const grantId = await db.transaction(async (tx) => {
    // One approval at a time per user: two tabs authorizing the same app at once find the
    // grant the first one made instead of making a second.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("no key update");
    const [existing] = await tx
      .select({ id: oauthGrants.id })
      .from(oauthGrants)
      .where(
        and(
          eq(oauthGrants.appId, request.app.id),
          eq(oauthGrants.userId, userId),
          eq(oauthGrants.organizationId, organizationId),
          isNull(oauthGrants.revokedAt),
        ),
      );
    if (existing) {
      await tx.update(oauthGrants).set({ scopes: granted }).where(eq(oauthGrants.id, existing.id));
      // Tokens already issued keep at most the new scopes: drop their cached credentials.
      await publishAuthChange(tx, { credentialIds: [existing.id] });
      return existing.id;
    }
    const id = newId("grant");
    await tx.insert(oauthGrants).values({
      id,
      appId: request.app.id,
      userId,
      organizationId,
      scopes: granted,
    });
    await recordAudit(
      tx,
      { userId, credentialId: "session", ip },
      {
        action: "oauth_grant.created",
        organizationId,
        targetType: "oauth_grant",
        targetId: id,
        metadata: { app_id: request.app.id, app_name: request.app.name, scopes: granted },
      },
    );
    await publishEvent(tx, organizationId, "oauth_grant.created", {
      id,
      app_id: request.app.id,
      app_name: request.app.name,
      user_id: userId,
      scopes: granted,
      actor: userId,
    });
    await mailAppAuthorized(tx, {
      userId,
      organizationId,
      appName: request.app.name,
      scopes: granted,
    });
    return id;
  });
  kickWebhookOutbox();
  kickEmailOutbox();

  const provider = store();
  const grant = new provider.Grant({ accountId: userId, clientId: request.app.id });
  // The provider's grant shares our grant's id, so its tokens carry it (grantId) and revoking
  // ours finds all of them.
  grant.jti = grantId;
  grant.addResourceScope(oauthResource(), granted.join(" "));
  if (rejected.length) grant.rejectResourceScope(oauthResource(), rejected.join(" "));
  if (
    String(interaction.params.scope ?? "")
      .split(" ")
      .includes("openid")
  ) {
    grant.addOIDCScope("openid");
  }
  await grant.save();

  return finish(interaction, { login: { accountId: userId }, consent: { grantId } });
}

/** Cancel: the app receives error=access_denied at its redirect URI (or its device poll). */
export async function denyConsent(interaction: Interaction): Promise<string> {
  return finish(interaction, {
    error: "access_denied",
    error_description: "The user denied the authorization request",
  });
}

async function finish(interaction: Interaction, result: Record<string, unknown>): Promise<string> {
  interaction.result = result;
  const remaining = Math.max(1, (interaction.exp ?? 0) - Math.floor(Date.now() / 1000));
  await interaction.save(remaining);
  return interaction.returnTo;
}

export interface ConsentDecision {
  uid: string;
  /** The browser's Cookie header: its `_interaction` cookie must name `uid`. */
  cookieHeader: string | null;
  /** Origin of the form post (the Origin header); must be this site's. */
  origin: string | null;
  /** The signed-in user (the dashboard session), or null. */
  userId: string | null;
  /** The client address, for the audit log. */
  ip: string;
  form: { csrf?: unknown; action?: unknown; organization_id?: unknown };
}

/**
 * The consent form's POST: same origin, the signed-in user's CSRF token for this interaction,
 * the browser that started it; then Authorize or Cancel. Returns where the browser goes next.
 */
export async function decideConsent(decision: ConsentDecision): Promise<string> {
  if (decision.origin !== new URL(oauthIssuer()).origin) {
    throw new ApiError("FORBIDDEN", "The consent form must be sent from this site");
  }
  if (!decision.userId) throw new ApiError("UNAUTHORIZED");
  checkConsentCsrf(decision.uid, decision.userId, decision.form.csrf);
  const interaction = await findBrowserInteraction(decision.uid, decision.cookieHeader);
  if (decision.form.action === "cancel") return denyConsent(interaction);
  if (decision.form.action !== "authorize" || typeof decision.form.organization_id !== "string") {
    throw new ApiError("VALIDATION_ERROR", "Choose an organization and Authorize or Cancel");
  }
  return approveConsent(interaction, decision.userId, decision.form.organization_id, decision.ip);
}
