import { randomBytes } from "node:crypto";
import { and, desc, eq, getTableColumns, gt, inArray, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { apiKeys, invitations, memberships, organizations, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { isId, newId } from "@/lib/ids";
import { hashPassword, verifyPassword } from "@/lib/password";
import type { Role } from "@/lib/roles";
import { assertStrongPassword } from "@/server/accounts/password-policy";
import { invitationProvesAddress } from "@/server/accounts/verify-email";
import { type AuditActor, actorOf, recordAudit } from "@/server/audit/record-audit";
import { assertMember } from "@/server/auth/assert-member";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext, Viewer } from "@/server/auth/auth-context";
import { throttleSignIn } from "@/server/auth/sign-in-throttle";
import { ApiError } from "@/server/core/api-error";
import { afterCursor, cursorTime, type PageQuery, toPage } from "@/server/core/pagination";
import { publicBaseUrl } from "@/server/core/public-url";
import { emailDeliveryConfigured } from "@/server/email/config";
import { invitationEmail } from "@/server/email/messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import { hashToken } from "@/server/tokens/format";
import type { TokenPair } from "@/server/tokens/schemas";
import { issueTokenPair } from "@/server/tokens/user-tokens";
import {
  type AcceptInvitationInput,
  type CreateInvitationInput,
  INVITATION_TTL_MS,
  type InvitationDelivery,
  type PublicInvitation,
} from "./schemas";

export const NO_LONGER_VALID = "This invitation is no longer valid";
/** The one answer to a wrong password and to a new address without a name. */
export const ACCEPT_REFUSED =
  "Enter your Voltasis account's password, or, if you are new to Voltasis, your name and a new password";
type Row = typeof invitations.$inferSelect;

export function toPublicInvitation(row: Row): PublicInvitation {
  const status = row.acceptedAt
    ? "accepted"
    : row.revokedAt
      ? "revoked"
      : row.expiresAt.getTime() <= now().getTime()
        ? "expired"
        : "pending";
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status,
    invited_by: row.invitedBy,
    expires_at: row.expiresAt.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}

/** Owners invite anyone; admins invite admins and members; members hold no write:users. */
export function mayGrant(actorRole: Role, role: Role): boolean {
  if (actorRole === "owner") return true;
  if (actorRole === "admin") return role !== "owner";
  return false;
}

/**
 * Creates an invitation; its token exists only in its link, stored as its SHA-256. With email
 * delivery configured the link is mailed to the invited address, from the outbox written in the
 * same transaction, and never answered: holding it then proves control of the address.
 * Without it the link is answered, to be shared by its sender (`delivery: "link"`).
 * `origin` (the request's) names a shown link's host when PUBLIC_URL is unset; a mailed link
 * always uses PUBLIC_URL, never a header.
 */
export async function createInvitation(
  ctx: AuthContext,
  input: CreateInvitationInput,
  origin?: string | null,
): Promise<{ invitation: PublicInvitation; delivery: InvitationDelivery; url: string }> {
  assertMember(ctx, "invite people");
  if (!mayGrant(ctx.role, input.role)) {
    throw new ApiError(
      "FORBIDDEN",
      input.role === "owner"
        ? "Only an owner can invite an owner"
        : "Only owners and admins can invite",
    );
  }
  const email = input.email.trim().toLowerCase();
  const db = await getDb();
  const [member] = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(users.email, email), eq(memberships.organizationId, ctx.organization.id)));
  if (member) throw new ApiError("CONFLICT", "This person is already a member of the organization");
  const token = randomBytes(32).toString("base64url");
  const createdAt = now();
  const delivery: InvitationDelivery = emailDeliveryConfigured() ? "email" : "link";
  const url = `${publicBaseUrl(delivery === "email" ? undefined : origin)}/invite/${token}`;
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(invitations)
      .values({
        id: newId("inv"),
        organizationId: ctx.organization.id,
        email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedBy: ctx.user.id,
        expiresAt: new Date(createdAt.getTime() + INVITATION_TTL_MS),
        createdAt,
      })
      .returning();
    if (!inserted) throw new Error("invitation insert returned nothing");
    await recordAudit(tx, actorOf(ctx), {
      action: "invitation.created",
      organizationId: ctx.organization.id,
      targetType: "invitation",
      targetId: inserted.id,
      metadata: { email, role: input.role, delivery },
    });
    if (delivery === "email") {
      await enqueueEmail(
        tx,
        invitationEmail({
          to: email,
          url,
          organization: ctx.organization.name,
          inviter: ctx.user.name,
          role: input.role,
          days: Math.round(INVITATION_TTL_MS / 86_400_000),
          expiresAt: inserted.expiresAt,
        }),
      );
    }
    return inserted;
  });
  if (delivery === "email") kickEmailOutbox();
  return { invitation: toPublicInvitation(row), delivery, url };
}

