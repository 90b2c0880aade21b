import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations, type Role, users } from "@/db/schema";
import { isId } from "@/lib/ids";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { ensureAuthListener } from "@/server/auth/auth-bus";
import { authCacheGeneration, getAuthCached, setAuthCached } from "@/server/auth/auth-cache";
import type { AuthContext, Credential } from "@/server/auth/principal";
import { ApiError } from "@/server/http/api-error";
import { scopesFor } from "@/server/scopes/catalogue";

// A platform admin acting in an organization it does not belong to gets an admin's scopes there.
export const PLATFORM_ADMIN_ROLE: Role = "admin";

interface Principal {
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean } | null;
  organizations: { id: string; name: string; role: Role | null }[];
}

/**
 * Decides which organization a request acts in and what it may do there. The account's state
 * and memberships come from the auth-state cache, which every change to them evicts on every
 * instance (auth-bus.ts), so a removed or disabled user loses every credential at once.
 */
export async function resolveAuthContext(
  credential: Credential,
  requestedOrganizationId: string | null,
  meta: { requestId: string; ip: string },
): Promise<AuthContext> {
  const home = credential.organizationId;
  const target = requestedOrganizationId ?? home;
  if (!isId("org", target)) throw new ApiError("FORBIDDEN");

  const { user, organizations: rows } = await loadPrincipal(credential.userId, home, target);
  if (!user) throw new ApiError("UNAUTHORIZED", undefined, { reason: "disabled" });
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
    // The row is this organization's to read (GET /audit-logs): it names the admin and the
    // credential, never the admin's home organization, which is another tenant's id.
    metadata: { credentialType: context.credential.type },
  });
}

/** The user (null when missing or disabled) and its role in two organizations: one query. */
async function loadPrincipal(userId: string, home: string, target: string): Promise<Principal> {
  const key = `principal:${userId}|${home}|${target}`;
  const cached = getAuthCached<Principal>(key);
  if (cached) return cached;
  void ensureAuthListener();
  const generation = authCacheGeneration();
  const ids = [...new Set([home, target])];
  const db = await getDb();
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isPlatformAdmin: users.isPlatformAdmin,
      disabledAt: users.disabledAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      role: memberships.role,
    })
    .from(users)
    .leftJoin(organizations, inArray(organizations.id, ids))
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, users.id)),
    )
    .where(eq(users.id, userId));
  const [first] = rows;
  const principal: Principal = {
    user:
      first && !first.disabledAt
        ? {
            id: first.id,
            email: first.email,
            name: first.name,
            isPlatformAdmin: first.isPlatformAdmin,
          }
        : null,
    organizations: rows.flatMap((r) =>
      r.organizationId && r.organizationName
        ? [{ id: r.organizationId, name: r.organizationName, role: r.role }]
        : [],
    ),
  };
  setAuthCached(key, principal, { userId, organizationIds: ids }, generation);
  return principal;
}
