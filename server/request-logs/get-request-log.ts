import { and, eq } from "drizzle-orm";
import { requestLogs } from "@/db/schema";
import { isId } from "@/lib/ids";
import type { Viewer } from "@/server/auth/auth-context";
import { organizationNotAllowed } from "@/server/auth/refusals";
import { requireScope } from "@/server/auth/require-scope";
import { ApiError } from "@/server/core/api-error";
import { requestLogColumns, toRequestLogEntry, visibleRequests } from "./list-request-logs";
import { flushRequestLog, requestLogEnabled } from "./record-request";
import type { RequestLogEntryView } from "./schemas";

const NOT_FOUND = "No request with this id in the log";

/**
 * One request by its X-Request-Id. Another organization's is a 403 that tells nothing of it;
 * one that is not in the log, or is another member's, is a 404.
 */
export async function getRequestLog(
  viewer: Viewer,
  requestId: string,
): Promise<RequestLogEntryView> {
  requireScope(viewer, "read:api-keys");
  if (!isId("req", requestId)) throw new ApiError("NOT_FOUND", NOT_FOUND);
  if (requestLogEnabled()) await flushRequestLog().catch(() => {});
  const [row] = await viewer.db
    .select(requestLogColumns)
    .from(requestLogs)
    .where(and(eq(requestLogs.requestId, requestId), visibleRequests(viewer)))
    .limit(1);
  if (row) return toRequestLogEntry(row);
  const [elsewhere] = await viewer.db
    .select({ organizationId: requestLogs.organizationId })
    .from(requestLogs)
    .where(eq(requestLogs.requestId, requestId))
    .limit(1);
  if (elsewhere && elsewhere.organizationId !== viewer.organization.id) {
    throw organizationNotAllowed();
  }
  throw new ApiError("NOT_FOUND", NOT_FOUND);
}
