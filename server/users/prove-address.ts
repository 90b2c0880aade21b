import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { apiKeys, invitations, memberships, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { type AuditActor, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { insertOrganization } from "@/server/organizations/create-organization";
import { publishEvent } from "@/server/webhooks/publish-event";
import { memberEventData } from "./member-event";

export const PERSONAL_ORGANIZATION = "Personal";

export interface Eviction {
  memberships: number;
  apiKeys: number;
  invitations: number;
  /** The organization the account owns now, so its real owner can sign in. */
  personalOrganizationId: string;
}

/**
 * The address of an account that had never proved it was just proven by someone who did not
 * have to know its password (a reset link). Whoever set that password may have been a squatter
 * (an invitation link shown to the inviter proves nothing about the address), so everything the
 * account did before is taken away: its memberships (each audited in its organization as
 * `membership.removed`, reason `email_proven`), its API keys, the invitations it sent that are
 * still pending, and the name it chose. The caller ends its sessions and tokens and sets the new
 * password in the same transaction. The account then owns a fresh "Personal" organization, since
 * an account without one cannot sign in.
 */
export async function evictUnprovenHolder(
  tx: Tx,
  user: { id: string; email: string },
  actor: AuditActor,
): Promise<Eviction> {
  const at = now();
  const joined = await tx
    .select({ organizationId: memberships.organizationId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, user.id));
  const keys = await tx
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.createdBy, user.id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  const pending = await tx
    .update(invitations)
    .set({ revokedAt: at })
    .where(
      and(
        eq(invitations.invitedBy, user.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({
      id: invitations.id,
      organizationId: invitations.organizationId,
      email: invitations.email,
      role: invitations.role,
    });
  await tx.delete(memberships).where(eq(memberships.userId, user.id));
  for (const membership of joined) {
    await recordAudit(tx, actor, {
      action: "membership.removed",
      organizationId: membership.organizationId,
      targetType: "user",
      targetId: user.id,
      metadata: { role: membership.role, reason: "email_proven" },
    });
    await publishEvent(
      tx,
      membership.organizationId,
      "member.removed",
      await memberEventData(tx, user.id, {
        role: membership.role,
        reason: "email_proven",
        actor: null,
      }),
    );
  }
  for (const invitation of pending) {
    await recordAudit(tx, actor, {
      action: "invitation.revoked",
      organizationId: invitation.organizationId,
      targetType: "invitation",
      targetId: invitation.id,
      metadata: { email: invitation.email, role: invitation.role, reason: "email_proven" },
    });
  }
  // The display name was chosen by whoever created the account: the owner starts from the address.
  await tx
    .update(users)
    .set({ name: user.email.split("@")[0] || user.email })
    .where(eq(users.id, user.id));
  const personal = await insertOrganization(tx, PERSONAL_ORGANIZATION, user.id, actor);
  // The whole account on every instance: cached contexts, member lists, and the keys by id.
  await publishAuthChange(tx, { userId: user.id });
  if (keys.length > 0) await publishAuthChange(tx, { credentialIds: keys.map((k) => k.id) });
  return {
    memberships: joined.length,
    apiKeys: keys.length,
    invitations: pending.length,
    personalOrganizationId: personal.id,
  };
}
