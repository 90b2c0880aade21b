import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { tokenFamilies, userTokens } from "@/db/schema";
import { now } from "@/lib/clock";
import { publishTokenRevocations } from "./publish-token-revocations";

/**
 * Revokes every live token of a user, optionally only those of one organization. Runs inside
 * the caller's transaction and locks the families first (in id order, so two revocations never
 * deadlock), like refresh does: a refresh in flight finishes before, or is refused after.
 */
export async function revokeUserTokensOf(
  tx: Tx,
  userId: string,
  organizationId?: string,
): Promise<void> {
  const families = [eq(tokenFamilies.userId, userId)];
  if (organizationId) families.push(eq(tokenFamilies.organizationId, organizationId));
  const locked = await tx
    .select({ id: tokenFamilies.id })
    .from(tokenFamilies)
    .where(and(...families))
    .orderBy(asc(tokenFamilies.id))
    .for("update");
  const at = now();
  if (locked.length > 0) {
    await tx
      .update(tokenFamilies)
      .set({ revokedAt: at })
      .where(
        and(
          inArray(
            tokenFamilies.id,
            locked.map((f) => f.id),
          ),
          isNull(tokenFamilies.revokedAt),
        ),
      );
  }
  const where = [eq(userTokens.userId, userId), isNull(userTokens.revokedAt)];
  if (organizationId) where.push(eq(userTokens.organizationId, organizationId));
  const revoked = await tx
    .update(userTokens)
    .set({ revokedAt: at })
    .where(and(...where))
    .returning({ id: userTokens.id });
  await publishTokenRevocations(
    tx,
    revoked.map((t) => t.id),
  );
}
