import { and, between, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { requestLogs } from "@/db/schema";
import { seesAllKeys } from "@/server/api-keys/find-api-key";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";
import { afterCursor, cursorTime, type Page, toPage } from "@/server/core/pagination";
import { flushRequestLog, requestLogEnabled } from "./record-request";
import { requestLogHint } from "./request-log-hint";
import type { ListRequestLogsQuery, RequestLogEntryView } from "./schemas";

export const requestLogColumns = {
  requestId: requestLogs.requestId,
  createdAt: requestLogs.createdAt,
  organizationId: requestLogs.organizationId,
  userId: requestLogs.userId,
  credentialType: requestLogs.credentialType,
  credentialId: requestLogs.credentialId,
  method: requestLogs.method,
  route: requestLogs.route,
  path: requestLogs.path,
  status: requestLogs.status,
  errorCode: requestLogs.errorCode,
  reason: requestLogs.reason,
  latencyMs: requestLogs.latencyMs,
  ip: requestLogs.ip,
  userAgent: requestLogs.userAgent,
};

type RequestLogRow = {
  [K in keyof typeof requestLogColumns]: (typeof requestLogs.$inferSelect)[K];
};

/**
 * Which requests a viewer may read: the organization's (owners, admins), or only those of the
 * viewer's own credentials (members).
 */
export function visibleRequests(viewer: Viewer): SQL {
  const organization = eq(requestLogs.organizationId, viewer.organization.id);
  return seesAllKeys(viewer)
    ? organization
    : (and(organization, eq(requestLogs.userId, viewer.user.id)) as SQL);
}

/**
 * A page of the organization's requests, newest first. This instance's buffer is written first,
 * so a caller reading the log right after its own calls finds them.
 */
export async function listRequestLogs(
  viewer: Viewer,
  query: ListRequestLogsQuery,
): Promise<Page<RequestLogEntryView>> {
  requireScope(viewer, "read:api-keys");
  if (requestLogEnabled()) await flushRequestLog().catch(() => {});
  const where: (SQL | undefined)[] = [visibleRequests(viewer)];
  if (query.key_id) where.push(eq(requestLogs.credentialId, query.key_id));
  if (query.status) where.push(between(requestLogs.status, query.status.from, query.status.to));
  if (query.route) where.push(eq(requestLogs.route, query.route));
  if (query.from) where.push(gte(requestLogs.createdAt, query.from));
  if (query.to) where.push(lt(requestLogs.createdAt, query.to));
  if (query.cursor) {
    where.push(afterCursor(requestLogs.createdAt, requestLogs.requestId, query.cursor));
  }
  const rows = await viewer.db
    .select({
      ...requestLogColumns,
      id: requestLogs.requestId,
      cursorTime: cursorTime(requestLogs.createdAt),
    })
    .from(requestLogs)
    .where(and(...where))
    .orderBy(desc(requestLogs.createdAt), desc(requestLogs.requestId))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, toRequestLogEntry);
}

export function toRequestLogEntry(row: RequestLogRow): RequestLogEntryView {
  return {
    request_id: row.requestId,
    created_at: row.createdAt.toISOString(),
    method: row.method,
    route: row.route,
    path: row.path,
    status: row.status,
    error_code: row.errorCode,
    reason: row.reason,
    hint: requestLogHint(row.errorCode, row.reason),
    latency_ms: row.latencyMs,
    ip: row.ip,
    user_agent: row.userAgent,
    credential: {
      type: row.credentialType as RequestLogEntryView["credential"]["type"],
      id: row.credentialId,
    },
    user_id: row.userId,
    organization_id: row.organizationId,
  };
}
