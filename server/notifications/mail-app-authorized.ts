import type { Tx } from "@/db";
import { now } from "@/lib/clock";
import { publicBaseUrl } from "@/server/core/public-url";
import { appAuthorizedEmail, NOTICE_TTL_MS } from "@/server/email/messages";
import { enqueueEmail } from "@/server/email/outbox";
import { noticeRecipient } from "./notice-recipient";

/**
 * Tells the user that a third-party app may now act for them: a consent given by someone who
 * borrowed the session is seen by the account's owner. Queued in the grant's transaction.
 */
export async function mailAppAuthorized(
  tx: Tx,
  grant: { userId: string; organizationId: string; appName: string; scopes: readonly string[] },
): Promise<void> {
  const recipient = await noticeRecipient(tx, grant.userId, grant.organizationId);
  if (!recipient) return;
  await enqueueEmail(
    tx,
    appAuthorizedEmail({
      to: recipient.email,
      appName: grant.appName,
      organization: recipient.organization,
      scopes: grant.scopes,
      url: `${publicBaseUrl()}/settings/connected-apps`,
      expiresAt: new Date(now().getTime() + NOTICE_TTL_MS),
    }),
  );
}
