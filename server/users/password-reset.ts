import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { memberships, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { hashPassword } from "@/lib/password";
import { recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { PublicContext } from "@/server/auth/auth-context";
import { publicBaseUrl } from "@/server/core/public-url";
import { NOTICE_TTL_MS, passwordChangedEmail, passwordResetEmail } from "@/server/email/messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import { hashToken } from "@/server/tokens/format";
import { revokeUserTokensOf } from "@/server/tokens/revoke-all-user-tokens";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import {
  PASSWORD_RESET_TTL_MINUTES,
  type PasswordResetConfirmInput,
  type PasswordResetDone,
  type PasswordResetRequestInput,
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
import { assertStrongPassword } from "./password-policy";
import { evictUnprovenHolder } from "./prove-address";

const TTL_MS = PASSWORD_RESET_TTL_MINUTES * 60_000;

/**
 * Links in mail come from PUBLIC_URL (or the local default), never from the request: a Host
 * header of the attacker's choosing would otherwise put their server in the victim's reset link.
 */
function linkBase(): string {
  return publicBaseUrl();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * POST /auth/password-reset. Answers the same whatever the address: an account gets a link by
 * mail; an unknown (or disabled) address gets nothing, but the request does the same work (the
 * same lookup, a link row owned by no one, the same outbox statement that inserts nothing), so
 * neither the answer nor its timing says whether the address has an account.
 */
export async function requestPasswordReset(
  input: PasswordResetRequestInput,
  _meta: PublicContext,
): Promise<void> {
  const email = normalizeEmail(input.email);
  await throttleEmail(`reset:${email}`);
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email));
  const account = user && !user.disabledAt ? user : null;
  const token = generateLinkToken("password_reset");
  const expiresAt = new Date(now().getTime() + TTL_MS);
  const message = passwordResetEmail({
    to: email,
    url: `${linkBase()}/reset-password?token=${token}`,
    minutes: PASSWORD_RESET_TTL_MINUTES,
    expiresAt,
  });
  await db.transaction(async (tx) => {
    await insertEmailToken(tx, {
      purpose: "password_reset",
      token,
      userId: account?.id ?? null,
      // A row owned by no one keeps no address in clear: whoever typed it may not be a customer.
      email: account ? email : hashToken(email),
      expiresAt,
    });
    await enqueueEmail(tx, message, { deliver: account !== null });
  });
  kickEmailOutbox();
}

/** What /reset-password shows before the form: the account's address, or null (not usable). */
export async function describeResetLink(
  token: string,
): Promise<{ email: string; emailVerified: boolean } | null> {
  if (!isLinkToken("password_reset", token)) return null;
  const db = await getDb();
  const link = await findUsableLink(db, "password_reset", token);
  if (!link) return null;
  const [user] = await db
    .select({ email: users.email, disabledAt: users.disabledAt, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, link.userId));
  if (!user || user.disabledAt || user.email !== link.email) return null;
  return { email: user.email, emailVerified: user.verifiedAt !== null };
}

/**
 * POST /auth/password-reset/confirm. Cheap checks first: the schema bounded the sizes, the
 * token's format and checksum need no I/O, then one indexed lookup, and only then the password
 * policy (zxcvbn) and scrypt. In one transaction: the link (and every other reset link of the
 * account) is spent, the password set, every browser session and user token ended, and the
 * address marked proven. API keys keep working, unless the address had never been proven: then
 * whoever held the account before may have been a squatter, and evictUnprovenHolder takes away
 * what the account did before (memberships, keys, pending invitations).
 */
export async function confirmPasswordReset(
  input: PasswordResetConfirmInput,
  meta: PublicContext,
): Promise<PasswordResetDone> {
  if (!isLinkToken("password_reset", input.token)) throw linkNotValid("reset");
  const db = await getDb();
  const link = await findUsableLink(db, "password_reset", input.token);
  if (!link) throw linkNotValid("reset");
  const [user] = await db.select().from(users).where(eq(users.id, link.userId));
  // The link proves the address it was sent to; it means nothing once the account has another.
  if (!user || user.disabledAt || user.email !== link.email) throw linkNotValid("reset");
  assertStrongPassword(input.password, [user.email, user.name]);
  const passwordHash = await hashPassword(input.password);

  const done = await db.transaction(async (tx) => {
    const locked = await findUsableLink(tx, "password_reset", input.token, { lock: true });
    if (!locked) throw linkNotValid("reset");
    const [current] = await tx.select().from(users).where(eq(users.id, user.id)).for("update");
    if (!current || current.disabledAt || current.email !== locked.email) {
      throw linkNotValid("reset");
    }
    const at = now();
    await spendLinks(tx, user.id, "password_reset");
    await tx
      .update(users)
      .set({
        passwordHash,
        sessionsValidAfter: at,
        emailVerifiedAt: current.emailVerifiedAt ?? at,
      })
      .where(eq(users.id, user.id));
    await revokeUserTokensOf(tx, user.id);
    const actor = { userId: user.id, credentialId: "password_reset", ip: meta.ip };
    const evicted = current.emailVerifiedAt
      ? null
      : await evictUnprovenHolder(tx, { id: user.id, email: user.email }, actor);
    const orgs = await tx
      .select({ id: memberships.organizationId })
      .from(memberships)
      .where(eq(memberships.userId, user.id));
    for (const org of orgs) {
      await recordAudit(tx, actor, {
        action: "user.password_reset",
        organizationId: org.id,
        targetType: "user",
        targetId: user.id,
        metadata: evicted ? { email_proven: true } : undefined,
      });
    }
    await publishAuthChange(tx, { userId: user.id });
    await enqueueEmail(
      tx,
      passwordChangedEmail({
        to: user.email,
        forgotUrl: `${linkBase()}/forgot-password`,
        removed: evicted ? { organizations: evicted.memberships, apiKeys: evicted.apiKeys } : null,
        expiresAt: new Date(at.getTime() + NOTICE_TTL_MS),
      }),
    );
    return {
      email: user.email,
      email_verified: true as const,
      sessions_ended: true as const,
      memberships_removed: evicted?.memberships ?? 0,
      api_keys_revoked: evicted?.apiKeys ?? 0,
    };
  });
  kickEmailOutbox();
  kickWebhookOutbox();
  return done;
}
