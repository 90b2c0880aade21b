/**
 * Every message we send, as plain text plus simple HTML. Each says why the person receives it
 * and carries no secret beyond its one single-use link: never a password, never a key.
 */
export interface EmailMessage {
  /** What the message is about, kept beside the queued row for operators ("password_reset"). */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The links in the message: the only part the file outbox writes to the server log. */
  links: string[];
  /** After this the message is useless (its link has expired): dropped rather than sent late. */
  expiresAt: Date;
}

/** A notice (no link to spend) still worth sending this long after what caused it. */
export const NOTICE_TTL_MS = 24 * 60 * 60_000;

export interface Layout {
  kind: string;
  to: string;
  subject: string;
  /** Paragraphs before the button. */
  intro: string[];
  action?: { label: string; url: string };
  /** Paragraphs after the button. */
  outro: string[];
  /** Why this person receives this message: the last line of every message. */
  why: string;
  expiresAt: Date;
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export function render(layout: Layout): EmailMessage {
  const text = [
    ...layout.intro,
    ...(layout.action ? [`${layout.action.label}: ${layout.action.url}`] : []),
    ...layout.outro,
    "--",
    layout.why,
  ].join("\n\n");
  const paragraph = (p: string) =>
    `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(p)}</p>`;
  const button = layout.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(layout.action.url)}" style="display:inline-block;background:#4f46e5;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(layout.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;line-height:1.5;font-size:13px;color:#475569">Or paste this address into your browser: ${escapeHtml(layout.action.url)}</p>`
    : "";
  const html = [
    "<!doctype html>",
    `<html><body style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:15px;color:#0f172a">`,
    `<div style="max-width:560px">`,
    ...layout.intro.map(paragraph),
    button,
    ...layout.outro.map(paragraph),
    `<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0">`,
    `<p style="margin:0;font-size:13px;color:#64748b;line-height:1.5">${escapeHtml(layout.why)}</p>`,
    "</div></body></html>",
  ].join("\n");
  return {
    kind: layout.kind,
    to: layout.to,
    subject: layout.subject,
    text,
    html,
    links: layout.action ? [layout.action.url] : [],
    expiresAt: layout.expiresAt,
  };
}

export function passwordResetEmail(input: {
  to: string;
  url: string;
  minutes: number;
  expiresAt: Date;
}): EmailMessage {
  return render({
    kind: "password_reset",
    to: input.to,
    subject: "Reset your Voltasis password",
    intro: [
      `Someone asked to reset the password of the Voltasis account for ${input.to}.`,
      `The link below sets a new password. It works once, for ${input.minutes} minutes.`,
    ],
    action: { label: "Choose a new password", url: input.url },
    outro: [
      "If you did not ask for this, ignore this message: your password stays as it is.",
      "Setting a new password signs the account out of every browser and ends its sign-in tokens. API keys keep working.",
    ],
    why: `You receive this because a password reset was requested for ${input.to} on Voltasis.`,
    expiresAt: input.expiresAt,
  });
}

export function passwordChangedEmail(input: {
  to: string;
  forgotUrl: string;
  /** A reset link (the default), or Settings > Account with the current password. */
  how?: "reset" | "settings";
  /** Set when the reset also proved the address of an account that had not proved it. */
  removed: { organizations: number; apiKeys: number } | null;
  expiresAt: Date;
}): EmailMessage {
  const removed = input.removed;
  return render({
    kind: "password_changed",
    to: input.to,
    subject: "Your Voltasis password was changed",
    intro: [
      input.how === "settings"
        ? `The password of the Voltasis account for ${input.to} was just changed in Settings > Account, by someone who knew the current one.`
        : `The password of the Voltasis account for ${input.to} was just changed with a reset link sent to this address.`,
      "Every browser session and sign-in token of the account was ended.",
      removed
        ? `This address had not been confirmed before, so whoever created the account may not have been you: its ${removed.organizations} organization membership(s) and ${removed.apiKeys} API key(s) from before were removed. If they were yours, ask to be invited again.`
        : "API keys keep working: revoke them in Settings > API Keys if you need to.",
    ],
    outro: [`Was this not you? Reset the password again at once: ${input.forgotUrl}`],
    why: `You receive this because the password of the Voltasis account for ${input.to} changed.`,
    expiresAt: input.expiresAt,
  });
}

