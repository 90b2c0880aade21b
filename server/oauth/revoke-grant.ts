import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { oauthGrants, oauthStore } from "@/db/schema";
import { now } from "@/lib/clock";
import { publishAuthChange } from "@/server/auth/auth-bus";

/**
 * Ends a user's grant to an app: every code, access and refresh token issued under it is
 * deleted, the grant is marked revoked, and every instance drops its cached tokens (the change
 * is published inside the same transaction). Idempotent. The caller checks who may do this (the
 * user, an owner of the organization, the app's deletion, a member's removal).
 */
export async function revokeGrant(db: Db | Tx, grantId: string): Promise<void> {
  const work = async (tx: Db | Tx) => {
    await tx.delete(oauthStore).where(eq(oauthStore.grantId, grantId));
    await tx
      .update(oauthGrants)
      .set({ revokedAt: now() })
      .where(and(eq(oauthGrants.id, grantId), isNull(oauthGrants.revokedAt)));
    await publishAuthChange(tx, { credentialIds: [grantId] });
  };
  // Inside the caller's transaction when given one, else in a transaction of its own.
  if ("rollback" in db) await work(db);
  else await db.transaction(work);
}
