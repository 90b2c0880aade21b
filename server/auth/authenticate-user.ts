import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "@/lib/password";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
}

/**
 * Email + password check shared by the login page and POST /auth/token. An unknown email costs
 * the same scrypt work as a wrong password, so the two cannot be told apart by timing.
 */
export async function authenticateUser(
  email: string,
  password: string,
): Promise<AuthenticatedUser | null> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin };
}

/** The organization a fresh login starts in: the user's oldest membership, or for a platform
 * admin without one, the oldest organization. */
export async function defaultOrganizationId(user: {
  id: string;
  isPlatformAdmin: boolean;
}): Promise<string | null> {
  const db = await getDb();
  const [membership] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (membership) return membership.organizationId;
  if (!user.isPlatformAdmin) return null;
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .orderBy(asc(organizations.createdAt))
    .limit(1);
  return org?.id ?? null;
}
