import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";

/**
 * What a `member.*` webhook event says of the person: id, name and address (receivers keep a
 * directory in step with it), plus what the caller adds (role, actor).
 */
export async function memberEventData(
  tx: Tx,
  userId: string,
  extra: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const [user] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return { user_id: userId, name: user?.name ?? null, email: user?.email ?? null, ...extra };
}
