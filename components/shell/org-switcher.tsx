"use client";

import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { LoadMore } from "@/components/ui/load-more";
import { usePopoverMenu } from "@/components/ui/use-popover-menu";
import { type FoundOrganization, useOrganizationSearch } from "./use-organization-search";
import { useSwitchOrganization } from "./use-switch-organization";

interface Org {
  id: string;
  name: string;
  role: string | null;
}

/**
 * The header's organization switcher. Everyone gets a menu of the organizations the page
 * embeds (their memberships, and the one a platform admin is visiting). A platform admin
 * (`searchable`) also gets a search box over every organization, served page by page by
 * GET /organizations?q=, since a page that embedded them all would grow with the platform.
 */
export function OrgSwitcher({
  current,
  organizations,
  searchable = false,
}: {
  current: Org;
  organizations: Org[];
  searchable?: boolean;
}) {
  const { open, setOpen, menuId, rootRef, onKeyDown } = usePopoverMenu();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
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

  function onRootKeyDown(e: KeyboardEvent) {
    // Escape closes and gives focus back to the button, not to the page's start.
    if (e.key === "Escape" && open) triggerRef.current?.focus();
    onKeyDown(e);
  }

  // The popup of a member, or part of a platform admin's panel below its search.
  const menu = (className?: string, id?: string) => (
    <div id={id} role="menu" aria-labelledby={headingId} className={className}>
      <p
        id={headingId}
        className="px-2.5 pt-1.5 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500"
      >
        {searchable ? "Your organizations" : "Organizations"}
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
          <RoleLabel org={org} current={current} />
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
  );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape closes the menu from anywhere inside it
    <div ref={rootRef} className="relative min-w-0" onKeyDown={onRootKeyDown}>
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup={searchable ? "dialog" : "menu"}
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
      {open && searchable ? (
        <div
          id={menuId}
          role="dialog"
          aria-label="Switch organization"
          // On a phone the panel spans the header's width and scrolls within the screen.
          className="fixed inset-x-4 top-14 z-30 max-h-[calc(100dvh-4.5rem)] overflow-y-auto rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200 sm:absolute sm:inset-x-auto sm:top-auto sm:left-0 sm:mt-2 sm:w-80"
        >
          <OrganizationSearch current={current} onChoose={choose} />
          {menu()}
        </div>
      ) : open ? (
        menu(
          // On a phone the menu spans the header's width, so it never runs off the screen.
          "fixed inset-x-4 top-14 z-30 max-h-[calc(100dvh-4.5rem)] overflow-y-auto rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200 sm:absolute sm:inset-x-auto sm:top-auto sm:left-0 sm:mt-2 sm:w-64",
          menuId,
        )
      ) : null}
      {error ? (
        <p role="alert" className="absolute left-0 mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** How the user is in it ("owner", or "Platform admin" when not a member), and if it is current. */
function RoleLabel({ org, current }: { org: Org; current: Org }) {
  return (
    <span className="shrink-0 text-xs text-slate-500">
      {/* How you are in it stays, current or not: a platform admin is not a member. */}
      {org.role ?? "Platform admin"}
      {org.id === current.id ? " · Current" : ""}
    </span>
  );
}

const SEARCH_DELAY_MS = 250;

/**
 * A combobox over every organization: type part of a name, move through the results with the
 * arrow keys (or a pointer), Enter to switch; "Load more" follows the list's next page.
 */
function OrganizationSearch({ current, onChoose }: { current: Org; onChoose: (org: Org) => void }) {
  const inputId = useId();
  const listId = useId();
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [active, setActive] = useState(-1);
  const search = useOrganizationSearch(current.id, q);
  const optionId = useCallback((i: number) => `${listId}-${i}`, [listId]);

  // The box has focus as the panel opens: a platform admin opens it to look for one.
  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    if (active >= 0)
      document.getElementById(optionId(active))?.scrollIntoView({ block: "nearest" });
  }, [active, optionId]);

  const results: FoundOrganization[] =
    q && text.trim() ? (search.data?.pages.flatMap((page) => page.data) ?? []) : [];
  const shown = results.length > 0;

  function onInputKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" && shown) {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (e.key === "ArrowUp" && shown) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const org = results[active] ?? (results.length === 1 ? results[0] : undefined);
      if (org) onChoose(org);
    }
  }

  let status: string | null = null;
  if (q && text.trim()) {
    if (search.isPending || search.isPlaceholderData) status = "Searching…";
    else if (search.isError && !search.isFetchNextPageError) status = null;
    else if (!shown) status = `No organization's name contains “${q}”.`;
    else
      status = `${results.length} organization${results.length === 1 ? "" : "s"}${search.hasNextPage ? " so far" : ""}.`;
  }

  return (
    <div className="border-b border-slate-100 px-1.5 pt-1.5 pb-2">
      <label htmlFor={inputId} className="block text-xs font-medium text-slate-600">
        Find any organization
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={statusId}
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="search"
        maxLength={100}
        placeholder="Name contains…"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
        }}
        onKeyDown={onInputKeyDown}
        className="mt-1 block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600 focus:outline-none"
      />
      <div
        id={listId}
        role="listbox"
        aria-label="Organizations found"
        hidden={!shown}
        className="mt-1 max-h-64 overflow-y-auto"
      >
        {results.map((org, i) => (
          // The keyboard reaches the options through the combobox (aria-activedescendant), as
          // the pattern has it; a pointer picks one directly.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox handles the keyboard
          <div
            key={org.id}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            // Focus stays in the box, where the keys work.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onChoose(org)}
            onMouseMove={() => setActive(i)}
            className={`flex cursor-pointer items-center justify-between gap-3 rounded-md px-2.5 py-2 text-sm text-slate-800 ${i === active ? "bg-slate-100" : ""}`}
          >
            <span className="min-w-0 truncate">{org.name}</span>
            <RoleLabel org={org} current={current} />
          </div>
        ))}
      </div>
      <p
        id={statusId}
        role="status"
        className={`px-1 text-xs text-slate-500 ${status ? "pt-1" : ""}`}
      >
        {status}
      </p>
      {search.isError && !search.isFetchNextPageError && q ? (
        <p role="alert" className="px-1 pt-1 text-xs text-red-600">
          The search failed: {search.error.message}{" "}
          <button
            type="button"
            onClick={() => void search.refetch()}
            className="font-semibold underline"
          >
            Retry
          </button>
        </p>
      ) : null}
      {shown ? (
        <div className="pt-1">
          <LoadMore query={search} items="organizations" />
        </div>
      ) : null}
    </div>
  );
}
