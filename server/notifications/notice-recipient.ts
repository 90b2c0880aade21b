import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { organizations, users } from "@/db/schema";

/**
 * Where a notice about a user's credential in an organization goes: the account's address and
 * the organization's name, or null when there is no one to tell (deleted or disabled account).
 */
export async function noticeRecipient(
  tx: Db | Tx,
  userId: string,
  organizationId: string,
): Promise<{ email: string; organization: string } | null> {
  const [user] = await tx
    .select({ email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.disabledAt) return null;
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return { email: user.email, organization: organization?.name ?? "your organization" };
}
