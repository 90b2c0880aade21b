import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { hashPassword, verifyPassword } from "@/lib/password";
import { type AuditActor, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { throttleSignIn } from "@/server/auth/sign-in-throttle";
import { ApiError } from "@/server/core/api-error";
import { publicBaseUrl } from "@/server/core/public-url";
import { NOTICE_TTL_MS, passwordChangedEmail } from "@/server/email/messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import { revokeUserTokensOf } from "@/server/tokens/revoke-all-user-tokens";
import { assertStrongPassword } from "./password-policy";

/**
 * Settings > Account: a new display name (renameAccountSchema: 1 to 100 characters), audited
 * with the name before and after in each of the user's organizations.
 */
export async function renameUser(userId: string, name: string, actor: AuditActor): Promise<void> {
  const trimmed = name.trim();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    // The same name again changes nothing, and says nothing in the log.
    if (!before || before.name === trimmed) return;
    await tx.update(users).set({ name: trimmed }).where(eq(users.id, userId));
    // Cached identities (/auth/me) and member lists (/users) hold the name.
    await publishAuthChange(tx, { userId });
    const orgs = await tx
      .select({ id: memberships.organizationId })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    for (const org of orgs) {
      await recordAudit(tx, actor, {
        action: "user.renamed",
        organizationId: org.id,
        targetType: "user",
        targetId: userId,
        metadata: { from: before.name, to: trimmed },
      });
    }
  });
}

/**
 * Changes the password after checking the current one. Every browser session issued before now
 * (sessions_valid_after, whole seconds, so the caller can sign in again at once) and every user
 * token of the user are revoked. API keys are separate credentials and keep working.
 */
export async function changePassword(
  userId: string,
  current: string,
  next: string,
  actor: AuditActor,
): Promise<void> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user || user.disabledAt) throw new ApiError("UNAUTHORIZED");
  // A password check like any sign-in: it spends the account's budget (10 per 15 minutes,
  // shared with every sign-in path), so a stolen session cannot guess the password here.
  const verified = await throttleSignIn(user.email, async () =>
    (await verifyPassword(current, user.passwordHash)) ? true : null,
  );
  if (!verified) {
    throw new ApiError("VALIDATION_ERROR", "The current password is not correct", [
      { field: "current_password", message: "Not this account's password" },
    ]);
  }
  assertStrongPassword(next, [user.email, user.name], "new_password");
  const passwordHash = await hashPassword(next);
  const validAfter = new Date(Math.floor(now().getTime() / 1000) * 1000);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionsValidAfter: validAfter })
      .where(eq(users.id, userId));
    await revokeUserTokensOf(tx, userId);
    const orgs = await tx
      .select({ id: memberships.organizationId })
      .from(memberships)
      .where(eq(memberships.userId, userId));
    for (const org of orgs) {
      await recordAudit(tx, actor, {
        action: "user.password_changed",
        organizationId: org.id,
        targetType: "user",
        targetId: userId,
      });
    }
    // The owner of the address hears of it: if it was not them, they reset it by mail.
    await enqueueEmail(
      tx,
      passwordChangedEmail({
        to: user.email,
        forgotUrl: `${publicBaseUrl()}/forgot-password`,
        how: "settings",
        removed: null,
        expiresAt: new Date(now().getTime() + NOTICE_TTL_MS),
      }),
    );
  });
  kickEmailOutbox();
}
