"use client";

import { useSwitchOrganization } from "./use-switch-organization";

/**
 * On every page while a platform admin is in an organization it does not belong to: which one,
 * and a way back to its own.
 */
export function PlatformAdminBanner({
  organizationName,
  homeOrganizationId,
}: {
  organizationName: string;
  homeOrganizationId: string | null;
}) {
  const { switchTo, pending } = useSwitchOrganization();
  return (
    <section
      aria-label="Platform admin"
      className="border-b border-amber-200 bg-amber-50 text-amber-900"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 text-sm sm:px-6">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0">
          <path
            fill="currentColor"
            d="M10 1.5 3 4.3v5.2c0 4.2 3 7.9 7 9 4-1.1 7-4.8 7-9V4.3l-7-2.8Zm0 4.3a.9.9 0 0 1 .9.9v3.6a.9.9 0 0 1-1.8 0V6.7a.9.9 0 0 1 .9-.9Zm0 8.4a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z"
          />
        </svg>
        <p className="min-w-0">
          Viewing <strong className="font-semibold">{organizationName}</strong> as platform admin:
          you can read everything and revoke keys and invitations; creating keys, inviting and
          changing members need membership. Every visit is in its audit log.
        </p>
        {homeOrganizationId ? (
          <>
            <span aria-hidden="true">·</span>
            <button
              type="button"
              onClick={() => switchTo(homeOrganizationId)}
              disabled={pending}
              className="rounded font-semibold underline underline-offset-2 hover:text-amber-950 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700 disabled:opacity-60"
            >
              Exit
            </button>
          </>
        ) : null}
      </div>
    </section>
  );
}
