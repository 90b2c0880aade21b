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

/** "3 minutes ago", "in 30 days", "yesterday"; "just now" within a minute. */
export function formatRelative(date: Date, nowMs: number): string {
  const diff = date.getTime() - nowMs;
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

/** A date the server and the browser render alike (UTC calendar date), used before hydration. */
function stableDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A relative time ("2 hours ago") with the exact time as a tooltip, in a <time> element.
 * `fallback` is shown when there is no date (e.g. "Never" for a key that was never used).
 */
export function RelativeTime({
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
    <time
      dateTime={date}
      title={nowMs === null ? undefined : formatExact(value)}
      className={className}
    >
      {nowMs === null ? stableDate(value) : formatRelative(value, nowMs)}
    </time>
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
