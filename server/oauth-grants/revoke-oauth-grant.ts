import { eq } from "drizzle-orm";
import { oauthApps, oauthGrants } from "@/db/schema";
import { isId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { forgetGrants } from "./forget-grants";

const notFound = () => new ApiError("NOT_FOUND", "No grant with this id");

/**
 * Revokes a grant: the user who made it may (in any organization), and so may the owners and
 * admins of the organization it acts in (`write:oauth-apps` there). Its tokens are refused on
 * every instance from the next request. Idempotent: a revoked grant answers as it is.
 */
export async function revokeOAuthGrant(ctx: AuthContext, id: string): Promise<{ id: string }> {
  if (!isId("grant", id)) throw notFound();
  const result = await ctx.db.transaction(async (tx) => {
    const [grant] = await tx
      .select({
        id: oauthGrants.id,
        userId: oauthGrants.userId,
        organizationId: oauthGrants.organizationId,
        revokedAt: oauthGrants.revokedAt,
        appName: oauthApps.name,
        appId: oauthApps.id,
      })
      .from(oauthGrants)
      .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
      .where(eq(oauthGrants.id, id))
      .for("update", { of: oauthGrants });
    if (!grant) throw notFound();
    const own = grant.userId === ctx.user.id;
    const administers =
      grant.organizationId === ctx.organization.id && ctx.scopes.includes("write:oauth-apps");
    if (!own && !administers) throw new ApiError("FORBIDDEN");
    if (grant.revokedAt) return { id: grant.id };
    await forgetGrants(tx, [grant.id], { actor: ctx.user.id, reason: own ? "user" : "admin" });
    await recordAudit(tx, actorOf(ctx), {
      action: "oauth_grant.revoked",
      organizationId: grant.organizationId,
      targetType: "oauth_grant",
      targetId: grant.id,
      metadata: { app_id: grant.appId, app_name: grant.appName, user_id: grant.userId },
    });
    return { id: grant.id };
  });
  kickWebhookOutbox();
  return result;
}
