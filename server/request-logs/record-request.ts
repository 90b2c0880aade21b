import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { requestLogs } from "@/db/schema";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";
import type { Credential } from "@/server/auth/auth-context";
import { bufferedWriter } from "@/server/core/buffered-writer";
import { onShutdown } from "@/server/shutdown";
import {
  dayOf,
  ensurePartitions,
  forgetKnownPartitions,
  isMissingPartition,
} from "./request-log-partitions";

/** What the log keeps of one request: never a body, a header's value or a secret. */
export interface RequestLogEntry {
  requestId: string;
  at: Date;
  credential: Pick<Credential, "type" | "id" | "userId" | "organizationId">;
  method: string;
  route: string;
  path: string;
  status: number;
  errorCode: string | null;
  reason: string | null;
  latencyMs: number;
  ip: string;
  userAgent: string | null;
}

// Bounds memory while the database is down for long: beyond this, new entries are dropped.
const MAX_BUFFERED = 100_000;
const MAX_PATH = 1_000;
const MAX_USER_AGENT = 512;

const writer = bufferedWriter<RequestLogEntry>({
  name: "request-log",
  maxBuffered: MAX_BUFFERED,
  write: writeRequestLogs,
  onFlushed(batch, seconds) {
    const { requestLogFlushBatchEntries, requestLogFlushDuration } = metrics();
    requestLogFlushBatchEntries.observe(batch.length);
    requestLogFlushDuration.observe(seconds);
  },
  onFailed: () => metrics().requestLogFlushFailures.inc(),
  onShutdown,
});

/** The log is on unless REQUEST_LOG_RETENTION_DAYS is 0. */
export function requestLogEnabled(): boolean {
  return env().REQUEST_LOG_RETENTION_DAYS > 0;
}

/** Hands one request to the buffer (an array push): written within a second, in a batch. */
export function recordRequest(entry: RequestLogEntry): void {
  if (requestLogEnabled()) writer.add(entry);
}

/** Writes what this process has buffered: a reader of the log sees its own instance's calls. */
export const flushRequestLog = writer.flush;
export const pendingRequestLogEntries = writer.pending;
export const requestLogFlushLagSeconds = writer.lagSeconds;
export const setRequestLogAutoFlush = writer.setAutoFlush;

/**
 * One multi-row insert: rows travel as one JSON parameter (json_to_recordset, which parses
 * faster than jsonb), the same SQL on
 * PostgreSQL and PGlite. A retried batch that had committed adds nothing (the key is the
 * request id and its time). The day partitions it needs are made first.
 */
async function writeRequestLogs(batch: RequestLogEntry[]): Promise<void> {
  const db = await getDb();
  const rows = batch.map((e) => ({
    request_id: e.requestId,
    created_at: e.at.toISOString(),
    organization_id: e.credential.organizationId,
    user_id: e.credential.userId,
    credential_type: e.credential.type,
    credential_id: e.credential.id,
    method: e.method,
    route: e.route,
    path: e.path.slice(0, MAX_PATH),
    status: e.status,
    error_code: e.errorCode,
    reason: e.reason,
    latency_ms: Math.round(e.latencyMs * 100) / 100,
    ip: e.ip,
    user_agent: e.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
  }));
  const insert = async () => {
    await ensurePartitions(
      db,
      batch.map((e) => dayOf(e.at)),
    );
    await db.execute(sql`
      insert into ${requestLogs} (request_id, created_at, organization_id, user_id,
        credential_type, credential_id, method, route, path, status, error_code, reason,
        latency_ms, ip, user_agent)
      select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(request_id text,
        created_at timestamptz, organization_id text, user_id text, credential_type text,
        credential_id text, method text, route text, path text, status integer, error_code text,
        reason text, latency_ms real, ip text, user_agent text)
      on conflict do nothing`);
  };
  try {
    await insert();
  } catch (error) {
    // Another instance's retention dropped a day this process thought it had: make it again.
    if (!isMissingPartition(error)) throw error;
    forgetKnownPartitions();
    await insert();
  }
}
