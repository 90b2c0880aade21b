import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { tokenFamilies, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { recordAudit } from "@/server/audit/record-audit";
import { publishTokenRevocations } from "./publish-token-revocations";

/**
 * Marks a family revoked and revokes its tokens, audited in the family's organization; every
 * instance forgets them when this commits. The caller holds the family row's lock. Revoking a
 * family already revoked changes nothing and writes no entry.
 */
export async function revokeLockedFamily(
  tx: Tx,
  change: {
    familyId: string;
    /** Who the family belonged to, the token presented, from where, and why it was revoked. */
    audit: { userId: string; organizationId: string; tokenId: string; ip: string; reason: string };
  },
): Promise<void> {
  const at = now();
  const family = await tx
    .update(tokenFamilies)
    .set({ revokedAt: at })
    .where(and(eq(tokenFamilies.id, change.familyId), isNull(tokenFamilies.revokedAt)))
    .returning({ id: tokenFamilies.id });
  const revoked = await tx
    .update(userTokens)
    .set({ revokedAt: at })
    .where(and(eq(userTokens.familyId, change.familyId), isNull(userTokens.revokedAt)))
    .returning({ id: userTokens.id });
  await publishTokenRevocations(
    tx,
    revoked.map((t) => t.id),
  );
  if (family.length === 0) return;
  const { audit } = change;
  await recordAudit(
    tx,
    { userId: audit.userId, credentialId: audit.tokenId, ip: audit.ip },
    {
      action: "token_family.revoked",
      organizationId: audit.organizationId,
      targetType: "token_family",
      targetId: change.familyId,
      metadata: { reason: audit.reason, tokens_revoked: revoked.length },
    },
  );
}