export function verifyEmailEmail(input: {
  to: string;
  url: string;
  forgotUrl: string;
  hours: number;
  expiresAt: Date;
}): EmailMessage {
  return render({
    kind: "verify_email",
    to: input.to,
    subject: "Confirm your email address for Voltasis",
    intro: [
      `Someone signed in to the Voltasis account for ${input.to} asked to confirm this address.`,
      `The link below confirms it, with the account's password. It works once, for ${input.hours} hours.`,
    ],
    action: { label: "Confirm this address", url: input.url },
    outro: [
      `Did you not ask for this, or not create this account? Then someone else may have created it with your address. Do not pass this link on: take the account over by resetting its password at ${input.forgotUrl}`,
    ],
    why: `You receive this because a confirmation of ${input.to} was requested on Voltasis.`,
    expiresAt: input.expiresAt,
  });
}

export function invitationEmail(input: {
  to: string;
  url: string;
  organization: string;
  inviter: string;
  role: string;
  days: number;
  expiresAt: Date;
}): EmailMessage {
  return render({
    kind: "invitation",
    to: input.to,
    subject: `${input.inviter} invited you to ${input.organization} on Voltasis`,
    intro: [
      `${input.inviter} invited ${input.to} to join ${input.organization} on Voltasis as ${input.role}.`,
      `The link below joins it, with a new account or the one you have. It works once, for ${input.days} days.`,
    ],
    action: { label: `Join ${input.organization}`, url: input.url },
    outro: ["Not expecting this? Ignore this message: nothing happens without the link."],
    why: `You receive this because someone in ${input.organization} invited ${input.to} on Voltasis.`,
    expiresAt: input.expiresAt,
  });
}

export function apiKeyExpiringEmail(input: {
  to: string;
  key: { name: string; prefix: string; last4: string; expiresAt: Date };
  organization: string;
  daysLeft: number;
  url: string;
}): EmailMessage {
  const { key } = input;
  const when = input.daysLeft <= 1 ? "within a day" : `in ${input.daysLeft} days`;
  return render({
    kind: "api_key_expiring",
    to: input.to,
    subject: `Your API key "${key.name}" expires ${when}`,
    intro: [
      `The API key "${key.name}" (${key.prefix}…${key.last4}) of ${input.organization} on Voltasis expires ${when}, at ${key.expiresAt.toISOString()}.`,
      "From then on every request made with it is refused. To keep your integration working, rotate the key: you get a new secret with the same name, scopes and settings, and can give the old one a grace period while you deploy the new one.",
    ],
    action: { label: "Rotate the key in Settings > API Keys", url: input.url },
    outro: ["If the key is no longer used, do nothing: it stops working by itself."],
    why: `You receive this because you own this API key in ${input.organization} on Voltasis.`,
    // Useless once the key has expired.
    expiresAt: key.expiresAt,
  });
}

export function refreshTokenReusedEmail(input: {
  to: string;
  /** What was revoked: the account's sign-in tokens, or a third-party app's access. */
  credential: { kind: "sign_in" } | { kind: "app"; appName: string };
  organization: string;
  forgotUrl: string;
  url: string;
  expiresAt: Date;
}): EmailMessage {
  const what =
    input.credential.kind === "app"
      ? `the access of the app "${input.credential.appName}"`
      : "a set of sign-in tokens";
  return render({
    kind: "refresh_token_reused",
    to: input.to,
    subject: "We revoked a Voltasis token that was used twice",
    intro: [
      `A refresh token of your Voltasis account (${input.to}) in ${input.organization} was presented again after it had already been used. A refresh token works once: a second use means it was copied, by a thief or by a faulty program.`,
      `To be safe we revoked ${what}, with every token issued from it. Signing in again${input.credential.kind === "app" ? " or authorizing the app again" : ""} gets new ones.`,
    ],
    action: { label: "Review your account", url: input.url },
    outro: [
      `Not expecting this? Change your password at once: ${input.forgotUrl}`,
      "API keys are not affected.",
    ],
    why: `You receive this because a token of the Voltasis account for ${input.to} was revoked for your protection.`,
    expiresAt: input.expiresAt,
  });
}

