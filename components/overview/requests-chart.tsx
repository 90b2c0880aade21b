import Link from "next/link";
import { Panel } from "@/components/ui/panel";
import type { DayRequests, RequestsByDay } from "@/server/usage/requests-by-day";

// The same colours as a key's usage chart: green success, amber client errors, red server errors.
const CLASSES = [
  { key: "2xx", name: "2xx success", color: "bg-emerald-500" },
  { key: "4xx", name: "4xx client error", color: "bg-amber-500" },
  { key: "5xx", name: "5xx server error", color: "bg-red-500" },
] as const;

const numberFormat = new Intl.NumberFormat("en");
// Days are UTC days (the server's bins), so they are named in UTC: the same text on every screen.
const weekday = new Intl.DateTimeFormat("en", { weekday: "short", timeZone: "UTC" });
const longDay = new Intl.DateTimeFormat("en", {
  weekday: "long",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});

function requestsText(n: number): string {
  return `${numberFormat.format(n)} ${n === 1 ? "request" : "requests"}`;
}

/** "Tuesday, May 12: 5 requests (4 2xx, 1 4xx, 0 5xx)": what a bar says to a screen reader. */
function dayText(day: DayRequests): string {
  const label = longDay.format(new Date(`${day.day}T00:00:00Z`));
  if (day.requests === 0) return `${label}: no requests`;
  const split = CLASSES.map((c) => `${numberFormat.format(day[c.key])} ${c.key}`).join(", ");
  return `${label}: ${requestsText(day.requests)} (${split})`;
}

/**
 * Requests over the last 7 days, one stacked bar per day by status class, with the week's total.
 * Each bar is a list item whose text says the day and its counts; the drawing is hidden from
 * screen readers, which read that text instead.
 */
export function RequestsChart({
  requests,
  scopeLabel,
  hasKeys,
}: {
  requests: RequestsByDay;
  /** Whose keys are counted: "Acme's API keys", "your API keys". */
  scopeLabel: string;
  hasKeys: boolean;
}) {
  const max = Math.max(1, ...requests.days.map((d) => d.requests));
  const totals = CLASSES.map((c) => ({
    ...c,
    value: requests.days.reduce((sum, d) => sum + d[c.key], 0),
  }));
  return (
    <Panel
      id="requests"
      title="Requests, last 7 days"
      description={`Made with ${scopeLabel}, by day (UTC).`}
    >
      {requests.total === 0 ? (
        <div className="mt-4 rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center">
          <p className="text-sm font-medium text-slate-900">No requests in the last 7 days</p>
          <p className="mt-1 text-sm text-slate-500">
            {hasKeys ? (
              <>
                Call the API with one of {scopeLabel}; the{" "}
                <Link href="/docs/api" className="font-medium text-brand-700 hover:underline">
                  API reference
                </Link>{" "}
                lists every endpoint.
              </>
            ) : (
              <>
                <Link
                  href="/settings/api-keys"
                  className="font-medium text-brand-700 hover:underline"
                >
                  Create an API key
                </Link>{" "}
                and make your first request as shown below.
              </>
            )}
          </p>
        </div>
      ) : (
        <>
          <p className="mt-4 flex flex-wrap items-baseline gap-x-4 gap-y-1">
            <span className="text-2xl font-semibold tracking-tight text-slate-900">
              {requestsText(requests.total)}
            </span>
            <span className="text-sm text-slate-600">
              {totals.map((t) => `${numberFormat.format(t.value)} ${t.key}`).join(" · ")}
            </span>
          </p>
          <ol aria-label="Requests per day" className="mt-4 grid h-40 grid-cols-7 gap-2 sm:gap-3">
            {requests.days.map((day, i) => (
              <li key={day.day} className="flex min-w-0 flex-col items-center gap-1">
                <span className="sr-only">{dayText(day)}</span>
                <span aria-hidden="true" className="text-xs tabular-nums text-slate-600">
                  {numberFormat.format(day.requests)}
                </span>
                <span
                  aria-hidden="true"
                  className="flex w-full max-w-12 flex-1 flex-col-reverse overflow-hidden rounded-t bg-slate-100"
                >
                  {CLASSES.map((c) =>
                    day[c.key] > 0 ? (
                      <span
                        key={c.key}
                        className={c.color}
                        style={{ height: `${(day[c.key] / max) * 100}%` }}
                      />
                    ) : null,
                  )}
                </span>
                <span aria-hidden="true" className="text-xs text-slate-600">
                  {i === requests.days.length - 1
                    ? "Today"
                    : weekday.format(new Date(`${day.day}T00:00:00Z`))}
                </span>
              </li>
            ))}
          </ol>
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
            {CLASSES.map((c) => (
              <li key={c.key} className="inline-flex items-center gap-1.5">
                <span aria-hidden="true" className={`size-2.5 rounded-sm ${c.color}`} />
                {c.name}
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
