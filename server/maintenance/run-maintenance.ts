import { getDb } from "@/db";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { notifyKeyExpiry } from "@/server/notifications/notify-key-expiry";
import { dropExpiredPartitions } from "@/server/request-logs/request-log-partitions";
import { pruneAuditLogs } from "./prune-audit-logs";
import { pruneBrowserSessions } from "./prune-browser-sessions";
import { pruneOAuthStore } from "./prune-oauth-store";
import { pruneUsageBatches, USAGE_BATCH_ID_RETENTION_MS } from "./prune-usage-batches";
import { revokeUnusedKeys } from "./revoke-unused-keys";
import { rollUpStatusSamples } from "./roll-up-status";
import { rollUpUsage } from "./roll-up-usage";

const DAY_MS = 86_400_000;
/** Rows per statement: small enough that no batch holds its locks for long. */
export const MAINTENANCE_BATCH_SIZE = 5_000;

export interface MaintenanceReport {
  auditEntriesDeleted: number;
  usageRowsRolledUpHourly: number;
  usageRowsRolledUpDaily: number;
  usageBatchIdsForgotten: number;
  browserSessionsPruned: number;
  oauthRecordsPruned: number;
  keyExpiryNotices: number;
  unusedKeyWarnings: number;
  unusedKeysRevoked: number;
  statusSamplesRolledUp: number;
  statusDaysPruned: number;
  requestLogDaysDropped: number;
}

/**
 * The scheduled maintenance job: prunes audit entries older than AUDIT_RETENTION_DAYS, rolls
 * old usage buckets up into hours and days, and forgets expired browser sessions and OAuth
 * records; rolls the status page's health samples up into days; drops the request log's days past
 * REQUEST_LOG_RETENTION_DAYS; gives the API keys' expiry
 * notices (7 days, 1 day, expired: each once); warns of, then revokes, the keys left unused past
 * their organization's revoke_unused_after_days. Safe to run on several instances at once, and to
 * run again: each step only ever moves or deletes rows it has locked itself. `signal` stops it
 * between two batches (shutdown); what is left is done by the next run.
 */
export async function runMaintenance(
  options: { now?: Date; batchSize?: number; signal?: AbortSignal; kick?: boolean } = {},
): Promise<MaintenanceReport> {
  const db = await getDb();
  const at = options.now ?? now();
  const batchSize = options.batchSize ?? MAINTENANCE_BATCH_SIZE;
  const auditEntriesDeleted = await pruneAuditLogs(db, {
    before: new Date(at.getTime() - env().AUDIT_RETENTION_DAYS * DAY_MS),
    batchSize,
    signal: options.signal,
  });
  const rolled = await rollUpUsage(db, { now: at, batchSize, signal: options.signal });
  const usageBatchIdsForgotten = await pruneUsageBatches(db, {
    before: new Date(at.getTime() - USAGE_BATCH_ID_RETENTION_MS),
  });
  const browserSessionsPruned = await pruneBrowserSessions(db, { before: at });
  const oauthRecordsPruned = await pruneOAuthStore(db, { before: at });
  const status = await rollUpStatusSamples(db, { now: at, batchSize, signal: options.signal });
  // The request log's retention drops whole days (0 turns the log off and keeps what it had).
  const retentionDays = env().REQUEST_LOG_RETENTION_DAYS;
  const requestLogDaysDropped =
    retentionDays > 0 ? await dropExpiredPartitions(db, at, retentionDays) : 0;
  const notices = await notifyKeyExpiry({
    now: at,
    signal: options.signal,
    kick: options.kick,
  });
  const unused = await revokeUnusedKeys({ now: at, signal: options.signal, kick: options.kick });
  return {
    auditEntriesDeleted,
    usageRowsRolledUpHourly: rolled.hourly,
    usageRowsRolledUpDaily: rolled.daily,
    usageBatchIdsForgotten,
    browserSessionsPruned,
    oauthRecordsPruned,
    keyExpiryNotices: notices.expiring7d + notices.expiring1d + notices.expired,
    unusedKeyWarnings: unused.warned,
    unusedKeysRevoked: unused.revoked,
    statusSamplesRolledUp: status.samplesRolledUp,
    statusDaysPruned: status.daysPruned,
    requestLogDaysDropped,
  };
}
