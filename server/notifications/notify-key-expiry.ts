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
import { publicBaseUrl } from "@/server/core/public-url";
import { rowsOf } from "@/server/core/sql-rows";
import { apiKeyExpiringEmail } from "@/server/email/messages";
import { enqueueEmail, kickEmailOutbox } from "@/server/email/outbox";
import { kickWebhookOutbox } from "@/server/webhooks/outbox";
import { publishEvent } from "@/server/webhooks/publish-event";

const DAY_MS = 86_400_000;
/** Keys claimed per transaction, and at most this many batches per kind in one run. */
export const KEY_NOTICE_BATCH = 100;
const MAX_BATCHES_PER_KIND = 10;
/**
 * A key that expired longer ago than this gets no `expired` notice: the first scan after this
 * feature ships, or after a long outage, does not announce keys that died long ago.
 */
const EXPIRED_NOTICE_WINDOW_MS = 7 * DAY_MS;

export type KeyNoticeKind = "expiring_7d" | "expiring_1d" | "expired";

export interface KeyNoticeReport {
  expiring7d: number;
  expiring1d: number;
  expired: number;
}

/**
 * The expiry notices due at `at`: a key in service that expires within 7 days (but not within
 * 1), within 1 day, or that expired. Each is given once per key and kind, whichever instance
 * scans first: the claim is an insert into credential_notices that does nothing on conflict, and
 * the event and the owner's mail are written in the same transaction as the claim. The kinds go
 * from the latest to the earliest, and each window excludes the nearer ones, so a key first seen
 * within a day gets only the 1-day notice, and one first seen expired only the expired one.
 * Revoked keys, and keys already replaced by a rotation (in their grace period), get none.
 */
export async function notifyKeyExpiry(
  options: {
    now?: Date;
    batchSize?: number;
    signal?: AbortSignal;
    /** False in a one-off script: the servers' outbox pollers send what it queued. */
    kick?: boolean;
  } = {},
): Promise<KeyNoticeReport> {
  const db = await getDb();
  const at = options.now ?? now();
  const batchSize = options.batchSize ?? KEY_NOTICE_BATCH;
  const report: KeyNoticeReport = { expiring7d: 0, expiring1d: 0, expired: 0 };
  const kinds: [KeyNoticeKind, keyof KeyNoticeReport][] = [
    ["expired", "expired"],
    ["expiring_1d", "expiring1d"],
    ["expiring_7d", "expiring7d"],
  ];
  for (const [kind, field] of kinds) {
    for (let batch = 0; batch < MAX_BATCHES_PER_KIND; batch++) {
      if (options.signal?.aborted) break;
      const given = await db.transaction((tx) => noticeBatch(tx, kind, at, batchSize));
      report[field] += given;
      if (given < batchSize) break;
    }
  }
  if (options.kick !== false && report.expiring7d + report.expiring1d + report.expired > 0) {
    kickWebhookOutbox();
    if (report.expiring7d + report.expiring1d > 0) kickEmailOutbox();
  }
  return report;
}

/** The window of `expires_at` each kind covers at `at`. */
function windowOf(kind: KeyNoticeKind, at: Date): { after: Date; until: Date } {
  const t = at.getTime();
  if (kind === "expired") return { after: new Date(t - EXPIRED_NOTICE_WINDOW_MS), until: at };
  if (kind === "expiring_1d") return { after: at, until: new Date(t + DAY_MS) };
  return { after: new Date(t + DAY_MS), until: new Date(t + 7 * DAY_MS) };
}

/** Claims up to `limit` notices of one kind and gives them; returns how many it gave. */
async function noticeBatch(tx: Tx, kind: KeyNoticeKind, at: Date, limit: number): Promise<number> {
  const { after, until } = windowOf(kind, at);
  const claimed = await rowsOf<{ credential_id: string }>(
    tx,
    sql`
    insert into credential_notices (credential_id, kind, created_at)
    select k.id, ${kind}, ${at.toISOString()}::timestamptz
    from api_keys k
    where k.revoked_at is null and k.replaced_by_id is null
      and k.expires_at > ${after.toISOString()}::timestamptz
      and k.expires_at <= ${until.toISOString()}::timestamptz
      and not exists (
        select 1 from credential_notices n where n.credential_id = k.id and n.kind = ${kind})
    order by k.expires_at, k.id
    limit ${limit}
    on conflict do nothing
    returning credential_id`,
  );
  const ids = claimed.map((r) => r.credential_id);
  if (ids.length === 0) return 0;
  const keys = await tx
    .select({
      ...publicApiKeyColumns,
      organizationName: organizations.name,
      disabledAt: users.disabledAt,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(inArray(apiKeys.id, ids));
  for (const key of keys) await giveNotice(tx, kind, key, at);
  return ids.length;
}

type NoticeKey = ApiKeyRow & { organizationName: string; disabledAt: Date | null };

async function giveNotice(tx: Tx, kind: KeyNoticeKind, key: NoticeKey, at: Date) {
  const expiresAt = key.expiresAt as Date;
  const shown = toPublicApiKey(key);
  if (kind === "expired") {
    await publishEvent(tx, key.organizationId, "api_key.expired", apiKeyEventData(shown, null));
    return;
  }
  const daysLeft = Math.max(1, Math.ceil((expiresAt.getTime() - at.getTime()) / DAY_MS));
  await publishEvent(
    tx,
    key.organizationId,
    "api_key.expiring",
    apiKeyEventData(shown, null, { days_left: daysLeft, notice: kind }),
  );
  // A disabled account's keys do not work; no one reads its mail about them.
  if (key.disabledAt) return;
  await enqueueEmail(
    tx,
    apiKeyExpiringEmail({
      to: key.creatorEmail,
      key: { name: key.name, prefix: key.prefix, last4: key.last4, expiresAt },
      organization: key.organizationName,
      daysLeft,
      url: `${publicBaseUrl()}/settings/api-keys`,
    }),
  );
}
