"use client";

import { useRef, useState } from "react";
import { AddButton } from "@/components/ui/add-button";
import { ListHeader } from "@/components/ui/list-header";
import { PagedList, pagedRows } from "@/components/ui/paged-list";
import { useToast } from "@/components/ui/toast";
import { PlanNote, UnavailableAction } from "@/components/ui/unavailable-action";
import { useDeletedNotice } from "@/components/ui/use-deleted-notice";
import { useFocusRowLink } from "@/components/ui/use-focus-row-link";
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
  /** The organization's plan includes OAuth apps; else the list is read-only, its apps kept. */
  included: boolean;
}

type OpenDialog =
  | { kind: "register" }
  // The only place a new secret is held: this state, until the dialog closes.
  | { kind: "credentials"; app: OAuthApp; secret: string | null };

export function OAuthAppsClient(props: OAuthAppsClientProps) {
  // Apps in view belong to one organization: switching starts afresh.
  return <OAuthAppsView key={props.organization.id} {...props} />;
}

/** Said once back on the list after an app is deleted on its own page (?deleted=<its name>). */
function deletedMessage(name: string): string {
  return `Deleted “${name.slice(0, 100)}”`;
}

function OAuthAppsView({
  organization,
  canRegister: mayRegister,
  isMember,
  included,
}: OAuthAppsClientProps) {
  const canRegister = mayRegister && included;
  const apps = useOAuthApps(organization.id);
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const { show: showToast, toast } = useToast();
  useDeletedNotice(showToast, deletedMessage);
  const listRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // After the new app's credentials close, focus goes to its link in the list.
  const focusRow = useFocusRowLink(listRef, headingRef);
  const { empty } = pagedRows(apps);
  const openRegister = () => setOpen({ kind: "register" });

  return (
    <div className="space-y-6">
      <ListHeader
        title="OAuth apps"
        headingRef={headingRef}
        organizationName={organization.name}
        visitingNote={
          isMember ? null : (
            <>
              You are visiting {organization.name} as a platform admin: you can review its apps and
              delete them or their secrets, but only its members register or change them.
            </>
          )
        }
        description={
          <>
            Third-party apps that people of{" "}
            <strong className="font-medium text-slate-800">{organization.name}</strong> can
            authorize to use the Voltasis API for them, with OAuth 2.1, instead of pasting an API
            key.
          </>
        }
        action={
          !included && mayRegister ? (
            <UnavailableAction feature="oauth_apps" label="Register app" />
          ) : canRegister && !empty ? (
            <AddButton onClick={openRegister}>Register app</AddButton>
          ) : null
        }
      />
      {included ? null : (
        <PlanNote feature="oauth_apps">
          {organization.name}&apos;s plan does not include OAuth apps. Apps registered before stay
          listed, and their grants keep working; they can be deleted, but not registered or changed.
        </PlanNote>
      )}

      <PagedList
        query={apps}
        listRef={listRef}
        skeleton={<OAuthAppsSkeleton />}
        errorTitle="OAuth apps could not be loaded"
        emptyState={
          <OAuthAppsEmptyState
            organizationName={organization.name}
            onRegister={canRegister ? openRegister : undefined}
          />
        }
        noun={["app", "apps"]}
      >
        {(rows) => <OAuthAppsTable apps={rows} />}
      </PagedList>

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
            focusRow(open.app.id);
            setOpen(null);
          }}
        />
      ) : null}
      {toast}
    </div>
  );
}
