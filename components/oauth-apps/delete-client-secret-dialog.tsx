"use client";

import { useState } from "react";
import { ConfirmMutationDialog } from "@/components/ui/confirm-mutation-dialog";
import { MaskedClientSecret } from "./client-id";
import { useDeleteClientSecret } from "./oauth-app-queries";
import type { OAuthApp, OAuthClientSecret } from "./oauth-app-types";

/** Asks before deleting a client secret, and says what breaks: whatever still sends it, at once. */
export function DeleteClientSecretDialog({
  organizationId,
  app,
  secret,
  onClose,
  onDeleted,
}: {
  organizationId: string;
  app: OAuthApp;
  secret: OAuthClientSecret;
  onClose: () => void;
  onDeleted: (app: OAuthApp) => void;
}) {
  const remove = useDeleteClientSecret(organizationId);
  const [error, setError] = useState<string | null>(null);
  const last = app.secrets.length === 1;

  function confirm() {
    setError(null);
    remove.mutate(
      { appId: app.id, secretId: secret.id },
      {
        onSuccess: (updated) => {
          onDeleted(updated);
          onClose();
        },
        onError: (e) => setError(`The secret was not deleted: ${e.message}`),
      },
    );
  }

  return (
    <ConfirmMutationDialog
      title="Delete this client secret?"
      description={
        <>
          <span className="font-medium text-slate-800">{app.name}</span> ·{" "}
          <MaskedClientSecret secret={secret} />
        </>
      }
      confirmLabel="Delete secret"
      pendingLabel="Deleting…"
      pending={remove.isPending}
      error={error}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>
        <strong className="text-slate-900">
          Apps using this secret stop authenticating at once:
        </strong>{" "}
        the token endpoint refuses it from the next request. Tokens the app already holds keep
        working until they expire or their grant is revoked.
      </p>
      {last ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">
          This is the app&apos;s only secret: it cannot get new tokens until you generate another
          one and deploy it.
        </p>
      ) : null}
      <p>This cannot be undone.</p>
    </ConfirmMutationDialog>
  );
}
