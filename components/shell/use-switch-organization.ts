"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchOrganization } from "@/app/(dashboard)/actions";

// A key's page: its key belongs to one organization, so after a switch it would be "not here".
const KEY_PAGE = /^\/settings\/api-keys\/[^/]+/;

/**
 * Switches the session's organization and shows the new one: the same page, or the keys list
 * when the page shows one key of the organization being left.
 */
export function useSwitchOrganization() {
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const pathname = usePathname();

  function switchTo(organizationId: string, onRefused?: () => void, onDone?: () => void) {
    startTransition(async () => {
      const result = await switchOrganization(organizationId);
      if (!result.ok) {
        onRefused?.();
        return;
      }
      onDone?.();
      if (KEY_PAGE.test(pathname)) router.push("/settings/api-keys");
      else router.refresh();
    });
  }

  return { switchTo, pending };
}
