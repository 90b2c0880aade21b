"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { OrganizationBadge } from "@/components/api-keys/organization-badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { LoadMore } from "@/components/ui/load-more";
import { useToast } from "@/components/ui/toast";
import { AppCredentialsDialog } from "./app-credentials-dialog";
import { useOAuthApps } from "./oauth-app-queries";
import type { OAuthApp } from "./oauth-app-types";
import { OAuthAppsEmptyState } from "./oauth-apps-empty-state";
import { OAuthAppsSkeleton } from "./oauth-apps-skeleton";
import { OAuthAppsTable } from "./oauth-apps-table";
import { RegisterOAuthAppDialog } from "./register-oauth-app-dialog";

interface OAuthAppsClientProps {
  organization: { id: string; name: string };
  /** write:oauth-apps as a member: a platform admin visiting reviews and deletes, registers none. */
  canRegister: boolean;
  isMember: boolean;
}

type OpenDialog =
  | { kind: "register" }
  // The only place a new secret is held: this state, until the dialog closes.
  | { kind: "credentials"; app: OAuthApp; secret: string | null };

export function OAuthAppsClient(props: OAuthAppsClientProps) {
  // Apps in view belong to one organization: switching starts afresh.
  return <OAuthAppsView key={props.organization.id} {...props} />;
}

function OAuthAppsView({ organization, canRegister, isMember }: OAuthAppsClientProps) {
  const apps = useOAuthApps(organization.id);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const { show: showToast, toast } = useToast();
  // An app deleted on its own page comes back here with ?deleted=<its name>: said once, then
  // dropped from the address so a reload does not say it again.
  const params = useSearchParams();
  const pathname = usePathname();
  const deleted = params?.get("deleted") ?? null;
  useEffect(() => {
    if (!deleted) return;
    showToast(`Deleted “${deleted.slice(0, 100)}”`);
    window.history.replaceState(null, "", pathname);
  }, [deleted, pathname, showToast]);
  const listRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After the new app's credentials close, focus goes to its link in the list (the button that
  // opened the dialog may be gone with the empty state), else to the heading.
  const [focusApp, setFocusApp] = useState<string | null>(null);
  useEffect(() => {
    if (!focusApp) return;
    const links = listRef.current?.querySelectorAll<HTMLElement>(
      `[data-row-id="${CSS.escape(focusApp)}"] a`,
    );
    const visible = [...(links ?? [])].find((link) => link.getClientRects().length > 0);
    (visible ?? headingRef.current)?.focus();
    setFocusApp(null);
  }, [focusApp]);
  const rows = apps.data?.pages.flatMap((page) => page.data) ?? [];
  const empty = apps.isSuccess && rows.length === 0;
  const openRegister = () => setOpen({ kind: "register" });

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2
              ref={headingRef}
              tabIndex={-1}
              className="text-lg font-semibold text-slate-900 focus:outline-none"
            >
              OAuth apps
            </h2>
            <OrganizationBadge name={organization.name} />
          </div>
          {isMember ? null : (
            <p
              role="note"
              className="mt-2 max-w-2xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-amber-200"
            >
              You are visiting {organization.name} as a platform admin: you can review its apps and
              delete them or their secrets, but only its members register or change them.
            </p>
          )}
          <p className="mt-1 max-w-2xl text-sm text-slate-600">
            Third-party apps that people of{" "}
            <strong className="font-medium text-slate-800">{organization.name}</strong> can
            authorize to use the Voltasis API for them, with OAuth 2.1, instead of pasting an API
            key.
          </p>
        </div>
        {canRegister && !empty ? (
          <Button className="shrink-0 self-start" onClick={openRegister}>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4">
              <path
                fill="currentColor"
                d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z"
              />
            </svg>
            Register app
          </Button>
        ) : null}
      </div>

      {apps.isPending ? (
        <OAuthAppsSkeleton />
      ) : apps.isError && !apps.data ? (
        <ErrorState
          title="OAuth apps could not be loaded"
          message={apps.error.message}
          onRetry={() => void apps.refetch()}
          retrying={apps.isFetching}
        />
      ) : empty ? (
        <OAuthAppsEmptyState
          organizationName={organization.name}
          onRegister={canRegister ? openRegister : undefined}
        />
      ) : (
        <div ref={listRef} className="space-y-3">
          <p className="text-sm text-slate-500" aria-live="polite">
            {rows.length} {rows.length === 1 ? "app" : "apps"}
            {apps.hasNextPage ? " shown, more to load" : ""}
          </p>
          <OAuthAppsTable apps={rows} />
          <LoadMore query={apps} items="apps" />
        </div>
      )}

      {open?.kind === "register" ? (
        <RegisterOAuthAppDialog
          organizationId={organization.id}
          organizationName={organization.name}
          onClose={() => setOpen(null)}
          onRegistered={({ app, secret }) => setOpen({ kind: "credentials", app, secret })}
        />
      ) : open?.kind === "credentials" ? (
        <AppCredentialsDialog
          key={open.app.id}
          app={open.app}
          secret={open.secret}
          title="OAuth app registered"
          onClose={() => {
            setFocusApp(open.app.id);
            setOpen(null);
          }}
        />
      ) : null}
      {toast}
    </div>
  );
}
