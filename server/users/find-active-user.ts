import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";

export interface ActiveUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  createdAt: Date;
}

/** The user, unless it does not exist or its account is disabled. Read fresh, never cached. */
export async function findActiveUser(userId: string): Promise<ActiveUser | null> {
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isPlatformAdmin: users.isPlatformAdmin,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  const { disabledAt: _disabled, ...active } = user;
  return active;
}
