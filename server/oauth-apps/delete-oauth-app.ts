import { eq, sql } from "drizzle-orm";
import { oauthApps, oauthGrants, oauthStore } from "@/db/schema";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { forgetGrants } from "@/server/oauth-grants/forget-grants";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { findOrganizationApp } from "./find-oauth-app";

/**
 * Deletes an app and, with it, everything it holds: its secrets and grants (cascade), and every
 * code, token and pending authorization the authorization server keeps for it. Its tokens are
 * refused on every instance once this commits. A platform admin's visit may delete (a visit is
 * read and revoke only).
 */
export async function deleteOAuthApp(ctx: AuthContext, id: string): Promise<{ id: string }> {
  requireScope(ctx, "write:oauth-apps");
  const result = await ctx.db.transaction(async (tx) => {
    const app = await findOrganizationApp(tx, ctx, id, { lock: true });
    const grants = await tx
      .select({ id: oauthGrants.id })
      .from(oauthGrants)
      .where(eq(oauthGrants.appId, app.id));
    const revoked = await forgetGrants(
      tx,
      grants.map((g) => g.id),
      { actor: ctx.user.id, reason: "app_deleted" },
    );
    // What hangs off no grant yet: pending authorizations, codes, device codes.
    await tx.delete(oauthStore).where(sql`${oauthStore.payload}->>'clientId' = ${app.id}`);
    await tx.delete(oauthApps).where(eq(oauthApps.id, app.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "oauth_app.deleted",
      organizationId: ctx.organization.id,
      targetType: "oauth_app",
      targetId: app.id,
      metadata: { name: app.name, grants_revoked: revoked.length },
    });
    return { id: app.id };
  });
  kickWebhookOutbox();
  return result;
}
