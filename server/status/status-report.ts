import { desc, gte, inArray, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { statusIncidents, statusIncidentUpdates } from "@/db/schema";
import { now, nowMs } from "@/lib/clock";
import { rowsOf } from "@/server/core/sql-rows";
import { currentComponents } from "./current-components";
import {
  COMPONENT_STATUSES,
  type ComponentId,
  type IncidentStatus,
  type PublicIncident,
  type StatusReport,
  UPTIME_DAYS,
} from "./schemas";

const DAY_MS = 86_400_000;
/** How long one instance reuses its answer: the page and its JSON cost two pings at most. */
export const STATUS_CACHE_MS = 10_000;
const MAX_INCIDENTS = 50;

const store = globalThis as unknown as {
  __voltasisStatusReport?: { at: number; report: Promise<StatusReport> };
};

/** GET /status and the page: the report, reused for STATUS_CACHE_MS by this instance. */
export function cachedStatusReport(): Promise<StatusReport> {
  const cached = store.__voltasisStatusReport;
  const at = nowMs();
  if (cached && at - cached.at >= 0 && at - cached.at < STATUS_CACHE_MS) return cached.report;
  const report = statusReport();
  store.__voltasisStatusReport = { at, report };
  // A failed report is not kept: the next call tries again.
  report.catch(() => {
    if (store.__voltasisStatusReport?.report === report) store.__voltasisStatusReport = undefined;
  });
  return report;
}

/** After an incident changes: this instance shows it at once (others within STATUS_CACHE_MS). */
export function forgetStatusReport(): void {
  store.__voltasisStatusReport = undefined;
}

/** The components now, their uptime over the last 90 UTC days, and the incidents. */
export async function statusReport(): Promise<StatusReport> {
  const at = now();
  const [components, uptime, incidents] = await Promise.all([
    currentComponents(),
    uptimeByDay(at).catch(() => undefined),
    recentIncidents(at).catch(() => []),
  ]);
  const dates = lastDays(at);
  const worst = Math.max(...components.map((c) => COMPONENT_STATUSES.indexOf(c.status)));
  return {
    status: COMPONENT_STATUSES[worst] ?? "operational",
    components: components.map((c) => {
      const days = dates.map((date) => {
        const counts = uptime?.get(`${c.id} ${date}`);
        return {
          date,
          uptime: counts && counts.total > 0 ? round(counts.ok / counts.total) : null,
          samples: counts?.total ?? 0,
        };
      });
      let ok = 0;
      let total = 0;
      for (const date of dates) {
        const counts = uptime?.get(`${c.id} ${date}`);
        ok += counts?.ok ?? 0;
        total += counts?.total ?? 0;
      }
      return { ...c, uptime_90d: total > 0 ? round(ok / total) : null, days };
    }),
    incidents,
    updated_at: at.toISOString(),
  };
}

function round(ratio: number): number {
  return Math.round(ratio * 100_000) / 100_000;
}

/** The last UPTIME_DAYS UTC dates, oldest first, today last. */
function lastDays(at: Date): string[] {
  const today = Math.floor(at.getTime() / DAY_MS) * DAY_MS;
  return Array.from({ length: UPTIME_DAYS }, (_, i) =>
    new Date(today - (UPTIME_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * Healthy and all samples per component and UTC day: finished days from status_daily (once the
 * maintenance job has rolled them up), the rest counted from the samples themselves.
 */
async function uptimeByDay(at: Date): Promise<Map<string, { ok: number; total: number }>> {
  const db = await getDb();
  const [first] = lastDays(at);
  const from = `${first}T00:00:00Z`;
  const rows = await rowsOf<{ component: ComponentId; day: string; ok: number; total: number }>(
    db,
    sql`select component, to_char(day, 'YYYY-MM-DD') as day, sum(ok)::int as ok,
          sum(total)::int as total
        from (
          select component, day, ok_count as ok, total from status_daily
          where day >= ${first}::date
          union all
          select component, (at at time zone 'UTC')::date as day,
            count(*) filter (where ok) as ok, count(*) as total
          from status_samples where at >= ${from}::timestamptz
          group by 1, 2
        ) counted
        group by component, day`,
  );
  return new Map(
    rows.map((r) => [`${r.component} ${r.day}`, { ok: Number(r.ok), total: Number(r.total) }]),
  );
}

/** Open incidents and those of the last 90 days, newest first, each with its updates. */
export async function recentIncidents(at: Date): Promise<PublicIncident[]> {
  const db = await getDb();
  const since = new Date(at.getTime() - UPTIME_DAYS * DAY_MS);
  const incidents = await db
    .select({
      id: statusIncidents.id,
      title: statusIncidents.title,
      status: statusIncidents.status,
      createdAt: statusIncidents.createdAt,
      updatedAt: statusIncidents.updatedAt,
      resolvedAt: statusIncidents.resolvedAt,
    })
    .from(statusIncidents)
    .where(or(isNull(statusIncidents.resolvedAt), gte(statusIncidents.updatedAt, since)))
    .orderBy(desc(statusIncidents.createdAt), desc(statusIncidents.id))
    .limit(MAX_INCIDENTS);
  return withUpdates(incidents);
}

interface IncidentRow {
  id: string;
  title: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

export async function withUpdates(incidents: IncidentRow[]): Promise<PublicIncident[]> {
  if (incidents.length === 0) return [];
  const db = await getDb();
  const updates = await db
    .select({
      id: statusIncidentUpdates.id,
      incidentId: statusIncidentUpdates.incidentId,
      status: statusIncidentUpdates.status,
      message: statusIncidentUpdates.message,
      createdAt: statusIncidentUpdates.createdAt,
    })
    .from(statusIncidentUpdates)
    .where(
      inArray(
        statusIncidentUpdates.incidentId,
        incidents.map((i) => i.id),
      ),
    )
    .orderBy(desc(statusIncidentUpdates.createdAt), desc(statusIncidentUpdates.id));
  return incidents.map((i) => ({
    id: i.id,
    title: i.title,
    status: i.status as IncidentStatus,
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
    resolved_at: i.resolvedAt?.toISOString() ?? null,
    updates: updates
      .filter((u) => u.incidentId === i.id)
      .map((u) => ({
        id: u.id,
        status: u.status as IncidentStatus,
        message: u.message,
        created_at: u.createdAt.toISOString(),
      })),
  }));
}
