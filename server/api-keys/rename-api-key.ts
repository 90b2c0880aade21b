import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { findAccessibleKey } from "./find-api-key";
import { toPublicApiKey } from "./public-api-key";

export async function renameApiKey(ctx: AuthContext, id: string, name: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await findAccessibleKey(tx, ctx, id, { lock: true });
    if (row.name === name) return toPublicApiKey(row);
    await tx.update(apiKeys).set({ name }).where(eq(apiKeys.id, row.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.renamed",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: row.id,
      metadata: { from: row.name, to: name },
    });
    return toPublicApiKey({ ...row, name });
  });
}