/**
 * Pending invitations of the current organization, newest first, for GET /invitations and the
 * Members page. Never a token or a link.
 */
export async function listInvitations(viewer: Viewer, query: PageQuery) {
  const db = await getDb();
  const rows = await db
    .select({ ...getTableColumns(invitations), cursorTime: cursorTime(invitations.createdAt) })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, viewer.organization.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
        query.cursor ? afterCursor(invitations.createdAt, invitations.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toPublicInvitation);
}

/** Revokes a pending invitation of the current organization; another organization's is a 404. */
export async function revokeInvitation(ctx: AuthContext, id: string): Promise<PublicInvitation> {
  if (!isId("inv", id)) throw new ApiError("NOT_FOUND", "No invitation with this id");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, id), eq(invitations.organizationId, ctx.organization.id)))
      .for("update");
    if (!row) {
      // Another organization's invitation exists, but not for you: 403, and nothing of it.
      const [elsewhere] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(eq(invitations.id, id));
      if (elsewhere) throw new ApiError("FORBIDDEN");
      throw new ApiError("NOT_FOUND", "No invitation with this id");
    }
    if (!mayGrant(ctx.role, row.role)) {
      throw new ApiError("FORBIDDEN", "Only an owner can revoke an owner's invitation");
    }
    if (row.acceptedAt || row.revokedAt) return toPublicInvitation(row);
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: now() })
      .where(eq(invitations.id, id))
      .returning();
    await recordAudit(tx, actorOf(ctx), {
      action: "invitation.revoked",
      organizationId: ctx.organization.id,
      targetType: "invitation",
      targetId: id,
      metadata: { email: row.email, role: row.role },
    });
    return toPublicInvitation(revoked ?? row);
  });
}

/** True while the invitation's sender is an enabled member who may grant its role today. */
async function senderMayStillGrant(
  tx: Tx,
  row: Pick<Row, "invitedBy" | "organizationId" | "role">,
): Promise<boolean> {
  const [sender] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.userId, row.invitedBy),
        eq(memberships.organizationId, row.organizationId),
        isNull(users.disabledAt),
      ),
    )
    .for("share", { of: memberships });
  return sender !== undefined && mayGrant(sender.role, row.role);
}

/**
 * Revokes the pending invitations `senderId` sent in the organization that a sender of
 * `role` could not make (every one when `role` is null: the sender left), in the caller's
 * transaction, each audited with why. Removing or demoting a member calls it.
 */
export async function revokeInvitationsBeyond(
  tx: Tx,
  actor: AuditActor,
  {
    organizationId,
    senderId,
    role,
  }: { organizationId: string; senderId: string; role: Role | null },
): Promise<void> {
  const pending = await tx
    .select({ id: invitations.id, email: invitations.email, role: invitations.role })
    .from(invitations)
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        eq(invitations.invitedBy, senderId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now()),
      ),
    )
    .for("update");
  const beyond = pending.filter((inv) => role === null || !mayGrant(role, inv.role));
  if (beyond.length === 0) return;
  await tx
    .update(invitations)
    .set({ revokedAt: now() })
    .where(
      inArray(
        invitations.id,
        beyond.map((inv) => inv.id),
      ),
    );
  for (const inv of beyond) {
    await recordAudit(tx, actor, {
      action: "invitation.revoked",
      organizationId,
      targetType: "invitation",
      targetId: inv.id,
      metadata: {
        email: inv.email,
        role: inv.role,
        reason: role === null ? "sender_removed" : "sender_role_changed",
      },
    });
  }
}

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
    const pair = await issueTokenPair(tx, { userId, organization });
    // A new membership: contexts cached while this user was not a member here are stale.
    await publishAuthChange(tx, { userId, organizationId: row.organizationId });
    if (revokedKeys.length > 0) {
      await publishAuthChange(tx, { credentialIds: revokedKeys.map((k) => k.id) });
    }
    return { pair, email: row.email };
  });
  return result;
}
