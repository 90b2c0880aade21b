import { desc, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { usageBuckets } from "@/db/schema";
import type { KeyUsageReport, UsageQuery } from "./schemas";
import type { StatusClass } from "./usage-batch";

const TOP_ROUTES = 10;

export type UsageReport = Omit<KeyUsageReport, "key_id" | "last_used_at">;

/**
 * The request counts of the usage buckets `where` selects (a key's, an app's grants'), for the
 * dashboard chart: a zero-filled series by status class over the query's window, totals, and
 * the busiest routes. The caller decides whose buckets these are (tenancy).
 */
export async function usageReport(
  db: Db | Tx,
  where: SQL | undefined,
  query: UsageQuery,
): Promise<UsageReport> {
  // Binning by epoch seconds works the same on PostgreSQL and PGlite whatever the session time
  // zone; the step is a number from our own table, so inlining it is safe and keeps GROUP BY valid.
  const slot = sql<number>`(extract(epoch from ${usageBuckets.bucketStart})::bigint / ${sql.raw(
    String(query.step / 1000),
  )})`.mapWith(Number);
  const sum = (
    column:
      | typeof usageBuckets.count
      | typeof usageBuckets.rateLimited
      | typeof usageBuckets.unauthorized
      | typeof usageBuckets.forbidden
      | typeof usageBuckets.notFound,
  ) => sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);

  const [bins, routes] = await Promise.all([
    db
      .select({
        slot,
        statusClass: usageBuckets.statusClass,
        count: sum(usageBuckets.count),
        rateLimited: sum(usageBuckets.rateLimited),
        unauthorized: sum(usageBuckets.unauthorized),
        forbidden: sum(usageBuckets.forbidden),
        notFound: sum(usageBuckets.notFound),
      })
      .from(usageBuckets)
      .where(where)
      .groupBy(slot, usageBuckets.statusClass),
    db
      .select({
        route: usageBuckets.route,
        method: usageBuckets.method,
        requests: sum(usageBuckets.count),
        errors:
          sql<number>`coalesce(sum(${usageBuckets.count}) filter (where ${usageBuckets.statusClass} <> '2xx'), 0)`.mapWith(
            Number,
          ),
        latency: sql<number>`coalesce(sum(${usageBuckets.totalLatencyMs}), 0)`.mapWith(Number),
      })
      .from(usageBuckets)
      .where(where)
      .groupBy(usageBuckets.route, usageBuckets.method)
      .orderBy(desc(sum(usageBuckets.count)), usageBuckets.route, usageBuckets.method)
      .limit(TOP_ROUTES),
  ]);

  const firstSlot = query.start / query.step;
  const series = Array.from({ length: query.points }, (_, i) => ({
    start: new Date(query.start + i * query.step).toISOString(),
    "2xx": 0,
    "4xx": 0,
    "5xx": 0,
    rate_limited: 0,
  }));
  const byStatus = { "401": 0, "403": 0, "404": 0, "429": 0 };
  const totals = { requests: 0, "2xx": 0, "4xx": 0, "5xx": 0, rate_limited: 0 };
  for (const bin of bins) {
    const point = series[bin.slot - firstSlot];
    const cls = bin.statusClass as StatusClass;
    if (!point || !(cls in totals)) continue;
    point[cls] += bin.count;
    point.rate_limited += bin.rateLimited;
    totals[cls] += bin.count;
    totals.requests += bin.count;
    totals.rate_limited += bin.rateLimited;
    byStatus["401"] += bin.unauthorized;
    byStatus["403"] += bin.forbidden;
    byStatus["404"] += bin.notFound;
    byStatus["429"] += bin.rateLimited;
  }

  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    interval: query.interval,
    totals: { ...totals, by_status: byStatus },
    series,
    routes: routes.map((r) => ({
      route: r.route,
      method: r.method,
      requests: r.requests,
      errors: r.errors,
      avg_latency_ms: r.requests > 0 ? Math.round(r.latency / r.requests) : 0,
    })),
  };
}
