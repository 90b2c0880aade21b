"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { api, dataOf, inOrganization } from "@/components/api/api-client";
import { apiKeyQueryKeys } from "@/components/api-keys/api-key-query-keys";
import { oauthAppQueryKeys } from "@/components/oauth-apps/oauth-app-query-keys";
import { ErrorState } from "@/components/ui/error-state";
import { DateWithHint } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableHead, Td, Th, Tr } from "@/components/ui/table";
import type { operations } from "@/lib/api-schema";

/** GET /api-keys/{id}/usage (or an app's): totals, a series by status class and the top routes. */
type KeyUsageReport = Omit<
  operations["getApiKeysByIdUsage"]["responses"][200]["content"]["application/json"]["data"],
  "key_id"
>;

/** Whose requests: one API key, or every grant of an OAuth app. */
export type UsageSubject =
  | { type: "api-key"; id: string; rotatedFrom?: string | null }
  | { type: "oauth-app"; id: string };

/** One range of a subject's usage, fetched through the typed client. */
function fetchUsage(
  subject: UsageSubject,
  organizationId: string,
  query: { from: string; to: string; interval: "hour" | "day" },
  signal: AbortSignal,
): Promise<KeyUsageReport> {
  const options = {
    params: { path: { id: subject.id }, query },
    ...inOrganization(organizationId, signal),
  };
  return subject.type === "api-key"
    ? dataOf(api.GET("/api-keys/{id}/usage", options))
    : dataOf(api.GET("/oauth-apps/{id}/usage", options));
}

const HOUR_MS = 3_600_000;

const RANGES = {
  "24h": { label: "24 hours", ms: 24 * HOUR_MS, interval: "hour" },
  "7d": { label: "7 days", ms: 7 * 24 * HOUR_MS, interval: "hour" },
  "30d": { label: "30 days", ms: 30 * 24 * HOUR_MS, interval: "day" },
} as const;
type Range = keyof typeof RANGES;

// Status colours: green success, amber client errors, red server errors; 429s as a line on top.
const SERIES = [
  { key: "2xx", name: "2xx success", color: "#10b981" },
  { key: "4xx", name: "4xx client error", color: "#f59e0b" },
  { key: "5xx", name: "5xx server error", color: "#ef4444" },
] as const;
const RATE_LIMITED_COLOR = "#7c3aed";

const numberFormat = new Intl.NumberFormat("en");

/** A key's requests over 24 hours, 7 or 30 days: chart by status class, totals, top routes. */
export function UsagePanel({
  subject,
  organizationId,
  lastUsedAt,
}: {
  subject: UsageSubject;
  organizationId: string;
  lastUsedAt?: string | null;
}) {
  // The key this one replaced in a rotation: its history stays with it.
  const rotatedFrom = subject.type === "api-key" ? subject.rotatedFrom : null;
  const [range, setRange] = useState<Range>("24h");
  const usage = useQuery({
    queryKey:
      subject.type === "api-key"
        ? apiKeyQueryKeys.usage(organizationId, subject.id, range)
        : oauthAppQueryKeys.usage(organizationId, subject.id, range),
    queryFn: ({ signal }) => {
      // The window ends now, at fetch time, so a refetch moves it forward.
      const to = new Date();
      const from = new Date(to.getTime() - RANGES[range].ms);
      return fetchUsage(
        subject,
        organizationId,
        { from: from.toISOString(), to: to.toISOString(), interval: RANGES[range].interval },
        signal,
      );
    },
    refetchInterval: 60_000,
  });
  const lastUsed = usage.data?.last_used_at ?? lastUsedAt ?? null;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <RangeTabs value={range} onChange={setRange} />
        <p className="text-sm text-slate-600">
          Last used{" "}
          <span className="font-medium">
            <DateWithHint date={lastUsed} fallback="never" tense="past" inline />
          </span>
        </p>
      </div>
      {rotatedFrom ? (
        <p className="text-sm text-slate-600">
          This key replaced another in a rotation; requests made with the old secret are counted
          there.{" "}
          <Link
            href={`/settings/api-keys/${encodeURIComponent(rotatedFrom)}#usage`}
            className="font-medium text-brand-700 hover:underline"
          >
            Usage of the previous key
          </Link>
        </p>
      ) : null}
      {usage.isPending ? (
        <UsageSkeleton />
      ) : usage.isError ? (
        <ErrorState
          title="Could not load usage"
          message={usage.error.message}
          onRetry={() => void usage.refetch()}
          retrying={usage.isFetching}
        />
      ) : usage.data.totals.requests === 0 ? (
        <UsageEmpty rangeLabel={RANGES[range].label} subject={subject} />
      ) : (
        <UsageDetails report={usage.data} rangeLabel={RANGES[range].label} />
      )}
    </div>
  );
}

