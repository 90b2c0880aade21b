import { and, eq, isNull, or } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, organizations, users } from "@/db/schema";

export interface ExposureRecipient {
  email: string;
  reason: "owner" | "organization_owner";
}

/**
 * Who hears of a leaked credential: its owner and every owner of its organization, each once
 * (an owner's own key: one mail, as its owner), disabled accounts left out.
 */
export async function exposureRecipients(
  tx: Tx,
  organizationId: string,
  ownerUserId: string | null,
): Promise<{ organization: string; recipients: ExposureRecipient[] }> {
  const [organization] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .leftJoin(
      memberships,
      and(
        eq(memberships.userId, users.id),
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, "owner"),
      ),
    )
    .where(
      and(
        isNull(users.disabledAt),
        or(
          ownerUserId ? eq(users.id, ownerUserId) : undefined,
          eq(memberships.organizationId, organizationId),
        ),
      ),
    );
  const recipients = new Map<string, ExposureRecipient>();
  for (const row of rows) {
    const reason = row.id === ownerUserId ? "owner" : "organization_owner";
    if (recipients.get(row.email)?.reason !== "owner")
      recipients.set(row.email, { email: row.email, reason });
  }
  return {
    organization: organization?.name ?? organizationId,
    recipients: [...recipients.values()],
  };
}
