import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { now } from "@/lib/clock";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { ApiError } from "@/server/core/api-error";
import { revokeUserTokensOf } from "@/server/tokens/revoke-all-user-tokens";

/**
 * Disables an account everywhere: password login and every credential fail from the next
 * request on. User tokens are revoked (re-enabling means logging in again); API keys are left
 * as they are, refused while the account is disabled. Idempotent.
 */
export async function disableUser(userId: string): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw new ApiError("NOT_FOUND", "No user with this id");
    await tx
      .update(users)
      .set({ disabledAt: now() })
      .where(and(eq(users.id, userId), isNull(users.disabledAt)));
    await revokeUserTokensOf(tx, userId);
    await publishAuthChange(tx, { userId });
  });
}
