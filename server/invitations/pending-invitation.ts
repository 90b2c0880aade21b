import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { invitations } from "@/db/schema";
import { now } from "@/lib/clock";

/**
 * Serializes invitations to one address in one organization until the transaction ends, so two
 * concurrent invites cannot both find no pending invitation and both insert one.
 */
export async function lockInvitee(tx: Tx, organizationId: string, email: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`invitation:${organizationId}:${email}`}))`,
  );
}

/** The invitation still waiting for this address in this organization, if any. */
export async function findPendingInvitation(tx: Tx, organizationId: string, email: string) {
  const [pending] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
      ),
    );
  return pending ?? null;
}

/**
 * Once someone has joined, the other invitations to their address in that organization have
 * nothing left to do: they are revoked, so none lingers in the pending list.
 */
export async function revokeOtherInvitationsTo(
  tx: Tx,
  organizationId: string,
  email: string,
  acceptedId: string,
): Promise<string[]> {
  const revoked = await tx
    .update(invitations)
    .set({ revokedAt: now() })
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        eq(invitations.email, email),
        ne(invitations.id, acceptedId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return revoked.map((row) => row.id);
}
