"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";

/** Open/close state for a header menu: closes on a click outside it and on Escape. */
export function usePopoverMenu() {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onMouseDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onMouseDown);
    return () => document.removeEventListener("mousedown", onMouseDown);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") setOpen(false);
  };

  return { open, setOpen, menuId, rootRef, onKeyDown };
}
