"use client";

import { useSyncExternalStore } from "react";

const TICK_MS = 30_000;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time, ticking every 30 seconds; null while server-rendering and hydrating, because
 * the server's clock and time zone are not the reader's (text would mismatch on hydration).
 */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

// [unit, its length, the age from which it is used]: days until two months, so a 30-day key
// reads "in 30 days" rather than "in 4 weeks".
const UNITS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  ["year", 365 * DAY_MS, 365 * DAY_MS],
  ["month", 30 * DAY_MS, 60 * DAY_MS],
  ["day", DAY_MS, DAY_MS],
  ["hour", 60 * 60 * 1000, 60 * 60 * 1000],
  ["minute", 60 * 1000, 60 * 1000],
];

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/**
 * "3 minutes ago", "in 30 days", "yesterday"; "just now" within a minute. With tense "past" the
 * date is an event that happened (created, revoked, used): the page's clock ticks only every 30
 * seconds and may trail the server's, so a fresh event would otherwise read "in under a minute".
 */
export function formatRelative(date: Date, nowMs: number, tense?: "past"): string {
  const raw = date.getTime() - nowMs;
  const diff = tense === "past" ? Math.min(raw, 0) : raw;
  const abs = Math.abs(diff);
  if (abs < 60_000) return diff <= 0 ? "just now" : "in under a minute";
  for (const [unit, ms, from] of UNITS) {
    if (abs >= from) return relativeFormat.format(Math.round(diff / ms), unit);
  }
  return relativeFormat.format(Math.round(diff / 60_000), "minute");
}

/** The exact moment in the reader's locale and time zone, e.g. "May 3, 2026, 14:05:09 CEST". */
export function formatExact(date: Date): string {
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: "medium",
    timeStyle: "long",
  }).format(date);
}

/** The calendar date in the reader's locale, e.g. "May 3, 2026". */
export function formatDay(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(date);
}

/** A moment to the minute in the reader's locale and time zone, e.g. "Dec 7, 2026, 2:05 PM". */
export function formatMoment(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(
    date,
  );
}

/** A date the server and the browser render alike (UTC calendar date), used before hydration. */
function stableDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A relative time ("2 hours ago") with the exact time as a tooltip, in a <time> element.
 * `fallback` is shown when there is no date (e.g. "Never" for a key that was never used);
 * `tense="past"` for events that already happened, so they never read as future.
 */
export function RelativeTime({
  date,
  fallback = "—",
  className,
  tense,
}: {
  date: string | null | undefined;
  fallback?: string;
  className?: string;
  tense?: "past";
}) {
  const nowMs = useNow();
  if (!date) return <span className={className}>{fallback}</span>;
  const value = new Date(date);
  return (
    <time
      dateTime={date}
      title={nowMs === null ? undefined : formatExact(value)}
      className={className}
    >
      {nowMs === null ? stableDate(value) : formatRelative(value, nowMs, tense)}
    </time>
  );
}

/**
 * The one date format of the key pages: the moment to the minute ("Revoked on Dec 7, 2026,
 * 2:05 PM"), with a relative hint below ("3 minutes ago", "in 30 days") and the exact time, to
 * the second, as a tooltip. `fallback` stands in for no date ("Never").
 */
export function DateWithHint({
  date,
  fallback = "—",
  prefix,
  tense,
  inline = false,
}: {
  date: string | null | undefined;
  fallback?: string;
  prefix?: string;
  tense?: "past";
  /** On one line, the hint after a dot: for a line of small print such as a trail entry. */
  inline?: boolean;
}) {
  const nowMs = useNow();
  if (!date) return <span>{fallback}</span>;
  const value = new Date(date);
  const moment = (
    <time dateTime={date} title={nowMs === null ? undefined : formatExact(value)}>
      {nowMs === null
        ? `${stableDate(value)} ${value.toISOString().slice(11, 16)} UTC`
        : formatMoment(value)}
    </time>
  );
  const hint = nowMs === null ? null : formatRelative(value, nowMs, tense);
  if (inline) {
    return (
      <span>
        {prefix ? `${prefix} ` : null}
        {moment}
        {hint ? ` · ${hint}` : null}
      </span>
    );
  }
  return (
    <>
      <span className="block">
        {prefix ? `${prefix} ` : null}
        {moment}
      </span>
      <span className="block text-xs text-slate-500">{hint ?? "\u00a0"}</span>
    </>
  );
}

/** The exact time, in the reader's time zone once hydrated. */
export function ExactTime({
  date,
  fallback = "—",
  className,
}: {
  date: string | null | undefined;
  fallback?: string;
  className?: string;
}) {
  const nowMs = useNow();
  if (!date) return <span className={className}>{fallback}</span>;
  const value = new Date(date);
  return (
    <time dateTime={date} className={className}>
      {nowMs === null ? stableDate(value) : formatExact(value)}
    </time>
  );
}

/** "14:05": the hour and minute in the reader's time zone (empty before hydration). */
export function ClockTime({ date }: { date: string }) {
  const nowMs = useNow();
  const value = new Date(date);
  return (
    <time dateTime={date} title={nowMs === null ? undefined : formatExact(value)}>
      {nowMs === null
        ? value.toISOString().slice(11, 16)
        : new Intl.DateTimeFormat(undefined, {
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
          }).format(value)}
    </time>
  );
}
