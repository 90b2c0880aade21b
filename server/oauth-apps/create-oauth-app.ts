import { oauthApps } from "@/db/schema";
import { newId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { assertRoomFor } from "@/server/organizations/assert-room";
import { requireFeature } from "@/server/organizations/governance";
import { insertClientSecret } from "./create-client-secret";
import { findOrganizationApp } from "./find-oauth-app";
import { toPublicOAuthApp } from "./public-oauth-app";
import type { CreateOAuthAppInput } from "./schemas";

export const MAX_OAUTH_APPS_PER_ORGANIZATION = 100;

/**
 * Registers an app of the organization, with its audit record, in one transaction. A
 * confidential app gets its first client secret, returned this once; a public one has none.
 */
export async function createOAuthApp(ctx: AuthContext, input: CreateOAuthAppInput) {
  requireScope(ctx, "write:oauth-apps");
  assertMember(ctx, "register OAuth apps");
  return ctx.db.transaction(async (tx) => {
    await requireFeature(tx, ctx.organization.id, "oauth_apps");
    await assertRoomFor(
      tx,
      ctx.organization.id,
      oauthApps,
      MAX_OAUTH_APPS_PER_ORGANIZATION,
      "OAuth apps",
    );
    const id = newId("app");
    await tx.insert(oauthApps).values({
      id,
      organizationId: ctx.organization.id,
      createdBy: ctx.user.id,
      name: input.name,
      homepageUrl: input.homepage_url ?? null,
      redirectUris: input.redirect_uris,
      clientType: input.client_type,
      registration: "dashboard",
    });
    const secret =
      input.client_type === "confidential"
        ? await insertClientSecret(tx, id, ctx.user.id)
        : undefined;
    await recordAudit(tx, actorOf(ctx), {
      action: "oauth_app.created",
      organizationId: ctx.organization.id,
      targetType: "oauth_app",
      targetId: id,
      metadata: {
        name: input.name,
        client_type: input.client_type,
        redirect_uris: input.redirect_uris,
        homepage_url: input.homepage_url ?? null,
      },
    });
    const app = await toPublicOAuthApp(tx, await findOrganizationApp(tx, ctx, id));
    return secret ? { ...app, client_secret: secret.client_secret } : app;
  });
}
