"use client";

import { formatExact, formatRelative, useNow } from "@/components/ui/relative-time";

const SHORT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * "May 3, 2026, 14:05 (2 hours ago)": the moment in the reader's time zone with a relative hint,
 * the exact time as a tooltip. Before hydration only the UTC date, as the server cannot know the
 * reader's zone.
 */
export function SessionTime({ date }: { date: string }) {
  const nowMs = useNow();
  const value = new Date(date);
  if (nowMs === null) return <time dateTime={date}>{date.slice(0, 10)}</time>;
  return (
    <time dateTime={date} title={formatExact(value)}>
      {SHORT.format(value)}{" "}
      <span className="text-slate-500">({formatRelative(value, nowMs, "past")})</span>
    </time>
  );
}
