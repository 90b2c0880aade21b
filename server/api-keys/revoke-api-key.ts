import { eq } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import type { AuthContext } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";
import { apiKeyEventData } from "./api-key-event";
import { findAccessibleKey } from "./find-api-key";
import { keyStatus, toPublicApiKey } from "./public-api-key";

/** Revokes a key at once. Idempotent: revoking a revoked key changes nothing and succeeds. */
export async function revokeApiKey(ctx: AuthContext, id: string) {
  requireScope(ctx, "write:api-keys");
  const key = await ctx.db.transaction(async (tx) => {
    const row = await findAccessibleKey(tx, ctx, id, { lock: true });
    if (keyStatus(row) === "revoked") return row;
    const revokedAt = now();
    await tx.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.id, row.id));
    await recordAudit(tx, actorOf(ctx), {
      action: "api_key.revoked",
      organizationId: ctx.organization.id,
      targetType: "api_key",
      targetId: row.id,
      metadata: { name: row.name },
    });
    // Every instance forgets the key when this commits.
    await publishAuthChange(tx, { credentialIds: [row.id] });
    const revoked = { ...row, revokedAt };
    await publishEvent(
      tx,
      ctx.organization.id,
      "api_key.revoked",
      apiKeyEventData(toPublicApiKey(revoked), ctx.user.id),
    );
    return revoked;
  });
  kickWebhookOutbox();
  return toPublicApiKey(key);
}
