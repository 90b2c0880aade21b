import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { invitations, organizations } from "@/db/schema";
import { now } from "@/lib/clock";
import { hashToken } from "@/server/tokens/format";

/** What /invite/<token> shows before accepting: null when the link is no longer valid. */
export async function describeInvitation(token: string) {
  const db = await getDb();
  const [row] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      organization: organizations.name,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= now()) return null;
  // Never whether the address has an account: the sender holds this link too.
  return { email: row.email, role: row.role, organization: row.organization };
}
