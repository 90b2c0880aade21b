import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { memberships, users } from "@/db/schema";

/** The addresses of an organization's owners whose accounts are active: who hears of trouble. */
export async function ownerAddresses(db: Db | Tx, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, "owner"),
        isNull(users.disabledAt),
      ),
    );
  return rows.map((r) => r.email);
}
