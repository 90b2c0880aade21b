"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";

type FilterValue = string | boolean | null;
type Filters<F> = { [K in keyof F]: FilterValue };
type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

/**
 * The longest value a URL may give a filter: room for a list of several values (every audit
 * action runs to about 400 characters), not for whatever a crafted link pastes in.
 */
const MAX_VALUE_LENGTH = 1000;

/** The filters a URL's query names, each read as the type of its default; the rest: defaults. */
function filtersFromSearch<F extends Filters<F>>(defaults: F, params: URLSearchParams): F {
  const filters: Record<string, FilterValue> = { ...defaults };
  for (const [key, fallback] of Object.entries(defaults) as [string, FilterValue][]) {
    const value = params.get(key);
    if (value === null) continue;
    filters[key] = typeof fallback === "boolean" ? value === "1" : value.slice(0, MAX_VALUE_LENGTH);
  }
  return filters as F;
}

/** The query string of the filters that differ from their defaults (booleans as 1). */
function filtersToSearch<F extends Filters<F>>(defaults: F, filters: F): string {
  const params = new URLSearchParams();
  const fallback = defaults as Record<string, FilterValue>;
  for (const [key, value] of Object.entries(filters) as [string, FilterValue][]) {
    if (value === fallback[key] || value === null || value === "") continue;
    params.set(key, typeof value === "boolean" ? (value ? "1" : "0") : value);
  }
  // Commas stay readable (`action=a,b`): they need no escaping in a query.
  return params.toString().replace(/%2C/gi, ",");
}

/**
 * A list's filters, one of them typed into a text box: the box updates at once, the filter
 * (and so the query) only once typing pauses for `delayMs`. The filters live in the page's URL
 * (replaced, not pushed), so a reload or a shared link shows the same list.
 */
export function useListFilters<F extends Filters<F>>(
  defaults: F,
  textKey: TextKey<F>,
  delayMs: number,
) {
  // Nullable in Next's types once a Pages Router route exists (pages/api/oauth): never here.
  const params = useSearchParams() ?? new URLSearchParams();
  const pathname = usePathname() ?? "";
  const [filters, setFilters] = useState<F>(() => filtersFromSearch(defaults, params));
  const [text, setText] = useState(() => String(filters[textKey] ?? ""));
  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((f) => (f[textKey] === text ? f : { ...f, [textKey]: text })),
      delayMs,
    );
    return () => clearTimeout(timer);
  }, [text, textKey, delayMs]);
  useEffect(() => {
    const search = filtersToSearch(defaults, filters);
    if (search === window.location.search.replace(/^\?/, "")) return;
    // Next's router follows history.replaceState without a server round trip.
    window.history.replaceState(null, "", search ? `${pathname}?${search}` : pathname);
  }, [defaults, filters, pathname]);
  const update = (change: Partial<F>) => setFilters((f) => ({ ...f, ...change }));
  /** Back to the defaults (with `change` on top) and an empty text box. */
  const reset = (change: Partial<F> = {}) => {
    setText(String(change[textKey] ?? defaults[textKey] ?? ""));
    setFilters({ ...defaults, ...change });
  };
  return { filters, text, setText, update, reset };
}
