import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, type Role, users } from "@/db/schema";

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  joined_at: Date;
}

const memberColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joined_at: memberships.createdAt,
};

/** Members of one organization; the organization is required so it cannot be forgotten. */
export async function listMembers(organizationId: string): Promise<Member[]> {
  const db = await getDb();
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(users.name));
}

export async function getMember(organizationId: string, userId: string): Promise<Member | null> {
  const db = await getDb();
  const [member] = await db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return member ?? null;
}
