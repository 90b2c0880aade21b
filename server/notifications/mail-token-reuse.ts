import type { Tx } from "@/db";
import { now } from "@/lib/clock";
import { publicBaseUrl } from "@/server/core/public-url";
import { NOTICE_TTL_MS, refreshTokenReusedEmail } from "@/server/email/messages";
import { enqueueEmail } from "@/server/email/outbox";
import { noticeRecipient } from "./notice-recipient";

/**
 * Tells the user that a refresh token of theirs was presented twice and what was revoked for it
 * (their sign-in token family, or an app's grant). Queued in the transaction that revokes; the
 * caller kicks the email outbox after the commit.
 */
export async function mailTokenReuse(
  tx: Tx,
  notice: {
    userId: string;
    organizationId: string;
    credential: { kind: "sign_in" } | { kind: "app"; appName: string };
  },
): Promise<void> {
  const recipient = await noticeRecipient(tx, notice.userId, notice.organizationId);
  if (!recipient) return;
  const base = publicBaseUrl();
  await enqueueEmail(
    tx,
    refreshTokenReusedEmail({
      to: recipient.email,
      credential: notice.credential,
      organization: recipient.organization,
      forgotUrl: `${base}/forgot-password`,
      url: `${base}/settings/${notice.credential.kind === "app" ? "connected-apps" : "account"}`,
      expiresAt: new Date(now().getTime() + NOTICE_TTL_MS),
    }),
  );
}
