"use client";

import { Dialog } from "@/components/ui/dialog";
import {
  NotCopiedAlert,
  SecretField,
  ShowOnceFooter,
  ShowOnceWarning,
  useShowOnce,
} from "@/components/ui/show-once-secret";
import { ClientId } from "./client-id";
import { ClientTypeBadge } from "./client-type-badge";
import type { OAuthApp } from "./oauth-app-types";

/**
 * An app's credentials after registering it or creating a secret: its client_id, and a client
 * secret exactly once. The secret comes in as a prop from the state of whoever opened this dialog
 * and is dropped when it closes: never cached, stored or put in the URL, so a reload cannot bring
 * it back. Hence, as for API keys, closing without copying it asks first. A public app has no
 * secret: the dialog shows its client_id and closes freely.
 */
export function AppCredentialsDialog({
  app,
  secret,
  title,
  note,
  onClose,
}: {
  app: Pick<OAuthApp, "name" | "client_id" | "client_type">;
  secret: string | null;
  title: string;
  note?: string;
  onClose: () => void;
}) {
  const showOnce = useShowOnce<"secret">({ needsCopy: secret !== null, onClose });

  return (
    <Dialog
      title={title}
      description={
        <span className="inline-flex flex-wrap items-center gap-2">
          <span className="font-medium text-slate-800">{app.name}</span>
          <ClientTypeBadge type={app.client_type} />
        </span>
      }
      onClose={showOnce.requestClose}
      size="lg"
      footer={<ShowOnceFooter showOnce={showOnce} doneAutofocus={!secret} />}
    >
      <div className="space-y-5">
        {showOnce.confirming ? (
          <NotCopiedAlert title="You haven't copied this client secret.">
            Once this dialog is closed the secret cannot be shown again; you would have to generate
            a new one.
          </NotCopiedAlert>
        ) : null}

        {secret ? (
          <ShowOnceWarning>
            <strong className="font-semibold">
              Copy the client secret now: you won't see it again.
            </strong>{" "}
            We keep only a hash of it. Store it in your app's server configuration or a secret
            manager, never in a browser or a mobile app.
          </ShowOnceWarning>
        ) : (
          <p className="rounded-lg bg-sky-50 px-3.5 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
            A public app has no client secret: it proves each authorization with PKCE (S256). Put
            the client ID in your app; it is not a secret.
          </p>
        )}

        {note ? <p className="text-sm text-slate-600">{note}</p> : null}

        <div className="space-y-1.5">
          <p className="text-sm font-medium text-slate-800">Client ID</p>
          <div className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
            <ClientId clientId={app.client_id} appName={app.name} />
          </div>
        </div>

        {secret ? (
          <SecretField
            label="Client secret"
            secret={secret}
            fieldRef={showOnce.fieldRef}
            copied={showOnce.copied === "secret"}
            copyFailed={showOnce.copyFailed}
            onCopy={() => void showOnce.copy("secret", secret)}
            copyLabel="Copy client secret"
            failedText="Copying failed. Select the secret and copy it with your keyboard."
            copiedText="Client secret copied to the clipboard."
          />
        ) : null}
      </div>
    </Dialog>
  );
}
