"use client";

import { useState } from "react";
import { ConfirmMutationDialog } from "@/components/ui/confirm-mutation-dialog";
import type { GrantsView } from "./grants-table";
import { useRevokeGrant } from "./oauth-grant-queries";
import type { OAuthGrant } from "./oauth-grant-types";

/** Asks before revoking a grant and names what breaks: the app's tokens, at once. */
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
    <ConfirmMutationDialog
      title={`Revoke “${grant.app.name}”?`}
      confirmLabel="Revoke access"
      pendingLabel="Revoking…"
      pending={revoke.isPending}
      error={error}
      onConfirm={confirm}
      onClose={onClose}
    >
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
    </ConfirmMutationDialog>
  );
}
