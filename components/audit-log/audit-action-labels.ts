import type { AuditAction } from "@/server/audit/record-audit";

/** How the dashboard names each audit action: a new action does not compile without a label. */
const LABELS: Record<AuditAction, string> = {
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "api_key.rotated": "API key rotated",
  "api_key.renamed": "API key renamed",
  "api_key.updated": "API key updated",
  "organization.override": "Platform admin request (X-Organization-ID)",
  "organization.switched": "Platform admin entered",
  "organization.created": "Organization created",
  "organization.renamed": "Organization renamed",
  "organization.third_party_access_changed": "Third-party app policy changed",
  "organization.plan_changed": "Plan changed",
  "organization.policies_changed": "Credential policies changed",
  "membership.removed": "Member removed",
  "membership.role_changed": "Role changed",
  "invitation.created": "Invitation sent",
  "invitation.revoked": "Invitation revoked",
  "invitation.resent": "Invitation sent again",
  "invitation.accepted": "Invitation accepted",
  "user.password_changed": "Password changed",
  "user.password_reset": "Password reset by email link",
  "user.email_verified": "Email address verified",
  "user.renamed": "Name changed",
  "user.session_revoked": "Browser session revoked",
  "token_family.revoked": "Sign-in tokens revoked",
  "oauth_app.created": "OAuth app registered",
  "oauth_app.updated": "OAuth app updated",
  "oauth_app.deleted": "OAuth app deleted",
  "oauth_app.secret_created": "OAuth client secret created",
  "oauth_app.secret_revoked": "OAuth client secret deleted",
  "oauth_grant.created": "Third-party app authorized",
  "oauth_grant.revoked": "Third-party app access revoked",
  "oauth_grant.reuse_detected": "OAuth token reuse detected: access revoked",
  "webhook.created": "Webhook endpoint added",
  "webhook.updated": "Webhook endpoint updated",
  "webhook.deleted": "Webhook endpoint deleted",
  "webhook.secret_rotated": "Webhook signing secret rotated",
  "api_key.exposed": "API key reported leaked: revoked",
  "credential.exposed": "Secret reported leaked",
  "credentials.bulk_revoked": "Credentials revoked in bulk",
  "api_key.approved": "API key approved",
  "api_key.denied": "API key denied: revoked",
  "api_key.unused_warning": "Unused API key: owner warned of revocation",
};

/** Entries Voltasis wrote itself (no user), by the channel named as their credential. */
const SYSTEM_ACTORS: Record<string, string> = {
  github_secret_scanning: "Voltasis (GitHub secret scanning report)",
  public_report: "Voltasis (public leak report)",
  unused_key_policy: "Voltasis (unused-key policy)",
};

/** Who an entry without a user is: Voltasis on a leak report or a policy, else a deleted account. */
export function missingActorLabel(credential: string | null): string {
  return (credential && SYSTEM_ACTORS[credential]) ?? "Deleted user";
}

export function actionLabel(action: string): string {
  return LABELS[action as AuditAction] ?? action;
}

const TARGET_LABELS: Record<string, string> = {
  api_key: "API key",
  organization: "Organization",
  user: "User",
  invitation: "Invitation",
  token_family: "Sign-in",
  oauth_app: "OAuth app",
  oauth_grant: "Third-party access",
  webhook: "Webhook",
};

export function targetLabel(type: string): string {
  return TARGET_LABELS[type] ?? type;
}

/** The filter's groups: what an action acts on, by the part of its name before the dot. */
const GROUP_LABELS: Record<string, string> = {
  api_key: "API keys",
  membership: "Members",
  invitation: "Invitations",
  organization: "Organization",
  user: "Accounts",
  token_family: "Sign-in tokens",
  credential: "Leaked secrets",
  credentials: "Credentials",
};

/** `actions` grouped by what they act on, groups and actions each in their first order. */
export function actionGroups(actions: readonly string[]): { label: string; actions: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const prefix = action.split(".")[0] ?? action;
    const label = GROUP_LABELS[prefix] ?? prefix;
    groups.set(label, [...(groups.get(label) ?? []), action]);
  }
  return [...groups].map(([label, list]) => ({ label, actions: list }));
}

/** One line saying what changed, from an entry's metadata, when it says something useful. */
export function entrySummary(metadata: Record<string, unknown> | null): string | null {
  if (!metadata) return null;
  const m = metadata;
  if (typeof m.from === "string" && typeof m.to === "string") return `${m.from} → ${m.to}`;
  if (m.changes && typeof m.changes === "object") {
    return `Changed ${Object.keys(m.changes).join(", ").replace(/_/g, " ")}`;
  }
  if (typeof m.name === "string") return m.name;
  if (typeof m.email === "string") return m.email;
  if (typeof m.device === "string") return m.device;
  if (typeof m.reason === "string") return m.reason.replace(/_/g, " ");
  if (typeof m.revoked === "number") return `${m.revoked} credential${m.revoked === 1 ? "" : "s"}`;
  return null;
}
