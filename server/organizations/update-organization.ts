import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, oauthApps, oauthGrants, organizations } from "@/db/schema";
import { isId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { ApiError } from "@/server/core/api-error";
import { forgetGrants } from "@/server/oauth-grants/forget-grants";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import type { PublicOrganization, UpdateOrganizationInput } from "./schemas";

/**
 * PATCH /organizations/{id}: owners and admins of that organization rename it; owners set which
 * third-party apps may act in it (`third_party_access`). Each change is audited.
 */
export async function updateOrganization(
  ctx: AuthContext,
  id: string,
  input: UpdateOrganizationInput,
): Promise<PublicOrganization> {
  if (!isId("org", id)) throw new ApiError("NOT_FOUND", "No organization with this id");
  // Organizations are managed by people (a user token or the dashboard), never by API keys or
  // third-party apps.
  if (ctx.credential.type === "api_key" || ctx.credential.type === "oauth") {
    throw new ApiError("FORBIDDEN", "Organizations cannot be changed with an API key or app token");
  }
  const result = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: organizations.id,
        name: organizations.name,
        thirdPartyAccess: organizations.thirdPartyAccess,
        createdAt: organizations.createdAt,
        role: memberships.role,
      })
      .from(organizations)
      .leftJoin(
        memberships,
        and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, ctx.user.id)),
      )
      .where(eq(organizations.id, id))
      .for("update", { of: organizations });
    // Another organization's existence is never revealed to someone who cannot manage it.
    const admin = ctx.scopes.includes("admin:organizations");
    if (!row || (!row.role && !admin)) throw organizationNotAllowed();
    if (row.role === "member" || (!row.role && !admin)) {
      throw new ApiError("FORBIDDEN", "Only owners and admins can change the organization");
    }
    const name = input.name ?? row.name;
    const thirdPartyAccess = input.third_party_access ?? row.thirdPartyAccess;
    if (thirdPartyAccess !== row.thirdPartyAccess && row.role !== "owner" && !admin) {
      throw new ApiError("FORBIDDEN", "Only owners decide which third-party apps may act here");
    }
    await tx.update(organizations).set({ name, thirdPartyAccess }).where(eq(organizations.id, id));
    // Contexts carry the organization's name (/auth/me) and apps' grants its policy: every
    // instance reloads them.
    await publishAuthChange(tx, { organizationId: id });
    if (name !== row.name) {
      await recordAudit(tx, actorOf(ctx), {
        action: "organization.renamed",
        organizationId: id,
        targetType: "organization",
        targetId: id,
        metadata: { from: row.name, to: name },
      });
    }
    if (thirdPartyAccess !== row.thirdPartyAccess) {
      // Grants the new policy forbids stop working now, not only new authorizations.
      const revoked =
        thirdPartyAccess === "own_apps" ? await forgetForeignGrants(tx, id, ctx.user.id) : [];
      await recordAudit(tx, actorOf(ctx), {
        action: "organization.third_party_access_changed",
        organizationId: id,
        targetType: "organization",
        targetId: id,
        metadata: {
          from: row.thirdPartyAccess,
          to: thirdPartyAccess,
          grants_revoked: revoked.length,
        },
      });
    }
    return {
      id,
      name,
      role: row.role,
      third_party_access: thirdPartyAccess,
      created_at: row.createdAt.toISOString(),
    };
  });
  kickWebhookOutbox();
  return result;
}

/** Revokes the organization's grants to apps it did not register (another's, or dynamic ones). */
async function forgetForeignGrants(
  tx: Tx,
  organizationId: string,
  actor: string,
): Promise<string[]> {
  const foreign = await tx
    .select({ id: oauthGrants.id })
    .from(oauthGrants)
    .innerJoin(oauthApps, eq(oauthApps.id, oauthGrants.appId))
    .where(
      and(
        eq(oauthGrants.organizationId, organizationId),
        isNull(oauthGrants.revokedAt),
        or(isNull(oauthApps.organizationId), ne(oauthApps.organizationId, organizationId)),
      ),
    );
  return forgetGrants(
    tx,
    foreign.map((g) => g.id),
    { actor, reason: "organization_policy" },
  );
}
