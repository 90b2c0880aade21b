import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { findActiveUser } from "@/server/users/find-active-user";

export interface OrganizationChoice {
  id: string;
  name: string;
  /** Null when a platform admin may enter without being a member. */
  role: Role | null;
}

/** Organizations the user may switch to: its memberships, or every one for a platform admin. */
export async function listEnterableOrganizations(userId: string): Promise<OrganizationChoice[]> {
  const db = await getDb();
  const user = await findActiveUser(userId);
  if (!user) return [];
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, role: memberships.role })
    .from(organizations)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, organizations.id), eq(memberships.userId, userId)),
    )
    .orderBy(asc(organizations.name));
  return rows.filter((row) => row.role !== null || user.isPlatformAdmin);
}

export async function canEnterOrganization(
  userId: string,
  organizationId: string,
): Promise<boolean> {
  const choices = await listEnterableOrganizations(userId);
  return choices.some((org) => org.id === organizationId);
}