export function appAuthorizedEmail(input: {
  to: string;
  appName: string;
  organization: string;
  scopes: readonly string[];
  url: string;
  expiresAt: Date;
}): EmailMessage {
  return render({
    kind: "app_authorized",
    to: input.to,
    subject: `You authorized ${input.appName} on Voltasis`,
    intro: [
      `The app "${input.appName}" may now act for your Voltasis account (${input.to}) in ${input.organization}.`,
      `What it may do: ${input.scopes.join(", ")}.`,
    ],
    action: { label: "Review connected apps", url: input.url },
    outro: [
      "Was this not you? Revoke its access in Settings > Connected apps, then change your password.",
    ],
    why: `You receive this because a third-party app was authorized on the Voltasis account for ${input.to}.`,
    expiresAt: input.expiresAt,
  });
}

export function webhookDisabledEmail(input: {
  to: string;
  organizationName: string;
  url: string;
  lastError: string;
  settingsUrl: string;
  expiresAt: Date;
}): EmailMessage {
  return render({
    kind: "webhook_disabled",
    to: input.to,
    subject: `A webhook endpoint of ${input.organizationName} was disabled`,
    intro: [
      `Voltasis could not deliver events to ${input.url} for about a day, so the endpoint was disabled. Events are no longer sent to it.`,
      `The last attempt: ${input.lastError}.`,
    ],
    action: { label: "Open Settings > Webhooks", url: input.settingsUrl },
    outro: [
      "Fix the endpoint, then enable it again: the deliveries still waiting are sent, and any failed one can be resent from its delivery log.",
    ],
    why: `You receive this because you are an owner of ${input.organizationName} on Voltasis.`,
    expiresAt: input.expiresAt,
  });
}

export function credentialExposedEmail(input: {
  to: string;
  organization: string;
  /** "API key", "OAuth client secret"…, its name when it has one, and how the list shows it. */
  credential: { kind: string; name: string | null; display: string };
  /** Where the secret was found, as the reporter said (a GitHub URL, or nothing). */
  url: string | null;
  /** "GitHub secret scanning" or "a public report". */
  reporter: string;
  /** False for a webhook signing secret: it keeps signing until someone rotates it. */
  revoked: boolean;
  /** Why this person: the credential is theirs, or they own its organization. */
  reason: "owner" | "organization_owner";
  expiresAt: Date;
}): EmailMessage {
  const { credential } = input;
  const named = credential.name ? `${credential.kind} "${credential.name}"` : credential.kind;
  return render({
    kind: "credential_exposed",
    to: input.to,
    subject: `A Voltasis secret of ${input.organization} was found in public${input.revoked ? " and revoked" : ""}`,
    intro: [
      `${input.reporter} found the secret of the ${named} (${credential.display}) of ${input.organization} where others can read it${input.url ? `: ${input.url}` : "."}`,
      input.revoked
        ? "We revoked it at once: every request made with it is refused from now on."
        : "It still works: rotate it now in Settings > Webhooks, then update the receiver that checks it.",
    ],
    outro: [
      input.revoked
        ? "What to do: create a new one where you made this one, put it where the old one was used, and remove the old secret from where it was published (and from its history)."
        : "What to do: remove the secret from where it was published (and from its history).",
      "Check your audit log for requests you do not recognise.",
    ],
    why:
      input.reason === "owner"
        ? `You receive this because the ${named} belongs to you in ${input.organization} on Voltasis.`
        : `You receive this because you are an owner of ${input.organization} on Voltasis.`,
    expiresAt: input.expiresAt,
  });
}
