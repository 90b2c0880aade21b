import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { verifyPassword } from "@/lib/password";
import { recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext, PublicContext } from "@/server/auth/auth-context";
import { throttleSignIn } from "@/server/auth/sign-in-throttle";
import { ApiError } from "@/server/core/api-error";
import { publicBaseUrl } from "@/server/core/public-url";
import { emailDeliveryConfigured } from "@/server/email/config";
import { verifyEmailEmail } from "@/server/email/messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import {
  VERIFY_EMAIL_TTL_HOURS,
  type VerifyEmailConfirmInput,
  type VerifyEmailSent,
} from "./account-schemas";
import {
  findUsableLink,
  generateLinkToken,
  insertEmailToken,
  isLinkToken,
  linkNotValid,
  spendLinks,
} from "./email-links";
import { throttleEmail } from "./email-throttle";

const TTL_MS = VERIFY_EMAIL_TTL_HOURS * 60 * 60_000;

/**
 * Whether accepting an invitation proves the invited address. Only when the link went to that
 * address and nowhere else, which needs real mail delivery: without it the link is shown to the
 * inviter (POST /invitations answers it), so holding it proves nothing, and an account created
 * with it stays unverified. Used where an invitation creates an account.
 */
export function invitationProvesAddress(): boolean {
  return emailDeliveryConfigured();
}

/** Settings > Account: the address and whether it is verified. */
export async function emailVerificationState(
  userId: string,
): Promise<{ email: string; verified: boolean } | null> {
  const db = await getDb();
  const [user] = await db
    .select({ email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId));
  return user ? { email: user.email, verified: user.verifiedAt !== null } : null;
}

/**
 * POST /auth/verify-email: mails the signed-in account a link that confirms its address. A
 * verified address gets nothing (and costs no budget); otherwise 5 mails an hour per account.
 */
export async function requestEmailVerification(ctx: AuthContext): Promise<VerifyEmailSent> {
  const { db } = ctx;
  const [user] = await db
    .select({ id: users.id, email: users.email, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, ctx.user.id));
  if (!user) throw new ApiError("UNAUTHORIZED");
  if (user.verifiedAt) return { email: user.email, email_verified: true, sent: false };
  await throttleEmail(`verify:${user.id}`);
  const token = generateLinkToken("verify_email");
  const expiresAt = new Date(now().getTime() + TTL_MS);
  const base = publicBaseUrl();
  await db.transaction(async (tx) => {
    await insertEmailToken(tx, {
      purpose: "verify_email",
      token,
      userId: user.id,
      email: user.email,
      expiresAt,
    });
    await enqueueEmail(
      tx,
      verifyEmailEmail({
        to: user.email,
        url: `${base}/verify-email?token=${token}`,
        forgotUrl: `${base}/forgot-password`,
        hours: VERIFY_EMAIL_TTL_HOURS,
        expiresAt,
      }),
    );
  });
  kickEmailOutbox();
  return { email: user.email, email_verified: false, sent: true };
}

/** What /verify-email shows before the form: the address the link confirms, or null. */
export async function describeVerifyLink(token: string): Promise<{ email: string } | null> {
  if (!isLinkToken("verify_email", token)) return null;
  const db = await getDb();
  const link = await findUsableLink(db, "verify_email", token);
  if (!link) return null;
  const [user] = await db
    .select({ email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, link.userId));
  if (!user || user.disabledAt || user.email !== link.email) return null;
  return { email: user.email };
}

const WRONG_PASSWORD = "This is not the password of the account the link was sent for";

/**
 * POST /auth/verify-email/confirm: the link and the account's password together. The link alone
 * would not do: a squatter signed in to an account with someone else's address can ask for a
 * link, and if its real owner, not expecting it, opened that link, the squatter would hold a
 * verified account. With the password too, only someone who holds both the account and the
 * mailbox can confirm, so there is no one to evict and the account keeps what it has. (A reset,
 * where the prover need not know the old password, evicts instead: see password-reset.ts.)
 * The password check shares the account's sign-in failure budget.
 */
export async function confirmEmailVerification(
  input: VerifyEmailConfirmInput,
  meta: PublicContext,
): Promise<{ email: string; email_verified: true }> {
  if (!isLinkToken("verify_email", input.token)) throw linkNotValid("confirmation");
  const db = await getDb();
  const link = await findUsableLink(db, "verify_email", input.token);
  if (!link) throw linkNotValid("confirmation");
  const [user] = await db.select().from(users).where(eq(users.id, link.userId));
  if (!user || user.disabledAt || user.email !== link.email) throw linkNotValid("confirmation");
  const verified = await throttleSignIn(user.email, async () =>
    (await verifyPassword(input.password, user.passwordHash)) ? true : null,
  );
  if (!verified) {
    throw new ApiError("VALIDATION_ERROR", WRONG_PASSWORD, [
      { field: "password", message: WRONG_PASSWORD },
    ]);
  }
  await db.transaction(async (tx) => {
    const locked = await findUsableLink(tx, "verify_email", input.token, { lock: true });
    if (!locked) throw linkNotValid("confirmation");
    const [current] = await tx.select().from(users).where(eq(users.id, user.id)).for("update");
    if (!current || current.email !== locked.email) throw linkNotValid("confirmation");
    await spendLinks(tx, user.id, "verify_email");
    if (current.emailVerifiedAt) return;
    await tx.update(users).set({ emailVerifiedAt: now() }).where(eq(users.id, user.id));
    const orgs = await tx
      .select({ id: memberships.organizationId })
      .from(memberships)
      .where(eq(memberships.userId, user.id));
    for (const org of orgs) {
      await recordAudit(
        tx,
        { userId: user.id, credentialId: "verify_email", ip: meta.ip },
        {
          action: "user.email_verified",
          organizationId: org.id,
          targetType: "user",
          targetId: user.id,
        },
      );
    }
    // Cached identities carry email_verified (GET /auth/me).
    await publishAuthChange(tx, { userId: user.id });
  });
  return { email: user.email, email_verified: true };
}