function RangeTabs({ value, onChange }: { value: Range; onChange: (range: Range) => void }) {
  return (
    <fieldset className="inline-flex rounded-lg bg-slate-100 p-1">
      <legend className="sr-only">Time range</legend>
      {(Object.keys(RANGES) as Range[]).map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={value === range}
          onClick={() => onChange(range)}
          className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${
            value === range
              ? "bg-white text-slate-900 shadow-sm"
              : "text-slate-600 hover:text-slate-900"
          }`}
        >
          {RANGES[range].label}
        </button>
      ))}
    </fieldset>
  );
}

function UsageDetails({ report, rangeLabel }: { report: KeyUsageReport; rangeLabel: string }) {
  const { totals } = report;
  const stats = [
    { label: "Requests", value: totals.requests, tone: "text-slate-900" },
    { label: "2xx success", value: totals["2xx"], tone: "text-emerald-700" },
    { label: "4xx client errors", value: totals["4xx"], tone: "text-amber-700" },
    { label: "5xx server errors", value: totals["5xx"], tone: "text-red-700" },
    { label: "429 rate limited", value: totals.rate_limited, tone: "text-violet-700" },
  ];
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
            <dt className="text-xs font-medium text-slate-500">{stat.label}</dt>
            <dd className={`mt-1 text-xl font-semibold tabular-nums ${stat.tone}`}>
              {numberFormat.format(stat.value)}
            </dd>
          </div>
        ))}
      </dl>
      {totals["4xx"] > 0 ? <ClientErrorsByCode byStatus={totals.by_status} /> : null}
      <UsageChart report={report} rangeLabel={rangeLabel} />
      <TopRoutes routes={report.routes} />
    </>
  );
}

const CLIENT_ERRORS = [
  { code: "401", label: "Unauthorized", hint: "missing, expired or revoked credentials" },
  { code: "403", label: "Forbidden", hint: "a scope or role the key lacks" },
  { code: "404", label: "Not found", hint: "a resource that does not exist here" },
  { code: "429", label: "Too many requests", hint: "over the rate limit" },
] as const;

/** The 4xx total split by the codes that say what the caller got wrong. */
function ClientErrorsByCode({ byStatus }: { byStatus: KeyUsageReport["totals"]["by_status"] }) {
  return (
    <section aria-label="Client errors by status code">
      <dl className="flex flex-wrap gap-x-5 gap-y-1.5 text-sm">
        {CLIENT_ERRORS.map((entry) => (
          <div key={entry.code} className="flex items-baseline gap-1.5" title={entry.hint}>
            <dt className="text-slate-600">
              <span className="font-mono text-xs font-semibold text-slate-700">{entry.code}</span>{" "}
              {entry.label}
            </dt>
            <dd className="font-semibold tabular-nums text-slate-900">
              {numberFormat.format(byStatus[entry.code])}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function UsageChart({ report, rangeLabel }: { report: KeyUsageReport; rangeLabel: string }) {
  const tick = tickFormatter(report.interval, rangeLabel);
  const label = tooltipFormatter(report.interval);
  return (
    <div
      role="img"
      aria-label={`Requests per ${report.interval} over the last ${rangeLabel}, stacked by status class (2xx, 4xx, 5xx), with 429 rate-limited responses`}
      className="h-72 w-full"
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={report.series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis
            dataKey="start"
            tickFormatter={tick}
            minTickGap={24}
            {...evenTicks(report, rangeLabel)}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={{ stroke: "#cbd5e1" }}
          />
          <YAxis
            allowDecimals={false}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            labelFormatter={(value) => label(String(value))}
            cursor={{ fill: "#f1f5f9" }}
            contentStyle={{ borderRadius: 8, borderColor: "#e2e8f0", fontSize: 13 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} iconType="circle" />
          {SERIES.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="requests"
              fill={s.color}
              isAnimationActive={false}
            />
          ))}
          <Line
            dataKey="rate_limited"
            name="429 rate limited (within 4xx)"
            type="monotone"
            stroke={RATE_LIMITED_COLOR}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function errorShare(r: KeyUsageReport["routes"][number]): string {
  return `${Math.round((r.errors / Math.max(1, r.requests)) * 100)}%`;
}

/**
 * Routes by requests. On a phone the errors and latency fold under the route, so nothing is cut
 * off and the table never scrolls sideways.
 */
function TopRoutes({ routes }: { routes: KeyUsageReport["routes"] }) {
  return (
    <Table caption="Top routes by requests" inset>
      <TableHead>
        <Th>Route</Th>
        <Th className="text-right">Requests</Th>
        <Th className="hidden text-right sm:table-cell">Errors</Th>
        <Th className="hidden text-right sm:table-cell">Avg latency</Th>
      </TableHead>
      <TableBody>
        {routes.map((r) => (
          <Tr key={`${r.method} ${r.route}`}>
            <Td className="py-2.5 sm:whitespace-nowrap">
              <span className="mr-2 inline-block w-14 rounded bg-slate-100 px-1.5 py-0.5 text-center font-mono text-xs font-semibold text-slate-700">
                {r.method}
              </span>
              <span className="font-mono break-all text-slate-800">{r.route}</span>
              <span className="mt-1 block text-xs text-slate-500 sm:hidden">
                {numberFormat.format(r.errors)} {r.errors === 1 ? "error" : "errors"} (
                {errorShare(r)}) · {numberFormat.format(r.avg_latency_ms)} ms avg
              </span>
            </Td>
            <Td className="py-2.5 text-right align-top tabular-nums text-slate-900 sm:align-middle">
              {numberFormat.format(r.requests)}
            </Td>
            <Td className="hidden py-2.5 text-right tabular-nums whitespace-nowrap text-slate-700 sm:table-cell">
              {numberFormat.format(r.errors)}
              <span className="ml-1 text-xs text-slate-500">({errorShare(r)})</span>
            </Td>
            <Td className="hidden py-2.5 text-right tabular-nums whitespace-nowrap text-slate-700 sm:table-cell">
              {numberFormat.format(r.avg_latency_ms)} ms
            </Td>
          </Tr>
        ))}
      </TableBody>
    </Table>
  );
}

function UsageSkeleton() {
  return (
    <div role="status" aria-busy="true" className="space-y-5">
      <span className="sr-only">Loading usage…</span>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {["a", "b", "c", "d", "e"].map((k) => (
          <div key={k} className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="mt-2 h-6 w-12" />
          </div>
        ))}
      </div>
      <div className="flex h-72 items-end gap-1.5 rounded-lg px-2 pb-6">
        {[40, 65, 30, 80, 55, 90, 45, 70, 35, 60, 85, 50, 25, 75, 45, 65].map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder bars
          <div key={i} className="flex-1" style={{ height: `${h}%` }}>
            <Skeleton className="h-full rounded-b-none" />
          </div>
        ))}
      </div>
      <Skeleton className="h-24 w-full rounded-lg" />
    </div>
  );
}

function UsageEmpty({ rangeLabel, subject }: { rangeLabel: string; subject: UsageSubject }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
      <div className="mx-auto grid size-10 place-items-center rounded-full bg-brand-50 text-brand-600">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5">
          <path
            fill="currentColor"
            d="M15.5 2A1.5 1.5 0 0 0 14 3.5v13a1.5 1.5 0 0 0 3 0v-13A1.5 1.5 0 0 0 15.5 2ZM9.5 6A1.5 1.5 0 0 0 8 7.5v9a1.5 1.5 0 0 0 3 0v-9A1.5 1.5 0 0 0 9.5 6ZM3.5 10A1.5 1.5 0 0 0 2 11.5v5a1.5 1.5 0 0 0 3 0v-5A1.5 1.5 0 0 0 3.5 10Z"
          />
        </svg>
      </div>
      <p className="mt-3 text-sm font-semibold text-slate-900">
        No requests yet in the last {rangeLabel}
      </p>
      <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600">
        Calls made with {subject.type === "api-key" ? "this key" : "this app's tokens"} appear here
        within a few seconds, counted by route and status.
      </p>
    </div>
  );
}

/**
 * Over 7 days of hourly buckets, one tick per local midnight: evenly spaced, where recharts'
 * own choice (dropping ticks that collide) leaves uneven gaps.
 */
function evenTicks(report: KeyUsageReport, rangeLabel: string) {
  if (report.interval !== "hour" || rangeLabel !== RANGES["7d"].label) return {};
  const ticks = report.series
    .map((point) => point.start)
    .filter((start) => new Date(start).getHours() === 0);
  return { ticks, interval: 0 as const };
}

function tickFormatter(interval: KeyUsageReport["interval"], rangeLabel: string) {
  const format =
    interval === "day"
      ? new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" })
      : rangeLabel === RANGES["24h"].label || interval === "minute"
        ? new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" })
        : new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric" });
  return (value: string) => format.format(new Date(value));
}

function tooltipFormatter(interval: KeyUsageReport["interval"]) {
  const format = new Intl.DateTimeFormat(
    undefined,
    interval === "day"
      ? { dateStyle: "medium" }
      : { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  );
  return (value: string) => format.format(new Date(value));
}
