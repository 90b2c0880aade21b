import { now } from "@/lib/clock";
import { actorOf, recordAudit } from "@/server/audit/record-audit";
import type { AuthContext } from "@/server/auth/auth-context";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { inventoryTypes } from "./credential-authority";
import { type CredentialRow, selectCredentialRows } from "./credential-rows";
import { endSessions, revokeGrants, revokeKeys, revokeSignIns } from "./revoke-each-kind";
import {
  type ByType,
  CREDENTIAL_TYPES,
  type InventoryType,
  type RevokeCredentialsInput,
  type RevokeCredentialsResult,
} from "./schemas";
import { selectorFilter } from "./selector-filter";

/**
 * Revokes, in one transaction, every working credential the one selector names: all of a
 * member's here, the API keys unused for N days, or up to 100 by id. `dry_run` answers the count
 * and changes nothing (the confirm dialog asks it first). Each credential is revoked, audited
 * and announced as its single revocation is; one more entry records the bulk action itself.
 */
export async function revokeCredentials(
  ctx: AuthContext,
  input: RevokeCredentialsInput,
): Promise<RevokeCredentialsResult> {
  const types = inventoryTypes(ctx, "write");
  const filter = await selectorFilter(ctx, types, input);
  if (input.dry_run) {
    const rows = await selectCredentialRows(ctx.db, ctx.organization.id, filter, now());
    const byType = countByType(rows);
    return { would_revoke: rows.length, by_type: byType };
  }
  const byType = await ctx.db.transaction(async (tx) => {
    const at = now();
    const rows = await selectCredentialRows(tx, ctx.organization.id, filter, at);
    const inTx = { ...ctx, db: tx };
    const of = (type: InventoryType) => rows.filter((r) => r.type === type);
    const counts: ByType = {
      api_key: await revokeKeys(inTx, of("api_key")),
      user_token: await revokeSignIns(inTx, of("user_token")),
      oauth_grant: await revokeGrants(inTx, of("oauth_grant")),
      session: await endSessions(inTx, of("session")),
    };
    const revoked = total(counts);
    if (revoked > 0) {
      await recordAudit(tx, actorOf(ctx), {
        action: "credentials.bulk_revoked",
        organizationId: ctx.organization.id,
        targetType: "organization",
        targetId: ctx.organization.id,
        metadata: { ...selectorOf(input), revoked, by_type: counts },
      });
    }
    return counts;
  });
  // After the commit: the api_key.revoked and oauth_grant.revoked events are now in the outbox.
  kickWebhookOutbox();
  return { revoked: total(byType), by_type: byType };
}

function total(counts: ByType): number {
  return counts.api_key + counts.session + counts.user_token + counts.oauth_grant;
}

function countByType(rows: CredentialRow[]): ByType {
  const counts = Object.fromEntries(CREDENTIAL_TYPES.map((t) => [t, 0])) as ByType;
  for (const row of rows) counts[row.type] += 1;
  return counts;
}

/** What the summary entry says was asked; ids are many, so only how many. */
function selectorOf(input: RevokeCredentialsInput) {
  if (input.member_id) return { selector: "member", member_id: input.member_id };
  if (input.unused_days) return { selector: "unused", unused_days: input.unused_days };
  return { selector: "ids", ids: input.ids?.length ?? 0 };
}
