"use client";

import { EVENT_GROUPS, type WebhookEventType } from "./webhook-types";

/**
 * The events an endpoint subscribes to: one fieldset per resource, a checkbox per event with its
 * description from the catalogue, and "Select all" per group. `error` is said under the legend
 * and marks the first box invalid, so a failed submit brings it into view.
 */
export function EventCheckboxes({
  id,
  selected,
  onChange,
  error,
}: {
  id: string;
  selected: readonly WebhookEventType[];
  onChange: (next: WebhookEventType[]) => void;
  error?: string;
}) {
  const chosen = new Set(selected);
  const errorId = `${id}-error`;
  // Kept in catalogue order, whatever order they were ticked in.
  const emit = (next: Set<WebhookEventType>) =>
    onChange(
      EVENT_GROUPS.flatMap((group) => group.events.map((e) => e.type)).filter((t) => next.has(t)),
    );
  return (
    <fieldset className="min-w-0 space-y-3" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">Events</legend>
      <p className="text-xs text-slate-500">
        Only the events chosen here are sent. {selected.length} of{" "}
        {EVENT_GROUPS.reduce((n, group) => n + group.events.length, 0)} chosen.
      </p>
      {error ? (
        <p id={errorId} className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div className="grid gap-3 md:grid-cols-2">
        {EVENT_GROUPS.map((group, groupIndex) => {
          const all = group.events.every((e) => chosen.has(e.type));
          const groupId = `${id}-${group.resource}`;
          return (
            <fieldset
              key={group.resource}
              className="min-w-0 rounded-lg ring-1 ring-slate-200 ring-inset"
            >
              {/* The legend names the group for assistive technology; the padded row shows it. */}
              <legend className="sr-only">{group.label}</legend>
              <div className="flex flex-wrap items-center justify-between gap-2 px-3 pt-3">
                <span aria-hidden="true" className="text-sm font-semibold text-slate-900">
                  {group.label}
                </span>
                <button
                  type="button"
                  className="rounded text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  aria-label={`${all ? "Clear" : "Select"} all ${group.label} events`}
                  onClick={() => {
                    const next = new Set(chosen);
                    for (const e of group.events) {
                      if (all) next.delete(e.type);
                      else next.add(e.type);
                    }
                    emit(next);
                  }}
                >
                  {all ? "Clear all" : "Select all"}
                </button>
              </div>
              <ul className="mt-2 space-y-2 px-3 pb-3">
                {group.events.map((event, index) => {
                  const inputId = `${groupId}-${event.type}`;
                  return (
                    <li key={event.type} className="flex gap-2.5">
                      <input
                        id={inputId}
                        type="checkbox"
                        name="events"
                        value={event.type}
                        checked={chosen.has(event.type)}
                        aria-describedby={`${inputId}-hint`}
                        aria-invalid={error && groupIndex === 0 && index === 0 ? true : undefined}
                        onChange={(e) => {
                          const next = new Set(chosen);
                          if (e.target.checked) next.add(event.type);
                          else next.delete(event.type);
                          emit(next);
                        }}
                        className="mt-0.5 size-4 shrink-0 accent-brand-600"
                      />
                      <span className="min-w-0">
                        <label
                          htmlFor={inputId}
                          className="block font-mono text-xs font-medium break-all text-slate-900"
                        >
                          {event.type}
                        </label>
                        <span id={`${inputId}-hint`} className="block text-xs text-slate-600">
                          {event.description}
                        </span>
                      </span>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
