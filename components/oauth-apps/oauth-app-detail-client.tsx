"use client";

import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { DetailQuery } from "@/components/ui/detail-query";
import { DateWithHint } from "@/components/ui/relative-time";
import { useToast } from "@/components/ui/toast";
import { UsagePanel } from "@/components/usage/usage-panel";
import { AppCredentialsDialog } from "./app-credentials-dialog";
import { ClientId } from "./client-id";
import { ClientSecretsPanel } from "./client-secrets-panel";
import { ClientTypeBadge } from "./client-type-badge";
import { DeleteClientSecretDialog } from "./delete-client-secret-dialog";
import { DeleteOAuthAppDialog } from "./delete-oauth-app-dialog";
import { EditOAuthAppForm } from "./edit-oauth-app-form";
import { useOAuthApp } from "./oauth-app-queries";
import type { OAuthApp, OAuthClientSecret } from "./oauth-app-types";

type OpenDialog =
  // The only place a new secret is held: this state, until the dialog closes.
  | { kind: "secret"; secret: string; note?: string }
  | { kind: "delete-secret"; secret: OAuthClientSecret }
  | { kind: "delete-app" };

export function OAuthAppDetailClient({
  appId,
  organization,
  canEdit,
  canDelete,
}: {
  appId: string;
  organization: { id: string; name: string };
  /** write:oauth-apps as a member: edit and generate secrets. */
  canEdit: boolean;
  /** write:oauth-apps (a visiting platform admin too): delete secrets and the app. */
  canDelete: boolean;
}) {
  const query = useOAuthApp(organization.id, appId);
  return (
    <DetailQuery
      query={query}
      backHref="/settings/oauth-apps"
      backLabel="All OAuth apps"
      organizationName={organization.name}
      loadingLabel="Loading the app"
      errorTitle="This app could not be loaded"
    >
      {(app) => (
        <AppDetail app={app} organization={organization} canEdit={canEdit} canDelete={canDelete} />
      )}
    </DetailQuery>
  );
}

function AppDetail({
  app,
  organization,
  canEdit,
  canDelete,
}: {
  app: OAuthApp;
  organization: { id: string; name: string };
  canEdit: boolean;
  canDelete: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<OpenDialog | null>(null);
  const { show: showToast, toast } = useToast();
  const close = () => setOpen(null);

  return (
    <>
      <section
        aria-labelledby="app-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h2
            id="app-heading"
            className="min-w-0 text-xl font-semibold text-slate-900 [overflow-wrap:anywhere]"
          >
            {app.name}
          </h2>
          <ClientTypeBadge type={app.client_type} />
        </div>
        <dl className="mt-6 grid gap-x-6 gap-y-4 border-t border-slate-100 pt-5 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Detail label="Client ID" wide>
            <ClientId clientId={app.client_id} appName={app.name} />
          </Detail>
          <Detail label="Client type">
            {app.client_type === "confidential"
              ? "Confidential: a server that keeps a secret"
              : "Public: PKCE only, no secret"}
          </Detail>
          <Detail label="Registered">
            {app.registration === "dashboard"
              ? "In the dashboard or the API"
              : "Dynamically (RFC 7591)"}
          </Detail>
          <Detail label="Created">
            <DateWithHint date={app.created_at} tense="past" />
          </Detail>
          <Detail label="Created by">
            {app.created_by ? (
              <>
                {app.created_by.name}
                <span className="block truncate text-xs text-slate-500">
                  {app.created_by.email}
                </span>
              </>
            ) : (
              "A former member"
            )}
          </Detail>
          <Detail label="Homepage">
            {app.homepage_url ? (
              <a
                href={app.homepage_url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                className="font-medium text-brand-700 [overflow-wrap:anywhere] hover:underline"
              >
                {app.homepage_url}
              </a>
            ) : (
              "None"
            )}
          </Detail>
          <Detail label="Active grants">
            {app.active_grants === 0
              ? "Nobody has authorized it yet"
              : `${app.active_grants} ${app.active_grants === 1 ? "person" : "people"}`}
          </Detail>
        </dl>
      </section>

      <section
        aria-labelledby="app-settings-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="app-settings-heading" className="text-base font-semibold text-slate-900">
          Application settings
        </h3>
        {canEdit ? (
          <EditOAuthAppForm
            organizationId={organization.id}
            app={app}
            onSaved={(saved) => showToast(`Saved the changes to “${saved.name}”`)}
          />
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-500">
              Only members of {organization.name} who manage its apps can change these.
            </p>
            <h4 className="mt-4 text-sm font-medium text-slate-800">Redirect URIs</h4>
            <ul className="mt-2 space-y-1">
              {app.redirect_uris.map((uri) => (
                <li key={uri} className="font-mono text-xs break-all text-slate-700">
                  {uri}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section
        id="usage"
        aria-labelledby="app-usage-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6"
      >
        <h3 id="app-usage-heading" className="mb-4 text-base font-semibold text-slate-900">
          Usage
        </h3>
        <UsagePanel subject={{ type: "oauth-app", id: app.id }} organizationId={organization.id} />
      </section>

      <ClientSecretsPanel
        organizationId={organization.id}
        organizationName={organization.name}
        app={app}
        canEdit={canEdit}
        canDelete={canDelete}
        onGenerated={(secret) =>
          setOpen({
            kind: "secret",
            secret,
            // Another secret was live before this one: say that both work now.
            note:
              app.secrets.length > 0
                ? "The app's other secret keeps working: deploy this one, then delete the old one."
                : undefined,
          })
        }
        onDelete={(secret) => setOpen({ kind: "delete-secret", secret })}
      />

      {canDelete ? (
        <section
          aria-labelledby="danger-zone-heading"
          className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-red-200 sm:p-6"
        >
          <h3 id="danger-zone-heading" className="text-base font-semibold text-red-700">
            Danger zone
          </h3>
          <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">Delete this app</p>
              <p className="mt-0.5 text-slate-600">
                Revokes every user&apos;s authorization and every token the app holds, at once. This
                cannot be undone.
              </p>
            </div>
            <Button
              variant="danger"
              className="shrink-0 self-start sm:self-center"
              onClick={() => setOpen({ kind: "delete-app" })}
            >
              Delete app
            </Button>
          </div>
        </section>
      ) : null}

      {open?.kind === "secret" ? (
        <AppCredentialsDialog
          app={app}
          secret={open.secret}
          title="New client secret"
          note={open.note}
          onClose={close}
        />
      ) : open?.kind === "delete-secret" ? (
        <DeleteClientSecretDialog
          organizationId={organization.id}
          app={app}
          secret={open.secret}
          onClose={close}
          onDeleted={() => showToast(`Deleted the client secret ending in ${open.secret.last4}`)}
        />
      ) : open?.kind === "delete-app" ? (
        <DeleteOAuthAppDialog
          organizationId={organization.id}
          app={app}
          onClose={close}
          onDeleted={() =>
            router.push(`/settings/oauth-apps?deleted=${encodeURIComponent(app.name)}`)
          }
        />
      ) : null}
      {toast}
    </>
  );
}

function Detail({
  label,
  children,
  wide = false,
}: {
  label: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`min-w-0 ${wide ? "sm:col-span-2 lg:col-span-1" : ""}`}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-slate-900">{children}</dd>
    </div>
  );
}
