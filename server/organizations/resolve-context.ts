import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations, type Role } from "@/db/schema";
import { isId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext, Credential } from "@/server/auth/principal";
import { ApiError } from "@/server/http/api-error";
import { scopesFor } from "@/server/scopes/catalogue";
import { findActiveUser } from "@/server/users/find-active-user";

// A platform admin acting in an organization it does not belong to gets an admin's scopes there.
export const PLATFORM_ADMIN_ROLE: Role = "admin";

/**
 * Decides which organization a request acts in and what it may do there. Account state and
 * membership are read on every request (never cached), so a removed or disabled user loses
 * every credential at once.
 */
export async function resolveAuthContext(
  credential: Credential,
  requestedOrganizationId: string | null,
  meta: { requestId: string; ip: string },
): Promise<AuthContext> {
  const db = await getDb();
  const user = await findActiveUser(credential.userId);
  if (!user) throw new ApiError("UNAUTHORIZED", undefined, { reason: "disabled" });

  const home = credential.organizationId;
  const target = requestedOrganizationId ?? home;
  if (!isId("org", target)) throw new ApiError("FORBIDDEN");

  const rows = await db
    .select({ id: organizations.id, name: organizations.name, role: memberships.role })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, user.id)),
    )
    .where(inArray(organizations.id, [...new Set([home, target])]));
  const homeRow = rows.find((r) => r.id === home);
  const targetRow = rows.find((r) => r.id === target);

  // The credential's own organization must still accept its user. Keys and tokens belong to
  // members; only a platform admin's browser session may sit in an organization without that.
  const homeAccepts = credential.type === "session" ? user.isPlatformAdmin : false;
  if (!homeRow || (!homeRow.role && !homeAccepts)) {
    throw new ApiError("UNAUTHORIZED", undefined, { reason: "membership" });
  }
  if (!targetRow) throw new ApiError("FORBIDDEN");

  const overridden = target !== home;
  if (overridden) {
    // An API key is pinned to its organization unless it holds admin:organizations; a user
    // token or session may enter organizations its user belongs to, or any as a platform admin.
    const allowed =
      credential.type === "api_key"
        ? user.isPlatformAdmin && Boolean(credential.keyScopes?.includes("admin:organizations"))
        : Boolean(targetRow.role) || user.isPlatformAdmin;
    if (!allowed) throw new ApiError("FORBIDDEN");
  }

  const role = targetRow.role ?? PLATFORM_ADMIN_ROLE;
  const roleScopes = scopesFor(role, user.isPlatformAdmin);
  const scopes = credential.keyScopes
    ? roleScopes.filter((s) => credential.keyScopes?.includes(s))
    : roleScopes;

  const context: AuthContext = {
    ...meta,
    credential,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      isPlatformAdmin: user.isPlatformAdmin,
    },
    organization: { id: targetRow.id, name: targetRow.name },
    role,
    scopes,
    overridden,
    isMember: Boolean(targetRow.role),
  };
  return context;
}

/** Every request a platform admin makes in an organization it does not belong to is audited. */
export async function auditOverride(context: AuthContext): Promise<void> {
  if (!context.overridden || context.isMember) return;
  await recordAudit(await getDb(), actorOf(context), {
    action: "organization.override",
    organizationId: context.organization.id,
    targetType: "organization",
    targetId: context.organization.id,
    metadata: { from: context.credential.organizationId, credentialType: context.credential.type },
  });
}
