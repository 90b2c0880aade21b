"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { GrantsView } from "./grants-table";
import { useRevokeGrant } from "./oauth-grant-queries";
import type { OAuthGrant } from "./oauth-grant-types";

/**
 * Asks before revoking a grant and names what breaks: the app's tokens, at once. Cancel has the
 * focus, so Enter on the wrong row revokes nothing.
 */
export function RevokeGrantDialog({
  grant,
  view,
  organizationId,
  onClose,
  onRevoked,
}: {
  grant: OAuthGrant;
  view: GrantsView;
  /** The organization an owner or admin acts in; none for the user's own grant. */
  organizationId?: string;
  onClose: () => void;
  onRevoked: (grant: OAuthGrant) => void;
}) {
  const revoke = useRevokeGrant(organizationId);
  const [error, setError] = useState<string | null>(null);
  const who = view === "mine" ? "you" : grant.user.name;

  function confirm() {
    setError(null);
    revoke.mutate(grant.id, {
      onSuccess: () => onRevoked(grant),
      onError: (e) => setError(`Access was not revoked: ${e.message}`),
    });
  }

  return (
    <Dialog
      role="alertdialog"
      size="sm"
      title={`Revoke “${grant.app.name}”?`}
      onClose={() => {
        if (!revoke.isPending) onClose();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={revoke.isPending} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} disabled={revoke.isPending}>
            {revoke.isPending ? "Revoking…" : "Revoke access"}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm text-slate-600 [overflow-wrap:anywhere]">
        <p>
          <strong className="text-slate-900">
            {`${grant.app.name} will no longer be able to act for ${who} in ${grant.organization.name}; its tokens stop working at once.`}
          </strong>
        </p>
        <p>
          {view === "mine"
            ? "To use it again, you will have to authorize it again."
            : `To use it again, ${grant.user.name} will have to authorize it again.`}
        </p>
        {error ? (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-red-700 ring-1 ring-red-200"
          >
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
