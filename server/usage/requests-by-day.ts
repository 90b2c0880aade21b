import { and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { apiKeys, usageBuckets } from "@/db/schema";
import { nowMs } from "@/lib/clock";
import { seesAllKeys } from "@/server/api-keys/find-api-key";
import type { Viewer } from "@/server/auth/auth-context";
import { requireScope } from "@/server/auth/require-scope";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const REQUEST_DAYS = 7;

export interface DayRequests {
  /** The UTC calendar day, YYYY-MM-DD. */
  day: string;
  requests: number;
  "2xx": number;
  "4xx": number;
  "5xx": number;
}

export interface RequestsByDay {
  days: DayRequests[];
  total: number;
}

/**
 * Requests made with API keys on each of the last 7 UTC days (today included, so far), split by
 * status class, for the dashboard's home page: the organization's keys for an owner or admin, a
 * member's own keys only, as on their keys page. Days without a request are zeros.
 */
export async function requestsByDay(viewer: Viewer): Promise<RequestsByDay> {
  requireScope(viewer, "read:api-keys");
  const today = Math.floor(nowMs() / DAY_MS);
  const firstDay = today - (REQUEST_DAYS - 1);
  const organizationId = viewer.organization.id;
  const keyConditions: SQL[] = [
    eq(apiKeys.id, usageBuckets.tokenId),
    eq(apiKeys.organizationId, organizationId),
  ];
  if (!seesAllKeys(viewer)) keyConditions.push(eq(apiKeys.createdBy, viewer.user.id));
  // Binned by epoch days: the same on PostgreSQL and PGlite whatever the session time zone.
  const day =
    sql<number>`(extract(epoch from ${usageBuckets.bucketStart})::bigint / 86400)`.mapWith(Number);
  const rows = await viewer.db
    .select({
      day,
      statusClass: usageBuckets.statusClass,
      count: sql<number>`coalesce(sum(${usageBuckets.count}), 0)`.mapWith(Number),
    })
    .from(usageBuckets)
    .innerJoin(apiKeys, and(...keyConditions))
    .where(
      and(
        eq(usageBuckets.organizationId, organizationId),
        gte(usageBuckets.bucketStart, new Date(firstDay * DAY_MS)),
        lt(usageBuckets.bucketStart, new Date((today + 1) * DAY_MS)),
      ),
    )
    .groupBy(day, usageBuckets.statusClass);

  const days: DayRequests[] = Array.from({ length: REQUEST_DAYS }, (_, i) => ({
    day: new Date((firstDay + i) * DAY_MS).toISOString().slice(0, 10),
    requests: 0,
    "2xx": 0,
    "4xx": 0,
    "5xx": 0,
  }));
  let total = 0;
  for (const row of rows) {
    const point = days[row.day - firstDay];
    if (!point) continue;
    if (row.statusClass === "2xx" || row.statusClass === "4xx" || row.statusClass === "5xx") {
      point[row.statusClass] += row.count;
    }
    point.requests += row.count;
    total += row.count;
  }
  return { days, total };
}
