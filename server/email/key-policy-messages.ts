import { type EmailMessage, render } from "./messages";

// The messages of the organization's key policies: approval of members' keys, and the
// revocation of keys left unused. Each names the key by its name and display parts, never its
// secret.

interface MailedKey {
  name: string;
  prefix: string;
  last4: string;
}

function shown(key: MailedKey): string {
  return `"${key.name}" (${key.prefix}…${key.last4})`;
}

export function apiKeyApprovalRequestedEmail(input: {
  to: string;
  key: MailedKey;
  requester: { name: string; email: string };
  organization: string;
  url: string;
  expiresAt: Date;
}): EmailMessage {
  return render({
    kind: "api_key_approval_requested",
    to: input.to,
    subject: `${input.requester.name} asks you to approve an API key in ${input.organization}`,
    intro: [
      `${input.requester.name} (${input.requester.email}) created the API key ${shown(input.key)} in ${input.organization} on Voltasis.`,
      "Your organization requires an owner's or admin's approval of members' keys: the key answers every request with 401 until one of you approves it.",
    ],
    action: { label: "Review it in Settings > API Keys", url: input.url },
    outro: ["If the key should not exist, deny it: it is revoked at once."],
    why: `You receive this because you are an owner or admin of ${input.organization} on Voltasis.`,
    expiresAt: input.expiresAt,
  });
}

export function apiKeyDecisionEmail(input: {
  to: string;
  key: MailedKey;
  decision: "approved" | "denied";
  decidedBy: string;
  reason: string | null;
  organization: string;
  url: string;
  expiresAt: Date;
}): EmailMessage {
  const approved = input.decision === "approved";
  return render({
    kind: approved ? "api_key_approved" : "api_key_denied",
    to: input.to,
    subject: `Your API key "${input.key.name}" was ${input.decision}`,
    intro: [
      `${input.decidedBy} ${input.decision} your API key ${shown(input.key)} in ${input.organization} on Voltasis.`,
      approved
        ? "It works from now on, with the scopes you gave it."
        : "It has been revoked and will never work.",
      ...(input.reason ? [`Their reason: ${input.reason}`] : []),
    ],
    action: { label: "Open Settings > API Keys", url: input.url },
    outro: approved ? [] : ["Ask an owner or admin of the organization what to use instead."],
    why: `You receive this because you created this API key in ${input.organization} on Voltasis.`,
    expiresAt: input.expiresAt,
  });
}

export function apiKeyUnusedWarningEmail(input: {
  to: string;
  key: MailedKey;
  organization: string;
  /** The organization's `revoke_unused_after_days`. */
  days: number;
  lastUsedAt: Date | null;
  revokeAt: Date;
  url: string;
}): EmailMessage {
  const idle = input.lastUsedAt
    ? `has not been used since ${input.lastUsedAt.toISOString()}`
    : "has never been used";
  return render({
    kind: "api_key_unused_warning",
    to: input.to,
    subject: `Your unused API key "${input.key.name}" will be revoked`,
    intro: [
      `Your API key ${shown(input.key)} in ${input.organization} on Voltasis ${idle}.`,
      `${input.organization} revokes keys left unused for ${input.days} days: this one will be revoked at ${input.revokeAt.toISOString()}.`,
    ],
    action: { label: "Review your keys in Settings > API Keys", url: input.url },
    outro: [
      "Still need it? Use it once before then (any authenticated request counts) and it stays. Otherwise do nothing, or revoke it yourself now.",
    ],
    why: `You receive this because you own this API key in ${input.organization} on Voltasis.`,
    // Useless once the key is revoked.
    expiresAt: input.revokeAt,
  });
}
