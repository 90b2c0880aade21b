"use client";

import { useEffect, useState } from "react";

type TextKey<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

/**
 * A list's filters, one of them typed into a text box: the box updates at once, the filter
 * (and so the query) only once typing pauses for `delayMs`.
 */
export function useListFilters<F extends object>(
  defaults: F,
  textKey: TextKey<F>,
  delayMs: number,
) {
  const [filters, setFilters] = useState<F>(defaults);
  const [text, setText] = useState("");
  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((f) => (f[textKey] === text ? f : { ...f, [textKey]: text })),
      delayMs,
    );
    return () => clearTimeout(timer);
  }, [text, textKey, delayMs]);
  const update = (change: Partial<F>) => setFilters((f) => ({ ...f, ...change }));
  /** Back to the defaults (with `change` on top) and an empty text box. */
  const reset = (change: Partial<F> = {}) => {
    setText("");
    setFilters({ ...defaults, ...change });
  };
  return { filters, text, setText, update, reset };
}
