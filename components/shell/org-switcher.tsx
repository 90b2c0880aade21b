"use client";

import { useState } from "react";
import { usePopoverMenu } from "@/components/ui/use-popover-menu";
import { useSwitchOrganization } from "./use-switch-organization";

interface Org {
  id: string;
  name: string;
  role: string | null;
}

export function OrgSwitcher({ current, organizations }: { current: Org; organizations: Org[] }) {
  const { open, setOpen, menuId, rootRef, onKeyDown } = usePopoverMenu();
  const [error, setError] = useState<string | null>(null);
  const { switchTo, pending } = useSwitchOrganization();

  function choose(org: Org) {
    setOpen(false);
    if (org.id === current.id) return;
    switchTo(
      org.id,
      () => setError(`You cannot switch to ${org.name}.`),
      () => setError(null),
    );
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from anywhere inside it
    <div ref={rootRef} className="relative min-w-0" onKeyDown={onKeyDown}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Organization: ${current.name}. Switch organization`}
        onClick={() => setOpen((v) => !v)}
        disabled={pending}
        className="flex max-w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {/* The initial is drawn by CSS, so the visible text is the name the label contains. */}
        <span
          className="grid size-6 shrink-0 place-items-center rounded bg-brand-100 text-xs font-bold text-brand-700 before:content-[attr(data-initial)]"
          data-initial={current.name.slice(0, 1).toUpperCase()}
          aria-hidden="true"
        />
        <span data-testid="current-organization" className="max-w-40 truncate sm:max-w-56">
          {current.name}
        </span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0 text-slate-400">
          <path
            fill="currentColor"
            d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z"
          />
        </svg>
      </button>
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label="Organizations"
          // On a phone the menu spans the header's width, so it never runs off the screen.
          className="fixed inset-x-4 top-14 z-30 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200 sm:absolute sm:inset-x-auto sm:top-auto sm:left-0 sm:mt-2 sm:w-64"
        >
          <p className="px-2.5 pt-1.5 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500">
            Organizations
          </p>
          {organizations.map((org) => (
            <button
              key={org.id}
              type="button"
              role="menuitemradio"
              aria-checked={org.id === current.id}
              onClick={() => choose(org)}
              className="flex w-full items-center justify-between gap-3 rounded-md px-2.5 py-2 text-left text-sm text-slate-800 hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-none"
            >
              <span className="min-w-0 truncate">{org.name}</span>
              <span className="shrink-0 text-xs text-slate-500">
                {/* How you are in it stays, current or not: a platform admin is not a member. */}
                {org.role ?? "Platform admin"}
                {org.id === current.id ? " · Current" : ""}
              </span>
            </button>
          ))}
          <a
            href="/settings/organizations"
            role="menuitem"
            className="mt-1 flex w-full border-t border-slate-100 px-2.5 py-2 text-sm text-brand-700 hover:bg-slate-100"
          >
            New organization…
          </a>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="absolute left-0 mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}
