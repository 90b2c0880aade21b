"use client";

import { type KeyboardEvent, useId, useRef } from "react";
import { inputClass } from "@/components/ui/field";
import { usePopoverMenu } from "@/components/ui/use-popover-menu";
import { actionGroups, actionLabel } from "./audit-action-labels";

/**
 * The audit log's action filter: a button that opens a panel of checkboxes, one group per kind
 * of thing acted on, so several actions can be chosen at once. `selected` is in `actions`'
 * order; `onChange` gets the new choice in that order too (an empty list: any action).
 */
export function AuditActionFilter({
  actions,
  selected,
  onChange,
}: {
  actions: readonly string[];
  selected: readonly string[];
  onChange: (actions: string[]) => void;
}) {
  const { open, setOpen, menuId, rootRef } = usePopoverMenu();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const labelId = useId();
  const valueId = useId();
  const chosen = new Set(selected);

  const toggle = (action: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(action);
    else next.delete(action);
    onChange(actions.filter((a) => next.has(a)));
  };
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  // Escape closes the panel and puts focus back on its button, as a native select would.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && open) {
      e.stopPropagation();
      close();
    }
  };

  const summary =
    selected.length === 0
      ? "Any action"
      : selected.length === 1
        ? actionLabel(selected[0] ?? "")
        : `${selected.length} actions`;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the panel from anywhere inside it
    <div ref={rootRef} className="relative space-y-1" onKeyDown={onKeyDown}>
      <span id={labelId} className="block text-xs font-medium text-slate-600">
        Action
      </span>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-labelledby={`${labelId} ${valueId}`}
        onClick={() => setOpen(!open)}
        className={`${inputClass} flex items-center justify-between gap-2 text-left`}
      >
        <span id={valueId} className="truncate">
          {summary}
        </span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0 text-slate-500">
          <path
            fill="currentColor"
            d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
          />
        </svg>
      </button>
      {open ? (
        <div
          id={menuId}
          className="absolute left-0 z-20 mt-1 w-full rounded-lg bg-white shadow-lg ring-1 ring-slate-900/10 sm:w-80"
        >
          <div className="max-h-[min(24rem,60dvh)] space-y-3 overflow-y-auto p-3">
            {actionGroups(actions).map((group) => (
              <fieldset key={group.label}>
                <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  {group.label}
                </legend>
                {group.actions.map((action) => (
                  <label
                    key={action}
                    className="flex cursor-pointer items-start gap-2 rounded-md px-1.5 py-1 text-sm text-slate-800 hover:bg-slate-50"
                  >
                    <input
                      type="checkbox"
                      checked={chosen.has(action)}
                      onChange={(e) => toggle(action, e.target.checked)}
                      className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-brand-600"
                    />
                    <span className="min-w-0">{actionLabel(action)}</span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
          <div className="flex items-center justify-between gap-2 border-t border-slate-100 px-3 py-2">
            <button
              type="button"
              onClick={() => onChange([])}
              disabled={selected.length === 0}
              className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:text-slate-400"
            >
              Show any action
            </button>
            <button
              type="button"
              onClick={close}
              className="rounded-md bg-brand-600 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            >
              Done
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
