import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, invitations, memberships, organizations, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { newId } from "@/lib/ids";
import { hashPassword, verifyPassword } from "@/lib/password";
import { recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { throttleSignIn } from "@/server/auth/sign-in-throttle";
import { ApiError } from "@/server/core/api-error";

import { hashToken } from "@/server/tokens/format";
import { issueTokenPair } from "@/server/tokens/issue-token-pair";
import type { TokenPair } from "@/server/tokens/schemas";
import { memberEventData } from "@/server/users/member-event";
import { assertStrongPassword } from "@/server/users/password-policy";
import { invitationProvesAddress } from "@/server/users/verify-email";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { senderMayStillGrant } from "./invitation-authority";
import { revokeOtherInvitationsTo } from "./pending-invitation";
import type { AcceptInvitationInput } from "./schemas";

export const NO_LONGER_VALID = "This invitation is no longer valid";
/** The one answer to a wrong password and to a new address without a name. */
export const ACCEPT_REFUSED =
  "Enter your Voltasis account's password, or, if you are new to Voltasis, your name and a new password";

/**
 * Accepts an invitation: a new email gets an account, an existing account proves its password.
 * The invitation row is locked and spent in the same transaction, so two accepts of one token
 * give exactly one membership. Keys the person held in this organization before being removed
 * are revoked here, so re-joining never revives them. Answers the token pair and the account's
 * address (the invitation's, never one the client sent).
 */
export async function acceptInvitation(
  input: AcceptInvitationInput,
  ip: string,
): Promise<{ pair: TokenPair; email: string }> {
  const db = await getDb();
  const tokenHash = hashToken(input.token);
  // Checked before any hashing work, and again under the lock below.
  const [peek] = await db
    .select({
      email: invitations.email,
      acceptedAt: invitations.acceptedAt,
      organizationId: invitations.organizationId,
      invitedBy: invitations.invitedBy,
      role: invitations.role,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash));
  if (!peek || peek.acceptedAt) throw new ApiError("NOT_FOUND", NO_LONGER_VALID);
  const [existing] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, peek.email));
  // Until the password is right, an address with an account and one without are answered
  // alike, so an invitation cannot tell its sender who already has an account here. A name
  // asks for a new account: its password's strength is judged first, for either kind.
  if (input.name) assertStrongPassword(input.password, [peek.email, input.name], "password");
  // A password check like any sign-in, so it shares the account's failure budget (unknown
  // addresses are counted the same): an invitation link is no way around the sign-in throttle.
  const proven = await throttleSignIn(peek.email, async () => {
    if (!existing) return input.name ? "new" : null;
    return !existing.disabledAt && (await verifyPassword(input.password, existing.passwordHash))
      ? "existing"
      : null;
  });
  if (!proven) throw new ApiError("UNAUTHORIZED", ACCEPT_REFUSED);
  const newHash = proven === "new" ? await hashPassword(input.password) : null;

  const result = await db.transaction(async (tx) => {
    // The sender's authority is read now, not when the link was made: a sender who was
    // removed, demoted or disabled since cannot bring anyone in with an old link. Their
    // membership is locked before the invitation, in the order removal and demotion use.
    if (!(await senderMayStillGrant(tx, peek))) throw new ApiError("NOT_FOUND", NO_LONGER_VALID);
    const [row] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, tokenHash))
      .for("update");
    if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= now()) {
      throw new ApiError("NOT_FOUND", NO_LONGER_VALID);
    }
    let userId = existing?.id;
    if (!userId) {
      userId = newId("usr");
      const [inserted] = await tx
        .insert(users)
        .values({
          id: userId,
          email: row.email,
          name: input.name ?? row.email,
          passwordHash: newHash ?? "",
          // Holding the link proves the address only if it was mailed there alone.
          emailVerifiedAt: invitationProvesAddress() ? now() : null,
        })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      // Someone signed up with this email in between: they must accept with their password.
      if (!inserted)
        throw new ApiError("CONFLICT", "An account with this email exists now: sign in to accept");
    }
    const [joined] = await tx
      .insert(memberships)
      .values({ userId, organizationId: row.organizationId, role: row.role })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (!joined) throw new ApiError("CONFLICT", "You are already a member of this organization");
    const revokedKeys = await tx
      .update(apiKeys)
      .set({ revokedAt: now() })
      .where(
        and(
          eq(apiKeys.createdBy, userId),
          eq(apiKeys.organizationId, row.organizationId),
          isNull(apiKeys.revokedAt),
        ),
      )
      .returning({ id: apiKeys.id });
    await tx
      .update(invitations)
      .set({ acceptedAt: now(), acceptedBy: userId })
      .where(eq(invitations.id, row.id));
    await revokeOtherInvitationsTo(tx, row.organizationId, row.email, row.id);
    await recordAudit(
      tx,
      { userId, credentialId: "invitation", ip },
      {
        action: "invitation.accepted",
        organizationId: row.organizationId,
        targetType: "invitation",
        targetId: row.id,
        metadata: { email: row.email, role: row.role, new_account: !existing },
      },
    );
    const [organization] = await tx
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, row.organizationId));
    if (!organization) throw new ApiError("NOT_FOUND", NO_LONGER_VALID);
    await publishEvent(
      tx,
      row.organizationId,
      "member.added",
      await memberEventData(tx, userId, {
        role: row.role,
        invitation_id: row.id,
        invited_by: row.invitedBy,
        new_account: !existing,
        actor: userId,
      }),
    );
    const pair = await issueTokenPair(tx, { userId, organization });
    // A new membership: contexts cached while this user was not a member here are stale.
    await publishAuthChange(tx, { userId, organizationId: row.organizationId });
    if (revokedKeys.length > 0) {
      await publishAuthChange(tx, { credentialIds: revokedKeys.map((k) => k.id) });
    }
    return { pair, email: row.email };
  });
  kickWebhookOutbox();
  return result;
}
