import { randomBytes } from "node:crypto";
import type { Tx } from "@/db";
import type { Role } from "@/lib/roles";
import type { AuthContext } from "@/server/auth/auth-context";
import { publicBaseUrl } from "@/server/core/public-url";
import { emailDeliveryConfigured } from "@/server/email/config";
import { invitationEmail } from "@/server/email/messages";
import { enqueueEmail } from "@/server/email/outbox";
import { hashToken } from "@/server/tokens/format";
import { INVITATION_TTL_MS, type InvitationDelivery } from "./schemas";

export interface InvitationLink {
  /** Stored; the token itself exists only in the link. */
  tokenHash: string;
  url: string;
  delivery: InvitationDelivery;
}

/**
 * A new single-use link. With email delivery configured it is mailed to the invited address and
 * never answered, so it always uses PUBLIC_URL; otherwise it is shown to its sender, and
 * `origin` (the request's) names its host when PUBLIC_URL is unset.
 */
export function newInvitationLink(origin?: string | null): InvitationLink {
  const token = randomBytes(32).toString("base64url");
  const delivery: InvitationDelivery = emailDeliveryConfigured() ? "email" : "link";
  return {
    tokenHash: hashToken(token),
    url: `${publicBaseUrl(delivery === "email" ? undefined : origin)}/invite/${token}`,
    delivery,
  };
}

/** Puts the invitation email in the outbox, in the transaction that issued its link. */
export async function mailInvitation(
  tx: Tx,
  ctx: AuthContext,
  invitation: { email: string; role: Role; expiresAt: Date },
  link: InvitationLink,
): Promise<void> {
  if (link.delivery !== "email") return;
  await enqueueEmail(
    tx,
    invitationEmail({
      to: invitation.email,
      url: link.url,
      organization: ctx.organization.name,
      inviter: ctx.user.name,
      role: invitation.role,
      days: Math.round(INVITATION_TTL_MS / 86_400_000),
      expiresAt: invitation.expiresAt,
    }),
  );
}
