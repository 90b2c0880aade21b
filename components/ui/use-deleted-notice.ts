"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect } from "react";

/**
 * An item deleted on its own page comes back to its list with ?deleted=<what it was called>: said
 * once with `show`, then dropped from the address so a reload does not say it again. `message`
 * words it; keep it stable (a module-level function) so it is said only once.
 */
export function useDeletedNotice(
  show: (message: string) => void,
  message: (deleted: string) => string,
) {
  const params = useSearchParams();
  const pathname = usePathname();
  const deleted = params?.get("deleted") ?? null;
  useEffect(() => {
    if (!deleted) return;
    show(message(deleted));
    window.history.replaceState(null, "", pathname);
  }, [deleted, pathname, show, message]);
}
