"use client";

import { useEffect, useId, useRef } from "react";
import { inputClass } from "@/components/ui/field";

export type Expiry =
  | { kind: "never" }
  | { kind: "days"; days: 30 | 60 | 90 }
  | { kind: "custom"; date: string };

const DAY_MS = 24 * 60 * 60 * 1000;

const OPTIONS: { id: string; label: string; value: Expiry }[] = [
  { id: "30", label: "30 days", value: { kind: "days", days: 30 } },
  { id: "60", label: "60 days", value: { kind: "days", days: 60 } },
  { id: "90", label: "90 days", value: { kind: "days", days: 90 } },
  { id: "custom", label: "Custom date", value: { kind: "custom", date: "" } },
  { id: "never", label: "Never", value: { kind: "never" } },
];

/**
 * The options a maximum lifetime leaves (`maxDays`, the organization's max_key_lifetime_days):
 * no "Never", no preset beyond it.
 */
function optionsWithin(maxDays: number | null): typeof OPTIONS {
  if (maxDays === null) return OPTIONS;
  return OPTIONS.filter(
    (o) => o.value.kind === "custom" || (o.value.kind === "days" && o.value.days <= maxDays),
  );
}

/** A starting expiry the maximum lifetime allows: `preferred` if it does, else the longest. */
export function expiryWithin(
  preferred: Expiry,
  maxDays: number | null,
  nowMs = Date.now(),
): Expiry {
  if (maxDays === null) return preferred;
  if (preferred.kind === "days" && preferred.days <= maxDays) return preferred;
  const preset = optionsWithin(maxDays)
    .map((o) => o.value)
    .filter((v) => v.kind === "days")
    .pop();
  return preset ?? { kind: "custom", date: dateInputValue(new Date(nowMs + maxDays * DAY_MS)) };
}

function optionId(expiry: Expiry): string {
  return expiry.kind === "days" ? String(expiry.days) : expiry.kind;
}

/** A yyyy-mm-dd string for a date input, in the reader's time zone. */
export function dateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The moment the key stops working, or null for never; a custom date means the end of that day
 * where the reader is. Undefined when a custom date is missing or not in the future.
 */
export function expiryToIso(expiry: Expiry, nowMs = Date.now()): string | null | undefined {
  if (expiry.kind === "never") return null;
  if (expiry.kind === "days") return new Date(nowMs + expiry.days * DAY_MS).toISOString();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(expiry.date)) return undefined;
  const end = new Date(`${expiry.date}T23:59:59`);
  if (Number.isNaN(end.getTime()) || end.getTime() <= nowMs) return undefined;
  return end.toISOString();
}

/**
 * What a rotation offers by default: the old key's lifetime (creation to expiry) counted from
 * now, as the API does when `expires_at` is left out. A key that never expired: never.
 */
export function sameLifetime(
  key: { created_at: string; expires_at: string | null },
  nowMs = Date.now(),
): Expiry {
  if (!key.expires_at) return { kind: "never" };
  const lifetime = Date.parse(key.expires_at) - Date.parse(key.created_at);
  const days = Math.round(lifetime / DAY_MS);
  if (days === 30 || days === 60 || days === 90) return { kind: "days", days };
  return { kind: "custom", date: dateInputValue(new Date(nowMs + Math.max(lifetime, DAY_MS))) };
}

export function ExpiryPicker({
  value,
  onChange,
  error,
  legend = "Expiration",
  maxDays = null,
}: {
  value: Expiry;
  onChange: (next: Expiry) => void;
  error?: string;
  legend?: string;
  /** The organization's maximum key lifetime in days; null: none. */
  maxDays?: number | null;
}) {
  const baseId = useId();
  const selected = optionId(value);
  const iso = expiryToIso(value);
  const tomorrow = dateInputValue(new Date(Date.now() + DAY_MS));
  const latest =
    maxDays === null ? undefined : dateInputValue(new Date(Date.now() + maxDays * DAY_MS));
  const dateId = `${baseId}-date`;
  const customRef = useRef<HTMLDivElement>(null);

  // Choosing "Custom date" reveals a field below the options: bring it into view.
  useEffect(() => {
    if (value.kind === "custom") customRef.current?.scrollIntoView({ block: "nearest" });
  }, [value.kind]);

  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 flex flex-wrap gap-1.5">
        {optionsWithin(maxDays).map((option) => (
          <label
            key={option.id}
            className="relative cursor-pointer rounded-md bg-white px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 ring-inset transition-colors hover:bg-slate-50 has-[:checked]:bg-brand-50 has-[:checked]:font-medium has-[:checked]:text-brand-700 has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-brand-600"
          >
            <input
              type="radio"
              name={`${baseId}-expiry`}
              value={option.id}
              checked={selected === option.id}
              onChange={() =>
                onChange(
                  option.value.kind === "custom" && value.kind === "custom" ? value : option.value,
                )
              }
              className="absolute inset-0 m-0 cursor-pointer opacity-0"
            />
            {option.label}
          </label>
        ))}
      </div>
      {value.kind === "custom" ? (
        <div ref={customRef} className="mt-3 max-w-56 scroll-mb-4 space-y-1.5">
          <label htmlFor={dateId} className="block text-sm font-medium text-slate-800">
            Expiry date
          </label>
          <input
            id={dateId}
            type="date"
            min={tomorrow}
            max={latest}
            value={value.date}
            onChange={(e) => onChange({ kind: "custom", date: e.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${dateId}-error` : undefined}
            className={inputClass}
          />
        </div>
      ) : null}
      {maxDays !== null ? (
        <p className="mt-2 text-xs text-slate-600">
          Your organization requires keys to expire within {maxDays} days.
        </p>
      ) : null}
      {error ? (
        <p id={`${dateId}-error`} className="mt-2 text-sm text-red-600">
          {error}
        </p>
      ) : value.kind === "never" ? (
        <p className="mt-2 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800 ring-1 ring-amber-200">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-px size-4 shrink-0">
            <path
              fill="currentColor"
              d="M8.5 2.9a1.7 1.7 0 0 1 3 0l6.3 11.3a1.7 1.7 0 0 1-1.5 2.6H3.7a1.7 1.7 0 0 1-1.5-2.6L8.5 2.9ZM10 7a.75.75 0 0 0-.75.75v3.5a.75.75 0 0 0 1.5 0v-3.5A.75.75 0 0 0 10 7Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
            />
          </svg>
          A key that never expires works until someone revokes it. Prefer an expiry, and rotate the
          key at least every 90 days.
        </p>
      ) : iso ? (
        <p className="mt-2 text-xs text-slate-500">
          The key stops working on{" "}
          <time dateTime={iso} className="font-medium text-slate-700">
            {new Intl.DateTimeFormat(undefined, { dateStyle: "long" }).format(new Date(iso))}
          </time>
          .
        </p>
      ) : null}
    </fieldset>
  );
}
