import { and, eq } from "drizzle-orm";
import { oauthClientSecrets } from "@/db/schema";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { findOrganizationApp } from "./find-oauth-app";
import { toPublicOAuthApp } from "./public-oauth-app";
import type { PublicOAuthApp } from "./schemas";

/**
 * Deletes one client secret: the token endpoint refuses it from the next request on. Tokens the
 * app already holds keep working (revoke its grants for that); answers the app as it is now.
 */
export async function deleteClientSecret(
  ctx: AuthContext,
  appId: string,
  secretId: string,
): Promise<PublicOAuthApp> {
  requireScope(ctx, "write:oauth-apps");
  return ctx.db.transaction(async (tx) => {
    const app = await findOrganizationApp(tx, ctx, appId, { lock: true });
    const [deleted] = await tx
      .delete(oauthClientSecrets)
      .where(and(eq(oauthClientSecrets.id, secretId), eq(oauthClientSecrets.appId, app.id)))
      .returning({ id: oauthClientSecrets.id, last4: oauthClientSecrets.last4 });
    if (!deleted) throw new ApiError("NOT_FOUND", "This app has no client secret with this id");
    await recordAudit(tx, actorOf(ctx), {
      action: "oauth_app.secret_revoked",
      organizationId: ctx.organization.id,
      targetType: "oauth_app",
      targetId: app.id,
      metadata: { name: app.name, secret_id: deleted.id, last4: deleted.last4 },
    });
    return toPublicOAuthApp(tx, app);
  });
}
