import { and, asc, desc, eq, ilike, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations } from "@/db/schema";
import { likeLiteral } from "@/lib/like-literal";
import type { Role } from "@/lib/roles";
import type { AuthContext } from "@/server/auth/auth-context";
import { afterCursor, cursorTime, type PageQuery, toPage } from "@/server/core/pagination";
import { type ActiveUser, findActiveUser } from "@/server/users/find-active-user";

/**
 * The caller's organizations, newest first; with admin:organizations every organization. An API
 * key without it is pinned to its own organization and sees only that one: its creator's other
 * memberships (their ids, names and roles) are not the key's to know. `q` narrows whichever of
 * these the caller may list to names containing it (the platform admin's switcher searches it).
 */
export async function listOrganizations(ctx: AuthContext, query: PageQuery & { q?: string }) {
  const { db } = ctx;
  const everything = ctx.scopes.includes("admin:organizations");
  // An app's token (OAuth) is pinned to the organization its grant names, like a key.
  const pinned =
    (ctx.credential.type === "api_key" || ctx.credential.type === "oauth") && !everything;
  const mine = db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, ctx.user.id));
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      thirdPartyAccess: organizations.thirdPartyAccess,
      plan: organizations.plan,
      createdAt: organizations.createdAt,
      cursorTime: cursorTime(organizations.createdAt),
      role: memberships.role,
    })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, ctx.user.id)),
    )
    .where(
      and(
        everything ? undefined : inArray(organizations.id, mine),
        pinned ? eq(organizations.id, ctx.credential.organizationId) : undefined,
        query.q ? ilike(organizations.name, `%${likeLiteral(query.q)}%`) : undefined,
        query.cursor
          ? afterCursor(organizations.createdAt, organizations.id, query.cursor)
          : undefined,
      ),
    )
    .orderBy(desc(organizations.createdAt), desc(organizations.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    third_party_access: r.thirdPartyAccess,
    plan: r.plan,
    created_at: r.createdAt.toISOString(),
  }));
}

export interface OrganizationChoice {
  id: string;
  name: string;
  /** Null when a platform admin may enter without being a member. */
  role: Role | null;
}

/**
 * What every dashboard page embeds for the organization switcher: the user's memberships, by
 * name, and the organization a platform admin is visiting without belonging to it. Never every
 * organization: a platform admin searches the others (GET /organizations?q=), so the page does
 * not grow with the platform.
 */
export async function listSwitcherOrganizations(
  user: ActiveUser,
  currentOrganizationId: string | undefined,
): Promise<OrganizationChoice[]> {
  const db = await getDb();
  const rows: OrganizationChoice[] = await db
    .select({ id: organizations.id, name: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(organizations.name));
  if (
    user.isPlatformAdmin &&
    currentOrganizationId &&
    !rows.some((org) => org.id === currentOrganizationId)
  ) {
    const [visited] = await db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, currentOrganizationId));
    if (visited) rows.push({ ...visited, role: null });
  }
  return rows;
}

/** Whether the user may enter the organization: a member of it, or a platform admin. */
export async function canEnterOrganization(
  userId: string,
  organizationId: string,
): Promise<boolean> {
  const user = await findActiveUser(userId);
  if (!user) return false;
  const db = await getDb();
  const [row] = await db
    .select({ role: memberships.role })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, userId)),
    )
    .where(eq(organizations.id, organizationId));
  return Boolean(row && (row.role !== null || user.isPlatformAdmin));
}
