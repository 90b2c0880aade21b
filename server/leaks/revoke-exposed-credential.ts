import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { apiKeys, oauthClientSecrets, tokenFamilies } from "@/db/schema";
import { now } from "@/lib/clock";
import {
  type AuditTargetType,
  recordAudit,
  type SystemCredential,
  systemActor,
} from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { forgetGrants } from "@/server/oauth-grants/forget-grants";
import { revokeLockedFamily } from "@/server/tokens/revoke-locked-family";
import type { ExposedCredential } from "./find-exposed-credentials";

/** Where a leak was found and who told us: the audit entry's and the event's `url`, `source`. */
export interface LeakReport {
  channel: SystemCredential;
  /** GitHub's `source` ("content", "commit"…), or "public_report". */
  source: string;
  url: string | null;
  ip: string;
}

const TARGET_TYPE: Record<ExposedCredential["kind"], AuditTargetType> = {
  api_key: "api_key",
  access_token: "token_family",
  refresh_token: "token_family",
  oauth_access_token: "oauth_grant",
  oauth_refresh_token: "oauth_grant",
  client_secret: "oauth_app",
  webhook_secret: "webhook",
};

/**
 * Revokes one leaked credential in the caller's transaction with the function its own door
 * uses, so every instance refuses it once this commits, and audits why. A webhook signing secret
 * is not revoked here (rotating it is its endpoint's business): it is audited, and its owners
 * told. Returns when it was revoked: null when someone revoked it first, or for a webhook secret.
 */
export async function revokeExposedCredential(
  tx: Tx,
  credential: ExposedCredential,
  display: { prefix: string; last4: string },
  report: LeakReport,
): Promise<{ revokedAt: Date | null; changed: boolean }> {
  const revokedAt = now();
  const changed = await revoke(tx, credential, report, revokedAt);
  if (!changed) return { revokedAt: null, changed: false };
  await recordAudit(tx, systemActor(report.channel, report.ip), {
    action: credential.kind === "api_key" ? "api_key.exposed" : "credential.exposed",
    organizationId: credential.organizationId,
    targetType: TARGET_TYPE[credential.kind],
    targetId: credential.id,
    metadata: {
      url: report.url,
      source: report.source,
      kind: credential.kind,
      ...(credential.name ? { name: credential.name } : {}),
      prefix: display.prefix,
      last4: display.last4,
      revoked: credential.kind !== "webhook_secret",
    },
  });
  return { revokedAt: credential.kind === "webhook_secret" ? null : revokedAt, changed: true };
}

/** The revocation itself; false when there was nothing left to revoke (a race was lost). */
async function revoke(
  tx: Tx,
  credential: ExposedCredential,
  report: LeakReport,
  at: Date,
): Promise<boolean> {
  switch (credential.kind) {
    case "api_key": {
      // revokeApiKey's own steps, without its caller's scope: nobody's request is acting here.
      const revoked = await tx
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, credential.id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      if (revoked.length > 0) await publishAuthChange(tx, { credentialIds: [credential.id] });
      return revoked.length > 0;
    }
    case "access_token":
    case "refresh_token": {
      // Both tokens of a login are kept together: whoever has one likely has the other.
      const [family] = await tx
        .select({ revokedAt: tokenFamilies.revokedAt })
        .from(tokenFamilies)
        .where(eq(tokenFamilies.id, credential.revokes))
        .for("update");
      if (!family || family.revokedAt) return false;
      await revokeLockedFamily(tx, {
        familyId: credential.revokes,
        audit: {
          userId: credential.ownerUserId ?? "",
          organizationId: credential.organizationId,
          tokenId: report.channel,
          ip: report.ip,
          reason: "credential_exposed",
        },
      });
      return true;
    }
    case "oauth_access_token":
    case "oauth_refresh_token":
      return (await forgetGrants(tx, [credential.revokes])).length > 0;
    case "client_secret": {
      const deleted = await tx
        .delete(oauthClientSecrets)
        .where(eq(oauthClientSecrets.id, credential.revokes))
        .returning({ id: oauthClientSecrets.id });
      return deleted.length > 0;
    }
    case "webhook_secret":
      return true;
  }
}
