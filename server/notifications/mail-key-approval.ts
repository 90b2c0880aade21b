import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, organizations, users } from "@/db/schema";
import { now } from "@/lib/clock";
import type { PublicApiKey } from "@/server/api-keys/public-api-key";
import { publicBaseUrl } from "@/server/core/public-url";
import {
  apiKeyApprovalRequestedEmail,
  apiKeyDecisionEmail,
} from "@/server/email/key-policy-messages";
import { NOTICE_TTL_MS } from "@/server/email/messages";
import { enqueueEmail } from "@/server/email/outbox";
import { noticeRecipient } from "./notice-recipient";

// Mail of the approval of members' keys, queued in the transaction that creates or decides the
// key; the caller kicks the email outbox after the commit.

/** A pending key exists only for its deciders to see it: each owner and admin is told. */
export async function mailApprovalRequested(
  tx: Tx,
  key: PublicApiKey,
  requester: { name: string; email: string },
): Promise<void> {
  const deciders = await tx
    .select({ email: users.email, organization: organizations.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(
      and(
        eq(memberships.organizationId, key.organization_id),
        inArray(memberships.role, ["owner", "admin"]),
        isNull(users.disabledAt),
      ),
    );
  const expiresAt = new Date(now().getTime() + NOTICE_TTL_MS);
  for (const decider of deciders) {
    await enqueueEmail(
      tx,
      apiKeyApprovalRequestedEmail({
        to: decider.email,
        key,
        requester,
        organization: decider.organization,
        url: `${publicBaseUrl()}/settings/api-keys`,
        expiresAt,
      }),
    );
  }
}

/** The key's owner learns the decision, and the reason of a denial. */
export async function mailApprovalDecision(
  tx: Tx,
  key: PublicApiKey,
  decision: { kind: "approved" | "denied"; decidedBy: string; reason: string | null },
): Promise<void> {
  const recipient = await noticeRecipient(tx, key.created_by, key.organization_id);
  if (!recipient) return;
  await enqueueEmail(
    tx,
    apiKeyDecisionEmail({
      to: recipient.email,
      key,
      decision: decision.kind,
      decidedBy: decision.decidedBy,
      reason: decision.reason,
      organization: recipient.organization,
      url: `${publicBaseUrl()}/settings/api-keys/${key.id}`,
      expiresAt: new Date(now().getTime() + NOTICE_TTL_MS),
    }),
  );
}
