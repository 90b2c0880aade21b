import { inArray, lte } from "drizzle-orm";
import { getDb } from "@/db";
import { emailTokens } from "@/db/schema";
import { now } from "@/lib/clock";

/** Links are forgotten a day after they expire: by then nobody can use or ask about them. */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60_000;

export async function pruneEmailTokens(): Promise<number> {
  const db = await getDb();
  const before = new Date(now().getTime() - KEEP_AFTER_EXPIRY_MS);
  const old = db
    .select({ tokenHash: emailTokens.tokenHash })
    .from(emailTokens)
    .where(lte(emailTokens.expiresAt, before))
    .limit(5_000);
  const deleted = await db
    .delete(emailTokens)
    .where(inArray(emailTokens.tokenHash, old))
    .returning({ tokenHash: emailTokens.tokenHash });
  return deleted.length;
}
