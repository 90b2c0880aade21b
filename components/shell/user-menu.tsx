"use client";

import { useState } from "react";
import { usePopoverMenu } from "@/components/ui/use-popover-menu";
import { signOutAction } from "@/server/http/actions/session-actions";
import { SignOutEverywhereDialog } from "./sign-out-everywhere-dialog";

export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  const { open, setOpen, menuId, rootRef, onKeyDown } = usePopoverMenu();
  const [confirming, setConfirming] = useState(false);
  const initials = name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from anywhere inside it
    <div ref={rootRef} className="relative" onKeyDown={onKeyDown}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label="Account menu"
        onClick={() => setOpen((v) => !v)}
        // The initials are drawn by CSS: visible text that is not in "Account menu" would
        // confuse voice control users (axe: label-content-name-mismatch).
        data-initials={initials}
        className="grid size-9 place-items-center rounded-full bg-slate-800 text-sm font-semibold text-white before:content-[attr(data-initials)] focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      />
      {open ? (
        <div
          id={menuId}
          role="menu"
          aria-label="Account"
          className="absolute right-0 z-30 mt-2 w-64 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200"
        >
          <div className="px-3 py-2">
            <p className="text-sm font-medium text-slate-900">{name}</p>
            <p className="truncate text-sm text-slate-500">{email}</p>
            <p className="mt-1 text-xs capitalize text-slate-500">{role}</p>
          </div>
          <div className="my-1 border-t border-slate-100" />
          <a
            role="menuitem"
            href="/settings/general"
            className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100"
          >
            Settings
          </a>
          <form
            action={async (form) => {
              await signOutAction(form);
            }}
          >
            <button
              type="submit"
              role="menuitem"
              className="block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
            >
              Sign out
            </button>
          </form>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              setConfirming(true);
            }}
            className="block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100"
          >
            Sign out everywhere…
          </button>
        </div>
      ) : null}
      {confirming ? <SignOutEverywhereDialog onClose={() => setConfirming(false)} /> : null}
    </div>
  );
}
