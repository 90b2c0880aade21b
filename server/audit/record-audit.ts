import type { Db, Tx } from "@/db";
import { auditLogs } from "@/db/schema";
import { newId } from "@/lib/ids";

export const AUDIT_ACTIONS = [
  "api_key.created",
  "api_key.revoked",
  "api_key.rotated",
  // Written before PATCH took more than a name; new renames are api_key.updated.
  "api_key.renamed",
  "api_key.updated",
  "organization.override",
  "organization.switched",
  "membership.removed",
  "invitation.created",
  "invitation.revoked",
  "invitation.resent",
  "invitation.accepted",
  "membership.role_changed",
  "organization.created",
  "organization.renamed",
  "organization.third_party_access_changed",
  "organization.plan_changed",
  "organization.policies_changed",
  "user.password_changed",
  "user.password_reset",
  "user.email_verified",
  "user.renamed",
  "user.session_revoked",
  "token_family.revoked",
  "oauth_app.created",
  "oauth_app.updated",
  "oauth_app.deleted",
  "oauth_app.secret_created",
  "oauth_app.secret_revoked",
  "oauth_grant.created",
  "oauth_grant.revoked",
  "oauth_grant.reuse_detected",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.secret_rotated",
  // A secret reported leaked (GitHub secret scanning, POST /credentials/report) and revoked.
  "api_key.exposed",
  "credential.exposed",
  // Settings > Credentials: one entry per bulk revocation, beside each credential's own.
  "credentials.bulk_revoked",
  // A member's key under the organization's approval policy, decided by an owner or admin.
  "api_key.approved",
  "api_key.denied",
  // The unused-key policy warned the key's owner that the key will be revoked.
  "api_key.unused_warning",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  "api_key",
  "organization",
  "user",
  "invitation",
  "token_family",
  "oauth_app",
  "oauth_grant",
  "webhook",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export interface AuditActor {
  userId: string;
  /** The credential used: a key id, a token id, or "session". */
  credentialId: string;
  ip: string;
}

/**
 * Who acts when no person does: Voltasis itself, on a leak report or an organization's policy.
 * Its entries have no user (`actor: null` in the API, like a deleted account's) and name the
 * report's channel (or the policy) as the credential, so the log says which door it came through.
 */
export const SYSTEM_CREDENTIALS = [
  "github_secret_scanning",
  "public_report",
  // The maintenance pass enforcing the organization's revoke_unused_after_days.
  "unused_key_policy",
] as const;
export type SystemCredential = (typeof SYSTEM_CREDENTIALS)[number];

export interface SystemAuditActor {
  userId: null;
  credentialId: SystemCredential;
  ip: string;
}

export function systemActor(credentialId: SystemCredential, ip: string): SystemAuditActor {
  return { userId: null, credentialId, ip };
}

/** The audit actor of an authenticated request (an AuthContext, or what a door knows of one). */
export function actorOf(ctx: {
  user: { id: string };
  credential: { type: string; id: string };
  ip: string;
}): AuditActor {
  return {
    userId: ctx.user.id,
    credentialId: ctx.credential.type === "session" ? "session" : ctx.credential.id,
    ip: ctx.ip,
  };
}

export interface AuditEntry {
  action: AuditAction;
  organizationId: string;
  targetType: AuditTargetType;
  targetId: string;
  metadata?: Record<string, unknown>;
}

/** Appends one audit record; pass the transaction so it commits with the change it describes. */
export async function recordAudit(
  db: Db | Tx,
  actor: AuditActor | SystemAuditActor,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLogs).values({
    id: newId("aud"),
    organizationId: entry.organizationId,
    actorUserId: actor.userId,
    actorTokenId: actor.credentialId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: actor.ip,
    metadata: entry.metadata ?? null,
  });
}
