"use client";

import { usePathname } from "next/navigation";
import { useTransition } from "react";
import { switchOrganization } from "@/server/http/actions/organization-actions";

// A key's page: its key belongs to one organization, so after a switch it would be "not here".
const KEY_PAGE = /^\/settings\/api-keys\/[^/]+/;

/**
 * Switches the session's organization and shows the new one: the same page without its filters,
 * or the keys list when the page shows one key of the organization being left.
 */
export function useSwitchOrganization() {
  const [pending, startTransition] = useTransition();
  // Nullable in Next's types once a Pages Router route exists (pages/api/oauth): never here.
  const pathname = usePathname() ?? "/dashboard";

  function switchTo(organizationId: string, onRefused?: () => void, onDone?: () => void) {
    startTransition(async () => {
      const result = await switchOrganization({ organizationId });
      if (!result.ok) {
        onRefused?.();
        return;
      }
      onDone?.();
      // A full load: the session cookie the action just set is read by every part of the page,
      // and nothing cached for the organization left behind (queries, prefetches) survives. The
      // URL's list filters (a creator, a target id) named things there: they are left behind too.
      window.location.assign(KEY_PAGE.test(pathname) ? "/settings/api-keys" : pathname);
    });
  }

  return { switchTo, pending };
}
