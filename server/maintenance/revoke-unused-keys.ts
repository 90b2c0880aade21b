import { eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { apiKeys, organizations, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { apiKeyEventData } from "@/server/api-keys/api-key-event";
import {
  type ApiKeyRow,
  publicApiKeyColumns,
  toPublicApiKey,
} from "@/server/api-keys/public-api-key";
import { recordAudit, systemActor } from "@/server/audit/record-audit";
import { publishAuthChange } from "@/server/auth/auth-bus";
import { publicBaseUrl } from "@/server/core/public-url";
import { rowsOf } from "@/server/core/sql-rows";
import { apiKeyUnusedWarningEmail } from "@/server/email/key-policy-messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";

const DAY_MS = 86_400_000;
/** A key is never revoked for disuse less than this long after its owner was warned. */
export const UNUSED_WARNING_NOTICE_DAYS = 7;
/** Keys claimed per transaction, and at most this many batches per step in one run. */
const BATCH = 100;
const MAX_BATCHES = 10;

export interface UnusedKeysReport {
  warned: number;
  revoked: number;
}

// A key's idle spell starts at its last use; a key never used, at its creation, or at its
// approval when it waited for one (it could not be used before).
const IDLE_SINCE = sql`greatest(coalesce(k.last_used_at, k.created_at), coalesce(k.approval_decided_at, k.created_at))`;

/** Keys that work: not revoked, not expired, not replaced by a rotation, not awaiting approval. */
function inService(at: string) {
  return sql`k.revoked_at is null and k.replaced_by_id is null
    and (k.expires_at is null or k.expires_at > ${at}::timestamptz)
    and k.approval is distinct from 'pending'`;
}

/**
 * The policy `revoke_unused_after_days` (N) of each organization that set it: warns the owner of
 * every key idle for N−7 days (mail, `api_key.unused_warning` event, audit entry), once per idle
 * spell, and revokes the keys idle for N days whose owner was warned during this spell at least
 * 7 days ago. A key used after its warning starts a new spell, so it is warned again before it
 * can be revoked, and switching the policy on revokes nothing before a week of warning.
 *
 * Safe on several instances at once: each batch claims its rows with an UPDATE whose rows are
 * locked (SKIP LOCKED) and re-checked, and writes the mail, events and audit in the claim's
 * transaction, so each warning and revocation happens once.
 */
export async function revokeUnusedKeys(
  options: { now?: Date; signal?: AbortSignal; kick?: boolean; batchSize?: number } = {},
): Promise<UnusedKeysReport> {
  const db = await getDb();
  const at = options.now ?? now();
  const batchSize = options.batchSize ?? BATCH;
  const report: UnusedKeysReport = { warned: 0, revoked: 0 };
  // Revocations first: a key warned in this run waits a week in any case.
  for (const step of ["revoked", "warned"] as const) {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      if (options.signal?.aborted) break;
      const done = await db.transaction((tx) =>
        step === "revoked" ? revokeBatch(tx, at, batchSize) : warnBatch(tx, at, batchSize),
      );
      report[step] += done;
      if (done < batchSize) break;
    }
  }
  if (options.kick !== false) {
    if (report.warned + report.revoked > 0) kickWebhookOutbox();
    if (report.warned > 0) kickEmailOutbox();
  }
  return report;
}

type PolicyKey = ApiKeyRow & {
  organizationName: string;
  disabledAt: Date | null;
  days: number | null;
};

async function claimedKeys(tx: Tx, ids: string[]): Promise<PolicyKey[]> {
  return tx
    .select({
      ...publicApiKeyColumns,
      organizationName: organizations.name,
      disabledAt: users.disabledAt,
      days: organizations.revokeUnusedAfterDays,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(inArray(apiKeys.id, ids));
}

function idleSince(key: ApiKeyRow): Date {
  const used = (key.lastUsedAt ?? key.createdAt).getTime();
  const approved = (key.approvalDecidedAt ?? key.createdAt).getTime();
  return new Date(Math.max(used, approved));
}

async function warnBatch(tx: Tx, at: Date, limit: number): Promise<number> {
  const iso = at.toISOString();
  const claimed = await rowsOf<{ id: string }>(
    tx,
    sql`
    with due as (
      select k.id from api_keys k
      join organizations o on o.id = k.organization_id
      where o.revoke_unused_after_days is not null and ${inService(iso)}
        and ${IDLE_SINCE} <= ${iso}::timestamptz
          - make_interval(days => o.revoke_unused_after_days - ${UNUSED_WARNING_NOTICE_DAYS})
        and (k.unused_warned_at is null or k.unused_warned_at < ${IDLE_SINCE})
      order by k.id
      limit ${limit}
      for update of k skip locked
    )
    update api_keys k set unused_warned_at = ${iso}::timestamptz
    from due where k.id = due.id
    returning k.id`,
  );
  if (claimed.length === 0) return 0;
  for (const key of await claimedKeys(
    tx,
    claimed.map((r) => r.id),
  )) {
    await warn(tx, key, at);
  }
  return claimed.length;
}

async function warn(tx: Tx, key: PolicyKey, at: Date) {
  const days = key.days ?? 0;
  const byPolicy = idleSince(key).getTime() + days * DAY_MS;
  const afterNotice = at.getTime() + UNUSED_WARNING_NOTICE_DAYS * DAY_MS;
  const revokeAt = new Date(Math.max(byPolicy, afterNotice));
  await publishEvent(
    tx,
    key.organizationId,
    "api_key.unused_warning",
    apiKeyEventData(toPublicApiKey(key), null, {
      revoke_at: revokeAt.toISOString(),
      revoke_unused_after_days: days,
    }),
  );
  await recordAudit(tx, systemActor("unused_key_policy", ""), {
    action: "api_key.unused_warning",
    organizationId: key.organizationId,
    targetType: "api_key",
    targetId: key.id,
    metadata: {
      name: key.name,
      revoke_at: revokeAt.toISOString(),
      revoke_unused_after_days: days,
      last_used_at: key.lastUsedAt?.toISOString() ?? null,
    },
  });
  // A disabled account's keys do not work; no one reads its mail about them.
  if (key.disabledAt) return;
  await enqueueEmail(
    tx,
    apiKeyUnusedWarningEmail({
      to: key.creatorEmail,
      key,
      organization: key.organizationName,
      days,
      lastUsedAt: key.lastUsedAt,
      revokeAt,
      url: `${publicBaseUrl()}/settings/api-keys/${key.id}`,
    }),
  );
}

async function revokeBatch(tx: Tx, at: Date, limit: number): Promise<number> {
  const iso = at.toISOString();
  const claimed = await rowsOf<{ id: string }>(
    tx,
    sql`
    with due as (
      select k.id from api_keys k
      join organizations o on o.id = k.organization_id
      where o.revoke_unused_after_days is not null and ${inService(iso)}
        and ${IDLE_SINCE} <= ${iso}::timestamptz - make_interval(days => o.revoke_unused_after_days)
        and k.unused_warned_at >= ${IDLE_SINCE}
        and k.unused_warned_at <= ${iso}::timestamptz
          - make_interval(days => ${UNUSED_WARNING_NOTICE_DAYS})
      order by k.id
      limit ${limit}
      for update of k skip locked
    )
    update api_keys k set revoked_at = ${iso}::timestamptz
    from due where k.id = due.id
    returning k.id`,
  );
  const ids = claimed.map((r) => r.id);
  if (ids.length === 0) return 0;
  // Every instance forgets the keys when this commits.
  await publishAuthChange(tx, { credentialIds: ids });
  for (const key of await claimedKeys(tx, ids)) {
    await recordAudit(tx, systemActor("unused_key_policy", ""), {
      action: "api_key.revoked",
      organizationId: key.organizationId,
      targetType: "api_key",
      targetId: key.id,
      metadata: {
        name: key.name,
        reason: "unused",
        revoke_unused_after_days: key.days,
        last_used_at: key.lastUsedAt?.toISOString() ?? null,
      },
    });
    await publishEvent(
      tx,
      key.organizationId,
      "api_key.revoked",
      apiKeyEventData(toPublicApiKey(key), null, { reason: "unused" }),
    );
  }
  return ids.length;
}
