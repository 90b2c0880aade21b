import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { oauthGrants, oauthStore } from "@/db/schema";
import { now } from "@/lib/clock";
import { publishAuthChange } from "@/server/auth/auth-bus";

/**
 * Ends grants inside the caller's transaction: marks them revoked, deletes every code and token
 * the authorization server keeps under them, and announces it, so that every instance refuses
 * their tokens once this commits. Returns the ids it revoked (already revoked ones are skipped).
 */
export async function forgetGrants(tx: Tx, grantIds: readonly string[]): Promise<string[]> {
  if (grantIds.length === 0) return [];
  const revoked = await tx
    .update(oauthGrants)
    .set({ revokedAt: now() })
    .where(and(inArray(oauthGrants.id, [...grantIds]), isNull(oauthGrants.revokedAt)))
    .returning({ id: oauthGrants.id });
  await tx.delete(oauthStore).where(inArray(oauthStore.grantId, [...grantIds]));
  const ids = revoked.map((r) => r.id);
  if (ids.length > 0) await publishAuthChange(tx, { credentialIds: ids });
  return ids;
}

/**
 * Ends every grant a user made, in one organization or everywhere: their removal from it, or
 * the account's end. Apps they authorized stop acting for them, and adding them back does not
 * revive a grant (the user authorizes again).
 */
export async function forgetGrantsOf(
  tx: Tx,
  owner: { userId: string; organizationId?: string },
): Promise<string[]> {
  const grants = await tx
    .select({ id: oauthGrants.id })
    .from(oauthGrants)
    .where(
      and(
        eq(oauthGrants.userId, owner.userId),
        owner.organizationId ? eq(oauthGrants.organizationId, owner.organizationId) : undefined,
        isNull(oauthGrants.revokedAt),
      ),
    );
  return forgetGrants(
    tx,
    grants.map((g) => g.id),
  );
}
