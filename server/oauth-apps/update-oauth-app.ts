import { eq } from "drizzle-orm";
import { oauthApps } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { requireFeature } from "@/server/organizations/governance";
import { findOrganizationApp } from "./find-oauth-app";
import { toPublicOAuthApp } from "./public-oauth-app";
import type { PublicOAuthApp, UpdateOAuthAppInput } from "./schemas";

/**
 * Changes an app's name, homepage or redirect URIs; audited with the before and after of each
 * field that changed. A redirect URI taken away is refused from the next authorization request.
 */
export async function updateOAuthApp(
  ctx: AuthContext,
  id: string,
  input: UpdateOAuthAppInput,
): Promise<PublicOAuthApp> {
  requireScope(ctx, "write:oauth-apps");
  assertMember(ctx, "change OAuth apps");
  return ctx.db.transaction(async (tx) => {
    const app = await findOrganizationApp(tx, ctx, id, { lock: true });
    // Kept read-only on a plan without OAuth apps (after a downgrade): never deleted.
    await requireFeature(tx, ctx.organization.id, "oauth_apps");
    const next = {
      name: input.name ?? app.name,
      redirectUris: input.redirect_uris ?? app.redirectUris,
      homepageUrl: input.homepage_url === undefined ? app.homepageUrl : input.homepage_url,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (next.name !== app.name) changes.name = { from: app.name, to: next.name };
    if (next.homepageUrl !== app.homepageUrl) {
      changes.homepage_url = { from: app.homepageUrl, to: next.homepageUrl };
    }
    if (next.redirectUris.join("\n") !== app.redirectUris.join("\n")) {
      changes.redirect_uris = { from: app.redirectUris, to: next.redirectUris };
    }
    if (Object.keys(changes).length === 0) return toPublicOAuthApp(tx, app);
    const updatedAt = now();
    await tx
      .update(oauthApps)
      .set({ ...next, updatedAt })
      .where(eq(oauthApps.id, app.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "oauth_app.updated",
      organizationId: ctx.organization.id,
      targetType: "oauth_app",
      targetId: app.id,
      metadata: { name: next.name, changes },
    });
    return toPublicOAuthApp(tx, { ...app, ...next, updatedAt });
  });
}
