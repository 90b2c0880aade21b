import { and, eq } from "drizzle-orm";
import { memberships, organizations } from "@/db/schema";
import { isId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { ApiError } from "@/server/core/api-error";
import type { OrganizationNameInput, PublicOrganization } from "./schemas";

/** PATCH /organizations/{id}: owners and admins of that organization rename it. */
export async function renameOrganization(
  ctx: AuthContext,
  id: string,
  input: OrganizationNameInput,
): Promise<PublicOrganization> {
  if (!isId("org", id)) throw new ApiError("NOT_FOUND", "No organization with this id");
  // Organizations are managed by people (a user token or the dashboard), never by API keys or
  // third-party apps.
  if (ctx.credential.type === "api_key" || ctx.credential.type === "oauth") {
    throw new ApiError("FORBIDDEN", "Organizations cannot be renamed with an API key or app token");
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: organizations.id,
        name: organizations.name,
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
    if (!row || (!row.role && !admin)) throw new ApiError("FORBIDDEN");
    if (row.role === "member" || (!row.role && !admin)) {
      throw new ApiError("FORBIDDEN", "Only owners and admins can rename the organization");
    }
    await tx.update(organizations).set({ name: input.name }).where(eq(organizations.id, id));
    // Contexts carry the organization's name (/auth/me): every instance reloads them.
    await publishAuthChange(tx, { organizationId: id });
    await recordAudit(tx, actorOf(ctx), {
      action: "organization.renamed",
      organizationId: id,
      targetType: "organization",
      targetId: id,
      metadata: { from: row.name, to: input.name },
    });
    return {
      id,
      name: input.name,
      role: row.role,
      created_at: row.createdAt.toISOString(),
    };
  });
}
