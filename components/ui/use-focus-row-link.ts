"use client";

import { type RefObject, useEffect, useState } from "react";

/**
 * Focus for after a dialog closes on a list: the visible link of the row with that id (the table
 * on wide screens, a card on phones; the button that opened the dialog may be gone with the empty
 * state), else the heading. Returns the function that asks for it.
 */
export function useFocusRowLink(
  listRef: RefObject<HTMLElement | null>,
  headingRef: RefObject<HTMLElement | null>,
): (rowId: string) => void {
  const [rowId, setRowId] = useState<string | null>(null);
  useEffect(() => {
    if (!rowId) return;
    const links = listRef.current?.querySelectorAll<HTMLElement>(
      `[data-row-id="${CSS.escape(rowId)}"] a`,
    );
    const visible = [...(links ?? [])].find((link) => link.getClientRects().length > 0);
    (visible ?? headingRef.current)?.focus();
    setRowId(null);
  }, [rowId, listRef, headingRef]);
  return setRowId;
}
