import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { type ActiveUser, findActiveUser } from "@/server/users/find-active-user";

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
